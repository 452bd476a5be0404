import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import {
  type Check,
  createHook,
  type DeploymentTargetInfo,
  HookReportError,
  InvalidHookEventError,
} from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';

// End to end: the real SDK over real HTTP into the local CodeDeploy, asserting what it recorded.
describe('createHook against the local CodeDeploy', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: {
        accessKeyId: local.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
      },
      maxAttempts: 1,
    });
  });
  afterEach(() => local.close());

  const hook = (checks: Parameters<typeof createHook>[0], extra: object = {}) =>
    createHook(checks, {
      client,
      logger: captureLogger().logger,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      ...extra,
    });

  /** Starts a Lambda deployment whose BeforeAllowTraffic waits for us, and returns its event. */
  async function pendingHook() {
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '3',
      targetVersion: '4',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const event = await d.nextHookEvent();
    return {
      d,
      event: {
        DeploymentId: event.DeploymentId,
        LifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      },
    };
  }
  const recorded = (id: string) => local.reports.filter((r) => r.lifecycleEventHookExecutionId === id);

  it.each<[string, Check, 'Succeeded' | 'Failed']>([
    ['passes', () => true, 'Succeeded'],
    ['returns false', () => false, 'Failed'],
    [
      'throws',
      () => {
        throw new Error('boom');
      },
      'Failed',
    ],
    ['rejects with a non-Error', () => Promise.reject({ code: 42 }), 'Failed'],
    ['hangs past the deadline', () => new Promise(() => {}), 'Failed'],
  ])('records exactly one report when the check %s', async (_, check, status) => {
    const { d, event } = await pendingHook();
    const result = await hook({ check }, { timeout: 100 })(event, lambdaContext(10_000));
    expect(result.status).toBe(status);
    expect(recorded(event.LifecycleEventHookExecutionId)).toEqual([
      expect.objectContaining({ deploymentId: event.DeploymentId, status, outcome: 'accepted' }),
    ]);
    const outcome = await d.done;
    expect(outcome.status).toBe(status === 'Succeeded' ? 'Succeeded' : 'Failed');
  });

  it.each([
    ['throttled', { kind: 'throttle', times: 2 }],
    ['answered 503', { kind: 'error5xx', status: 503, times: 2 }],
    ['reset', { kind: 'reset', times: 1 }],
  ] as const)('retries a report that is %s, and records one', async (_, fault) => {
    const { event } = await pendingHook();
    local.faults.inject('PutLifecycleEventHookExecutionStatus', fault);
    const result = await hook(() => true)(event, lambdaContext(10_000));
    expect(result.reported).toBe(true);
    expect(
      recorded(event.LifecycleEventHookExecutionId).filter((r) => r.outcome === 'accepted'),
    ).toHaveLength(1);
  });

  it('returns normally when the execution was already reported, and records no second status', async () => {
    const { event } = await pendingHook();
    const first = await hook(() => true)(event, lambdaContext(10_000));
    const second = await hook(() => false)(event, lambdaContext(10_000));
    expect([first.reported, second.reported]).toEqual([true, 'already-completed']);
    expect(recorded(event.LifecycleEventHookExecutionId).map((r) => [r.status, r.outcome])).toEqual([
      ['Succeeded', 'accepted'],
      ['Failed', 'LifecycleEventAlreadyCompletedException'],
    ]);
  });

  it('throws REPORT_CREDENTIALS when strict SigV4 refuses the signature, and records nothing', async () => {
    await local.close();
    local = await startLocalCodeDeploy({
      timeScale: 0,
      credentials: { accessKeyId: 'AKIDGOOD', secretAccessKey: 'right' },
    });
    const { event } = await pendingHook();
    const wrong = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'AKIDGOOD', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    const error = await hook(() => true, { client: wrong })(event, lambdaContext(10_000)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HookReportError);
    expect(error).toMatchObject({ code: 'REPORT_CREDENTIALS' });
    expect(
      recorded(event.LifecycleEventHookExecutionId).filter((r) => r.outcome === 'accepted'),
    ).toHaveLength(0);
  });

  it('throws REPORT_INVALID_EXECUTION_ID for an execution ID this deployment never issued', async () => {
    const { event } = await pendingHook();
    const error = await hook(() => true)(
      { ...event, LifecycleEventHookExecutionId: 'not-an-execution' },
      lambdaContext(10_000),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HookReportError', code: 'REPORT_INVALID_EXECUTION_ID' });
  });

  it('throws REPORT_DEPLOYMENT_NOT_FOUND for an unknown deployment', async () => {
    const error = await hook(() => true)(
      { DeploymentId: 'd-NOTHERE00', LifecycleEventHookExecutionId: 'x' },
      lambdaContext(10_000),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HookReportError', code: 'REPORT_DEPLOYMENT_NOT_FOUND' });
  });

  it('throws InvalidHookEventError for a malformed event and sends nothing', async () => {
    const before = local.requests.length;
    const error = await hook(() => true)({ DeploymentId: 12 } as never, lambdaContext(10_000)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidHookEventError);
    expect(local.requests.length).toBe(before);
  });

  it('runs as the deployment’s hooks: target() names the version and the lifecycle event, and a failing post-traffic hook rolls back', async () => {
    const seen: DeploymentTargetInfo[] = [];
    const watch = (pass: boolean) =>
      hook(async (ctx) => {
        seen.push(await ctx.target());
        return pass;
      });
    const d = await local.deployLambda({
      functionName: 'orders',
      currentVersion: '3',
      targetVersion: '4',
      autoRollback: true,
      hooks: { BeforeAllowTraffic: watch(true), AfterAllowTraffic: watch(false) },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(seen.slice(0, 2)).toEqual([
      expect.objectContaining({
        kind: 'lambda',
        functionName: 'orders',
        currentVersion: '3',
        targetVersion: '4',
        lifecycleEvent: 'BeforeAllowTraffic',
      }),
      expect.objectContaining({ kind: 'lambda', targetVersion: '4', lifecycleEvent: 'AfterAllowTraffic' }),
    ]);
  });

  it('reports through a client it creates itself from AWS_ENDPOINT_URL_CODEDEPLOY', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, local.env);
    try {
      const { event } = await pendingHook();
      const result = await createHook(() => true, { logger: captureLogger().logger })(
        event,
        lambdaContext(10_000),
      );
      expect(result.reported).toBe(true);
      expect(recorded(event.LifecycleEventHookExecutionId)).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });
});
