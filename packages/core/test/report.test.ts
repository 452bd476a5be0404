import { createHook, HookReportError } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

describe('reporting the verdict', () => {
  let server: TestCodeDeploy;
  let n = 200;
  beforeEach(async () => {
    server = await TestCodeDeploy.start();
  });
  afterEach(() => server.close());

  const fast = { baseDelayMs: 5, maxDelayMs: 20 };
  const hook = (extra: object = {}) =>
    createHook(() => true, {
      client: server.client(),
      logger: captureLogger().logger,
      retry: fast,
      ...extra,
    });

  it('reports exactly once when the first call is throttled', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'ThrottlingException',
    });
    const result = await hook()(event(++n), lambdaContext(10_000));
    expect(result.reported).toBe(true);
    expect(server.attempts()).toBe(2);
    expect(server.reports).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('retries a %i answer and reports once', async (status) => {
    server.script(
      'PutLifecycleEventHookExecutionStatus',
      { kind: 'error', status, type: 'InternalFailure' },
      {
        kind: 'error',
        status,
        type: 'ServiceUnavailable',
      },
    );
    const result = await hook()(event(++n), lambdaContext(10_000));
    expect(result.reported).toBe(true);
    expect(server.attempts()).toBe(3);
    expect(server.reports).toHaveLength(1);
  });

  it('retries a connection reset', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', { kind: 'reset' });
    const result = await hook()(event(++n), lambdaContext(10_000));
    expect(result.reported).toBe(true);
    expect(server.reports).toHaveLength(1);
  });

  it('abandons an attempt with no answer within attemptTimeoutMs and retries; the late first report wins once', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', { kind: 'delay', ms: 400 });
    const result = await hook({ retry: { ...fast, attemptTimeoutMs: 100 } })(
      event(++n),
      lambdaContext(10_000),
    );
    // Whichever request CodeDeploy processed first recorded the status; the other was told it was already done.
    expect([true, 'already-completed']).toContain(result.reported);
    expect(server.reports).toHaveLength(1);
  });

  it('returns normally, saying so, when an earlier invocation already reported', async () => {
    const e = event(++n);
    const first = await hook()(e, lambdaContext(10_000));
    const { lines, logger } = captureLogger();
    const second = await createHook(() => true, { client: server.client(), logger })(
      e,
      lambdaContext(10_000),
    );
    expect(first.reported).toBe(true);
    expect(second.reported).toBe('already-completed');
    expect(server.reports).toHaveLength(1);
    expect(lines.some((l) => /already reported/.test(l.message))).toBe(true);
  });

  it('throws HookReportError saying which IAM action and resource to allow on AccessDenied, without retrying', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123:assumed-role/hook is not authorized to perform: codedeploy:PutLifecycleEventHookExecutionStatus',
    });
    const error = await hook()(event(++n), lambdaContext(10_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookReportError);
    expect(error).toMatchObject({
      code: 'REPORT_ACCESS_DENIED',
      status: 'Succeeded',
      attempts: 1,
      deploymentId: 'd-ABCDEF123',
    });
    expect((error as Error).message).toContain('codedeploy:PutLifecycleEventHookExecutionStatus');
    expect((error as Error).message).toContain(
      'arn:aws:codedeploy:REGION:ACCOUNT_ID:deploymentgroup:APPLICATION_NAME/DEPLOYMENT_GROUP_NAME',
    );
    expect(server.attempts()).toBe(1);
    expect(server.reports).toHaveLength(0);
  });

  it.each([
    ['DeploymentDoesNotExistException', 'REPORT_DEPLOYMENT_NOT_FOUND', /account and region/],
    ['InvalidLifecycleEventHookExecutionIdException', 'REPORT_INVALID_EXECUTION_ID', /unchanged/],
    ['UnrecognizedClientException', 'REPORT_CREDENTIALS', /credentials/],
    ['UnsupportedActionForDeploymentTypeException', 'REPORT_REJECTED', /refused/],
  ])('turns %s into HookReportError %s', async (type, code, message) => {
    server.script('PutLifecycleEventHookExecutionStatus', { kind: 'error', status: 400, type });
    const error = await hook()(event(++n), lambdaContext(10_000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HookReportError', code });
    expect((error as Error).message).toMatch(message);
    expect((error as Error & { cause: { name: string } }).cause.name).toBe(type);
  });

  it('throws REPORT_RETRIES_EXHAUSTED before the Lambda deadline when every attempt is throttled, with nothing recorded', async () => {
    const throttle = { kind: 'error', status: 400, type: 'ThrottlingException' } as const;
    server.script('PutLifecycleEventHookExecutionStatus', ...Array.from({ length: 100 }, () => throttle));
    const context = lambdaContext(1_500);
    const error = await hook({ retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 100 } })(
      event(++n),
      context,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED' });
    expect((error as HookReportError).attempts).toBeGreaterThan(1);
    expect(Date.now()).toBeLessThan(context.end);
    expect(server.reports).toHaveLength(0);
  });

  it('stops after retry.maxAttempts', async () => {
    const throttle = { kind: 'error', status: 400, type: 'ThrottlingException' } as const;
    server.script('PutLifecycleEventHookExecutionStatus', throttle, throttle, throttle, throttle);
    const error = await hook({ retry: { ...fast, maxAttempts: 3 } })(event(++n), lambdaContext(10_000)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED', attempts: 3 });
    expect(server.attempts()).toBe(3);
  });

  it('retries a refused connection until it succeeds or the deadline', async () => {
    const port = Number(new URL(server.endpoint).port);
    await server.close();
    const { CodeDeployClient } = await import('@aws-sdk/client-codedeploy');
    const client = new CodeDeployClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const context = lambdaContext(1_500);
    const error = await createHook(() => true, { client, logger: captureLogger().logger, retry: fast })(
      event(++n),
      context,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED' });
    expect((error as HookReportError).attempts).toBeGreaterThan(1);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(Date.now()).toBeLessThan(context.end);
    server = await TestCodeDeploy.start();
  });
});
