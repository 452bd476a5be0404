import { greenlight, HookReportError, InvalidHookEventError } from '@greenlight/middy';
import middy from '@middy/core';
import {
  captureLogger,
  hookEvent,
  lambdaContext,
  ScriptedCodeDeploy,
  sdkClient,
  useEndpoint,
} from './helpers/codedeploy-server.js';

// The matrix of the core's end-to-end tests, through middy: the real SDK client over real HTTP into a server
// speaking awsJson1_1; assertions are on what the server recorded. Twice: with the middleware's default
// client (configured by the environment) and with a client passed in (the two report paths).
describe.each([
  ['the default client', false],
  ['a client passed in', true],
])('the greenlight middleware reports what the handler decided, exactly once, with %s', (_, explicit) => {
  let server: ScriptedCodeDeploy;
  let restore: () => void;
  beforeEach(async () => {
    server = await ScriptedCodeDeploy.start();
    restore = useEndpoint(server.endpoint);
  });
  afterEach(async () => {
    restore();
    await server.close();
  });

  const fast = { baseDelayMs: 5, maxDelayMs: 20 };
  const client = () => (explicit ? { client: sdkClient(server.endpoint) } : {});
  const hook = (handler: (event: unknown) => unknown) =>
    middy({ timeoutEarlyInMillis: 1_000 })
      .use(greenlight({ logger: captureLogger().logger, retry: fast, ...client() }))
      .handler(async (event: unknown) => handler(event));

  it('reports Succeeded when the handler returns, and returns a HookResult', async () => {
    const event = hookEvent();
    const result = await hook(() => true)(event, lambdaContext(10_000) as never);
    expect(server.reports.map((r) => r.body)).toEqual([
      {
        deploymentId: 'd-75I7MBT7C',
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      },
    ]);
    expect(result).toMatchObject({
      status: 'Succeeded',
      reported: true,
      mode: 'normal',
      deploymentId: 'd-75I7MBT7C',
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      checks: [{ name: 'handler', status: 'Succeeded' }],
    });
    expect(result).not.toHaveProperty('reason');
  });

  it.each([
    ['undefined', undefined],
    ['true', true],
    ['{ passed: true }', { passed: true }],
    ['any other value', { statusCode: 200 }],
  ])('treats a handler returning %s as passing', async (_, value) => {
    const result = await hook(() => value)(hookEvent(), lambdaContext(10_000) as never);
    expect(result.status).toBe('Succeeded');
    expect(server.reports.map((r) => r.body.status)).toEqual(['Succeeded']);
  });

  it('reports Failed when the handler returns false', async () => {
    const result = await hook(() => false)(hookEvent(), lambdaContext(10_000) as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result).toMatchObject({ status: 'Failed', reason: 'returned false', reported: true });
  });

  it('reports Failed with the reason of a failing verdict', async () => {
    const result = await hook(() => ({ passed: false, reason: 'error rate 7% > 5%' }))(
      hookEvent(),
      lambdaContext(10_000) as never,
    );
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result).toMatchObject({ status: 'Failed', reason: 'error rate 7% > 5%' });
    expect(result.checks[0]).toMatchObject({
      name: 'handler',
      status: 'Failed',
      reason: 'error rate 7% > 5%',
    });
  });

  it('reports Failed when the handler throws, and returns normally with the reason', async () => {
    const result = await hook(() => {
      throw new RangeError('p99 latency 2.1 s');
    })(hookEvent(), lambdaContext(10_000) as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result).toMatchObject({
      status: 'Failed',
      reason: 'RangeError: p99 latency 2.1 s',
      reported: true,
    });
  });

  it('reports Failed when the handler rejects with a non-Error', async () => {
    const result = await hook(() => Promise.reject('nope'))(hookEvent(), lambdaContext(10_000) as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result.reason).toBe('nope');
  });

  it('reports exactly once when the first call is throttled', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'ThrottlingException',
    });
    const result = await hook(() => true)(hookEvent(), lambdaContext(10_000) as never);
    expect(result.reported).toBe(true);
    expect(server.attempts()).toBe(2);
    expect(server.reports).toHaveLength(1);
  });

  it.each([500, 503])('retries a %i answer and reports once', async (status) => {
    server.script(
      'PutLifecycleEventHookExecutionStatus',
      { kind: 'error', status, type: 'InternalFailure' },
      { kind: 'error', status, type: 'ServiceUnavailable' },
    );
    const result = await hook(() => false)(hookEvent(), lambdaContext(10_000) as never);
    expect(result).toMatchObject({ status: 'Failed', reported: true });
    expect(server.attempts()).toBe(3);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
  });

  it('retries a connection reset', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', { kind: 'reset' });
    const result = await hook(() => true)(hookEvent(), lambdaContext(10_000) as never);
    expect(result.reported).toBe(true);
    expect(server.reports).toHaveLength(1);
  });

  it('returns normally, saying so, when an earlier invocation already reported', async () => {
    const event = hookEvent();
    const first = await hook(() => true)(event, lambdaContext(10_000) as never);
    const { lines, logger } = captureLogger();
    const second = await middy()
      .use(greenlight({ logger, ...client() }))
      .handler(async () => true)(event, lambdaContext(10_000) as never);
    expect(first.reported).toBe(true);
    expect(second).toMatchObject({ status: 'Succeeded', reported: 'already-completed' });
    expect(server.attempts()).toBe(2);
    expect(server.reports).toHaveLength(1);
    expect(lines.some((l) => /already reported/.test(l.message))).toBe(true);
  });

  it('throws HookReportError naming the IAM action on AccessDenied, after one attempt and no second report', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'AccessDeniedException',
      message: 'not authorized to perform: codedeploy:PutLifecycleEventHookExecutionStatus',
    });
    const error = await hook(() => true)(hookEvent(), lambdaContext(10_000) as never).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HookReportError);
    expect(error).toMatchObject({ code: 'REPORT_ACCESS_DENIED', status: 'Succeeded', attempts: 1 });
    expect((error as Error).message).toContain('codedeploy:PutLifecycleEventHookExecutionStatus');
    expect(server.attempts()).toBe(1);
    expect(server.reports).toHaveLength(0);
  });

  it('throws HookReportError when the handler failed and the Failed report is refused', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'DeploymentDoesNotExistException',
    });
    const error = await hook(() => {
      throw new Error('boom');
    })(hookEvent(), lambdaContext(10_000) as never).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'HookReportError',
      code: 'REPORT_DEPLOYMENT_NOT_FOUND',
      status: 'Failed',
    });
    expect(server.attempts()).toBe(1);
  });

  it.each([
    ['an empty object', {}, 'DeploymentId'],
    ['a number ID', { DeploymentId: 7, LifecycleEventHookExecutionId: 'x' }, 'DeploymentId'],
    ['no execution ID', { DeploymentId: 'd-75I7MBT7C' }, 'LifecycleEventHookExecutionId'],
    ['a string', 'd-75I7MBT7C', 'event'],
  ])(
    'throws InvalidHookEventError for %s, without running the handler or reporting',
    async (_, event, field) => {
      let ran = false;
      const error = await hook(() => {
        ran = true;
        return true;
      })(event, lambdaContext(10_000) as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidHookEventError);
      expect(error).toMatchObject({ code: 'INVALID_HOOK_EVENT', field });
      expect(ran).toBe(false);
      expect(server.calls).toHaveLength(0);
    },
  );
});
