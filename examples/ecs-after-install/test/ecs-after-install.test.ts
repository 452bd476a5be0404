import type { CodeDeployHookEvent, HookHandler, HookResult } from '@greenlight/core';
import {
  type AwsServices,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '@greenlight/local';

let local: LocalCodeDeploy;
let services: AwsServices;
let handler: HookHandler;

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  services = local.services!; // the Lambda, CloudWatch, ELBv2 and ECS slices on the same endpoint
  // The hook's Lambda configuration, set before its module loads (as Lambda does).
  Object.assign(process.env, local.env, { STEADY_TIMEOUT_MS: '1500' });
  ({ handler } = await import('../src/handler.js'));
});

afterAll(() => local.close());

/** The replacement task set of the service, as the engine started it at Install. */
const replacement = () =>
  local.state.ecsServices.get('shop:orders')?.taskSets.find((t) => t.taskSetLabel === 'Green');

/** Deploys with the hook; `beforeHook` changes the world when the hook is called (after Install). */
async function deploy(beforeHook: () => void = () => {}) {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    beforeHook();
    results.push(await handler(event, context as unknown as Parameters<HookHandler>[1]));
  };
  const deployment = await local.deployEcs({
    cluster: 'shop',
    service: 'orders',
    desiredCount: 3,
    autoRollback: true,
    hooks: { AfterInstall: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return { deployment, outcome, results };
}

describe('ECS AfterInstall: the replacement task set is steady', () => {
  it('passes when every replacement task runs, and the deployment completes', async () => {
    const { outcome, results } = await deploy();
    expect(outcome.status).toBe('Succeeded');
    expect(results[0]?.checks[0]).toMatchObject({ name: 'steady', status: 'Succeeded' });
    expect(results[0]?.checks[0]?.reason).toContain('3 of 3 tasks running');
  });

  it('fails when the replacement tasks crash-loop, and the deployment rolls back', async () => {
    const { deployment, outcome, results } = await deploy(() => {
      const green = replacement()!;
      services.ecs.updateTaskSet('shop', 'orders', green.identifer, { runningCount: 1, pendingCount: 2 });
    });
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(results[0]?.checks[0]?.status).toBe('Failed');
    expect(results[0]?.checks[0]?.reason).toContain('not steady');
    const events = Object.fromEntries(deployment.timeline.map((e) => [e.lifecycleEvent, e.status]));
    expect(events).toMatchObject({
      Install: 'Succeeded',
      AfterInstall: 'Failed',
      AllowTestTraffic: 'Skipped',
    });
  });
});
