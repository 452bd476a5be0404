import type { CodeDeployHookEvent, HookResult } from '@greenlight/core';
import {
  type LambdaHandler,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  // The hook's environment: its SDK clients (CodeDeploy, and Lambda for the checks) talk to the local endpoint,
  // which also answers Lambda Invoke, CloudWatch, ELBv2 and ECS.
  Object.assign(process.env, local.env);
});

afterAll(() => local.close());

/** The code of one version of the `orders` function; a broken one throws, as a bad release would. */
function ordersVersion(version: string, broken = false): LambdaHandler {
  return async (event) => {
    if (broken) throw new TypeError("Cannot read properties of undefined (reading 'price')");
    const request = event as { action?: string; items?: { qty: number }[] };
    if (request.action === 'quote') {
      return {
        status: 'ok',
        version,
        total: (request.items ?? []).reduce((sum, item) => sum + 9.5 * item.qty, 0),
      };
    }
    return { status: 'ok', version };
  };
}

/** Deploys version 2 of `orders` (a canary) with the hook, and keeps what the hook returned. */
async function deploy(version2: LambdaHandler) {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    results.push(await handler(event, context as unknown as Parameters<typeof handler>[1]));
  };
  const deployment = await local.deployLambda({
    functionName: 'orders',
    currentVersion: '1',
    targetVersion: '2',
    versions: { '1': ordersVersion('1'), '2': version2 },
    config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    autoRollback: true,
    hooks: { BeforeAllowTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return { deployment, outcome, results };
}

const liveVersion = () => local.state.lambdaFunctions.get('orders')?.aliases.get('live')?.version;

describe('Lambda BeforeAllowTraffic: invoke the target version', () => {
  it('passes a good version 2, which then takes all the traffic', async () => {
    const { outcome, results } = await deploy(ordersVersion('2'));
    expect(outcome.status).toBe('Succeeded');
    expect(results[0]?.status).toBe('Succeeded');
    expect(results[0]?.checks.map((c) => [c.name, c.status, c.reason])).toEqual([
      ['health', 'Succeeded', 'orders:2 answered as expected'],
      ['quote', 'Succeeded', 'orders:2 answered as expected'],
    ]);
    expect(liveVersion()).toBe('2');
  });

  it('fails a broken version 2 with its error, and the deployment rolls back to version 1', async () => {
    const { deployment, outcome, results } = await deploy(ordersVersion('2', true));
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toMatch(/^d-/);
    expect(outcome.rollbackStatus).toBe('Succeeded');
    expect(results[0]?.reason).toContain("TypeError: Cannot read properties of undefined (reading 'price')");
    const events = Object.fromEntries(deployment.timeline.map((e) => [e.lifecycleEvent, e.status]));
    expect(events).toEqual({
      BeforeAllowTraffic: 'Failed',
      AllowTraffic: 'Skipped',
      AfterAllowTraffic: 'Skipped',
    });
    expect(liveVersion()).toBe('1');
  });
});
