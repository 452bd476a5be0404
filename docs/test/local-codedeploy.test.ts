// docs/test/local-codedeploy.test.ts
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';

describe('my pre-traffic hook', () => {
  let local: LocalCodeDeploy;
  // timeScale 0.001: a 10-minute canary takes 0.6 s; the one-hour hook timeout, 3.6 s.
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 });
  });
  afterEach(() => local.close());

  const client = () =>
    new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

  it('lets a good release through, even when CodeDeploy throttles the report', async () => {
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', times: 2 });
    const hook = createHook(
      { newVersion: async (ctx) => (await ctx.target()).kind === 'lambda' },
      { client: client() },
    );
    const deployment = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      hooks: { BeforeAllowTraffic: hook },
    });
    const outcome = await deployment.done;
    expect(outcome.status).toBe('Succeeded');
    expect(deployment.timeline.map((e) => [e.lifecycleEvent, e.status])).toEqual([
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Succeeded'], // no hook for it: it succeeds at once, as on AWS
    ]);
  });

  it('stops a bad release and rolls it back', async () => {
    const hook = createHook(
      { smoke: () => ({ passed: false, reason: 'p99 900 ms > 300 ms' }) },
      { client: client() },
    );
    const deployment = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      autoRollback: true,
      hooks: { BeforeAllowTraffic: hook },
    });
    const outcome = await deployment.done;
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toBeDefined();
  });
});
