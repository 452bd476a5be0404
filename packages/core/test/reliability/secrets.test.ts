import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { lambdaContext } from '@greenlight/test-support/codedeploy-server';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN';

describe('logs never carry credentials or request signatures', () => {
  let local: LocalCodeDeploy;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({
      timeScale: 0,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
    });
  });
  afterAll(() => local.close());

  it('across success, failure, lookup errors, refused signatures and exhausted retries, at DEBUG level', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = new Logger({ serviceName: 'scan', logLevel: 'DEBUG', logRecordOrder: ['message'] });
    // Powertools writes through its own console; point it at the sink.
    (logger as unknown as { console: Console }).console = new console.Console({ stdout: sink, stderr: sink });
    const client = (secretAccessKey: string) =>
      new CodeDeployClient({
        endpoint: local.endpoint,
        region: local.region,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey, sessionToken: TOKEN },
        maxAttempts: 1,
      });
    const deploy = async () => {
      const d = await local.deployLambda({
        functionName: 'fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: { BeforeAllowTraffic: 'manual' },
      });
      const e = await d.nextHookEvent();
      return { DeploymentId: e.DeploymentId, LifecycleEventHookExecutionId: e.LifecycleEventHookExecutionId };
    };
    const options = { logger, retry: { baseDelayMs: 1, maxDelayMs: 2 } };
    await createHook(
      { ok: async (ctx) => Boolean(await ctx.target()) },
      { ...options, client: client(SECRET) },
    )(await deploy(), lambdaContext(5_000));
    await createHook({ bad: () => false }, { ...options, client: client(SECRET) })(
      await deploy(),
      lambdaContext(5_000),
    );
    await createHook(
      { lookup: async (ctx) => Boolean(await ctx.deployment()) },
      { ...options, client: client('wrong') },
    )(await deploy(), lambdaContext(5_000)).catch(() => {});
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle' });
    await createHook(() => true, { ...options, client: client(SECRET) })(
      await deploy(),
      lambdaContext(1_500),
    ).catch(() => {});
    local.faults.clear();

    expect(out).toContain('greenlight hook verdict');
    expect(out).toContain('could not report');
    for (const secret of [
      SECRET,
      TOKEN,
      'Signature=',
      'AWS4-HMAC-SHA256',
      'X-Amz-Security-Token',
      'authorization',
    ]) {
      expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
