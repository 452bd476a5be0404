import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { greenlight, HookReportError } from '@greenlight/middy';
import middy from '@middy/core';
import { captureLogger, lambdaContext } from './helpers/codedeploy-server.js';

// The same contract against the local CodeDeploy: the real SDK over real HTTP into @greenlight/local, with
// its deployment engine, its validation and its fault injection; assertions on what it recorded.
describe('against the local CodeDeploy', () => {
  let local: LocalCodeDeploy;
  let saved: NodeJS.ProcessEnv;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    saved = { ...process.env };
    Object.assign(process.env, local.env);
  });
  afterEach(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await local.close();
  });

  const fast = { baseDelayMs: 5, maxDelayMs: 20 };
  const hook = (check: () => unknown) =>
    middy({ timeoutEarlyInMillis: 1_000 })
      .use(greenlight({ logger: captureLogger().logger, retry: fast }))
      .handler(async () => check());
  /** A middy handler as the local CodeDeploy invokes a Lambda handler: (event, context). */
  const inProcess =
    (handler: ReturnType<typeof hook>) =>
    (event: unknown, context: unknown): Promise<unknown> =>
      handler(event, context as never);

  it('lets a Lambda deployment through when the handler passes, with one report per hook', async () => {
    const handler = inProcess(hook(() => true));
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: handler, AfterAllowTraffic: handler },
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(local.reports.map((r) => [r.status, r.outcome])).toEqual([
      ['Succeeded', 'accepted'],
      ['Succeeded', 'accepted'],
    ]);
  });

  it('stops the deployment when the handler returns a failing verdict', async () => {
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: inProcess(hook(() => ({ passed: false, reason: '5xx rate 12%' }))) },
    });
    expect((await d.done).status).toBe('Failed');
    expect(local.reports.map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports through injected throttling and 5xx, exactly once', async () => {
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', times: 1 });
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'error5xx', status: 503, times: 1 });
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const event = await d.nextHookEvent();
    const result = await hook(() => true)(
      {
        DeploymentId: event.DeploymentId,
        LifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      },
      lambdaContext(10_000) as never,
    );
    expect(result).toMatchObject({ status: 'Succeeded', reported: true });
    expect(local.reports.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect((await d.done).status).toBe('Succeeded');
  });

  it('is idempotent when the event is delivered twice', async () => {
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const { lifecycleEvent: _, ...event } = await d.nextHookEvent();
    const first = await hook(() => true)(event, lambdaContext(10_000) as never);
    const second = await hook(() => true)(event, lambdaContext(10_000) as never);
    expect([first.reported, second.reported]).toEqual([true, 'already-completed']);
    expect(local.reports.map((r) => r.outcome)).toEqual([
      'accepted',
      'LifecycleEventAlreadyCompletedException',
    ]);
  });

  it('throws HookReportError when the execution ID is not one CodeDeploy issued', async () => {
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const event = await d.nextHookEvent();
    const error = await hook(() => true)(
      { DeploymentId: event.DeploymentId, LifecycleEventHookExecutionId: 'not-an-execution-id' },
      lambdaContext(10_000) as never,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookReportError);
    expect(error).toMatchObject({ code: 'REPORT_INVALID_EXECUTION_ID', attempts: 1 });
    expect(local.reports.filter((r) => r.outcome === 'accepted')).toHaveLength(0);
    d.stop();
  });
});
