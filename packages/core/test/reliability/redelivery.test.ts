import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';

describe('the same event delivered three times', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
  });
  afterEach(() => local.close());

  async function pending() {
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const e = await d.nextHookEvent();
    return { DeploymentId: e.DeploymentId, LifecycleEventHookExecutionId: e.LifecycleEventHookExecutionId };
  }
  const accepted = (id: string) =>
    local.reports.filter((r) => r.lifecycleEventHookExecutionId === id && r.outcome === 'accepted');
  const handler = () => createHook({ smoke: async () => true }, { client, logger: captureLogger().logger });

  it('one after the other: one status recorded, every invocation ends normally', async () => {
    const event = await pending();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await handler()(event, lambdaContext(10_000)));
    expect(results.map((r) => r.reported)).toEqual([true, 'already-completed', 'already-completed']);
    expect(accepted(event.LifecycleEventHookExecutionId)).toHaveLength(1);
  });

  it('concurrently: one status recorded, every invocation ends normally', async () => {
    const event = await pending();
    const results = await Promise.all([1, 2, 3].map(() => handler()(event, lambdaContext(10_000))));
    expect(results.map((r) => r.reported).sort()).toEqual(
      ['already-completed', 'already-completed', true].sort(),
    );
    expect(accepted(event.LifecycleEventHookExecutionId)).toHaveLength(1);
  });
});
