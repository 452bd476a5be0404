import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook, type HookReportError } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const fast = { baseDelayMs: 1, maxDelayMs: 2 };
const failure = (p: Promise<unknown>) => p.catch((e: unknown) => e) as Promise<HookReportError>;

describe('what the hook says when it cannot report', () => {
  const saved = { ...process.env };
  let n = 1100;
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('names a missing region as such (REPORT_REGION_MISSING), not as a refusal', async () => {
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_PROFILE;
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    const client = new CodeDeployClient({ credentials, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const error = await failure(
      createHook(() => true, { client, logger: captureLogger().logger })(event(++n), lambdaContext(3_000)),
    );
    expect(error).toMatchObject({ code: 'REPORT_REGION_MISSING', attempts: 1 });
    expect(error.message).toMatch(/no usable AWS region: set AWS_REGION/);
    expect(error.message).not.toMatch(/refused/);
  });

  it.each([
    [
      'a client',
      () => ({
        client: new CodeDeployClient({
          credentials,
          region: 'us-east-1',
          endpoint: 'not a url',
          maxAttempts: 1,
        }),
      }),
    ],
    [
      'AWS_ENDPOINT_URL_CODEDEPLOY',
      () => {
        Object.assign(process.env, {
          AWS_ENDPOINT_URL_CODEDEPLOY: 'not a url',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIDTEST',
          AWS_SECRET_ACCESS_KEY: 'secret',
        });
        return {};
      },
    ],
  ])('names an endpoint that is not a URL, from %s (REPORT_ENDPOINT_INVALID)', async (_, options) => {
    const error = await failure(
      createHook(() => true, { ...options(), logger: captureLogger().logger })(
        event(++n),
        lambdaContext(3_000),
      ),
    );
    expect(error).toMatchObject({ code: 'REPORT_ENDPOINT_INVALID', attempts: 1 });
    expect(error.message).toMatch(/endpoint is not a URL \(not a url\)/);
  });
});

describe('answers that cannot be read, or say too much', () => {
  let server: TestCodeDeploy;
  let n = 1200;
  beforeEach(async () => {
    server = await TestCodeDeploy.start();
  });
  afterEach(() => server.close());
  const put = 'PutLifecycleEventHookExecutionStatus';

  it('asks again after an unreadable 200, and is told the report had landed', async () => {
    server.script(put, { kind: 'garbage' });
    const result = await createHook(() => true, {
      client: server.client(),
      logger: captureLogger().logger,
      retry: fast,
    })(event(++n), lambdaContext(5_000));
    expect(result.reported).toBe('already-completed');
    expect(server.reports).toHaveLength(1);
  });

  it('says the report may have landed (REPORT_OUTCOME_UNKNOWN) when no attempt could confirm it', async () => {
    server.script(put, { kind: 'garbage' });
    const error = await failure(
      createHook(() => true, {
        client: server.client(),
        logger: captureLogger().logger,
        retry: { ...fast, maxAttempts: 1 },
      })(event(++n), lambdaContext(5_000)),
    );
    expect(error).toMatchObject({ code: 'REPORT_OUTCOME_UNKNOWN', status: 'Succeeded', attempts: 1 });
    expect(error.message).toMatch(/the report may have landed/);
    expect(error.message).not.toMatch(/refused/);
  });

  it('keeps a 5 MB error message from the endpoint to a few KB, thrown and logged', async () => {
    server.script(put, {
      kind: 'error',
      status: 400,
      type: 'ValidationException',
      message: 'x'.repeat(5_000_000),
    });
    const { lines, logger } = captureLogger();
    const error = await failure(
      createHook(() => true, { client: server.client(), logger })(event(++n), lambdaContext(5_000)),
    );
    expect(error).toMatchObject({ code: 'REPORT_REJECTED' });
    expect(error.message.length).toBeLessThan(2_000);
    expect(String((error.cause as Error).message).length).toBeLessThanOrEqual(4_000);
    expect(String((error.cause as Error).stack).length).toBeLessThan(6_000);
    expect(
      JSON.stringify(lines, (_, v) =>
        v instanceof Error ? { message: v.message, stack: v.stack, cause: v.cause } : v,
      ).length,
    ).toBeLessThan(40_000);
  });

  it('redacts credentials AWS quotes back (the canonical request’s x-amz-security-token, signatures) from what it throws and logs', async () => {
    const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKENvalue1234567890abcdefghijklmnopqrstuvwxyz0123456789ABCDEF';
    const signature = 'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
    server.script(put, {
      kind: 'error',
      status: 403,
      type: 'InvalidSignatureException',
      message: `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:codedeploy.us-east-1.amazonaws.com\nx-amz-date:20261126T000000Z\nx-amz-security-token:${token}\n'\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261126/us-east-1/codedeploy/aws4_request, SignedHeaders=host, ${signature}`,
    });
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = new Logger({ serviceName: 'scan', logLevel: 'DEBUG' });
    (logger as unknown as { console: Console }).console = new console.Console({ stdout: sink, stderr: sink });
    const error = await failure(
      createHook(() => true, { client: server.client(), logger })(event(++n), lambdaContext(5_000)),
    );
    expect(error).toMatchObject({ code: 'REPORT_CREDENTIALS' });
    expect(out).toContain('could not report');
    for (const text of [
      error.message,
      String(error.stack),
      String((error.cause as Error).message),
      String((error.cause as Error).stack),
      out,
    ]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(signature);
    }
    expect(error.message).toContain('x-amz-security-token:[REDACTED]');
  });
});

describe('a redelivery whose verdict differs from the one recorded', () => {
  let local: LocalCodeDeploy;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
  });
  afterAll(() => local.close());

  it('says what CodeDeploy holds, and that this verdict was not recorded', async () => {
    const client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials,
      maxAttempts: 1,
    });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const pending = await d.nextHookEvent();
    const e = {
      DeploymentId: pending.DeploymentId,
      LifecycleEventHookExecutionId: pending.LifecycleEventHookExecutionId,
    };
    const first = await createHook(() => true, { client, logger: captureLogger().logger })(
      e,
      lambdaContext(5_000),
    );
    const { lines, logger } = captureLogger();
    const again = await createHook(() => false, { client, logger })(e, lambdaContext(5_000));
    expect(first).toMatchObject({ status: 'Succeeded', reported: true });
    expect(again).toMatchObject({
      status: 'Failed',
      reported: 'already-completed',
      recordedStatus: 'Succeeded',
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/CodeDeploy holds Succeeded; this verdict, Failed, was not recorded/),
      }),
    );
  });
});
