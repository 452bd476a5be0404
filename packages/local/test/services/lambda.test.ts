import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { awsCli, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import type { LambdaHandler } from '../../src/index.js';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../../src/index.js';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('Lambda Invoke slice', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: LambdaClient;
  const randoms: number[] = [];
  const seen: { event: unknown; clientContext: unknown; version: string }[] = [];
  const version =
    (tag: string): LambdaHandler =>
    async (event, context) => {
      const ctx = context as unknown as { clientContext: unknown; functionVersion: string };
      seen.push({ event, clientContext: ctx.clientContext, version: ctx.functionVersion });
      return { tag, echo: event };
    };

  beforeAll(async () => {
    aws = localAws(
      await startLocalCodeDeploy({
        timeScale: 0,
        services: { random: () => randoms.shift() ?? 0.99, functionTimeoutMs: 300 },
      }),
    );
    client = new LambdaClient(aws.config);
    aws.services.lambda.registerFunction(
      'orders',
      {
        '1': version('v1'),
        '2': version('v2'),
        '3': async () => {
          throw new TypeError('price is not a number');
        },
        '4': () => new Promise(() => {}),
        '5': (_event, _context, callback?: (e: unknown, r?: unknown) => void) =>
          callback?.(null, 'called back'),
        '6': undefined,
      } as Record<string, LambdaHandler | undefined>,
      { live: { version: '1', additionalVersionWeights: { '2': 0.1 } } },
    );
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  it('invokes a version with the payload and hands the handler the decoded ClientContext', async () => {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'orders',
        Qualifier: '2',
        Payload: json({ orderId: 7 }),
        ClientContext: base64({ custom: { greenlight: 'smoke-test' } }),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('2');
    expect(JSON.parse(text(out.Payload))).toEqual({ tag: 'v2', echo: { orderId: 7 } });
    expect(seen.at(-1)).toEqual({
      event: { orderId: 7 },
      clientContext: { custom: { greenlight: 'smoke-test' } },
      version: '2',
    });
  });

  it('routes an alias by its weights and accepts a full ARN', async () => {
    randoms.push(0.05, 0.5);
    const first = await client.send(new InvokeCommand({ FunctionName: 'orders', Qualifier: 'live' }));
    const second = await client.send(
      new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live' }),
    );
    expect([first.ExecutedVersion, second.ExecutedVersion]).toEqual(['2', '1']);
    expect(JSON.parse(text(second.Payload))).toEqual({ tag: 'v1', echo: {} });
  });

  it('answers a handler error as X-Amz-Function-Error with the error payload and a log tail', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'orders', Qualifier: '3', LogType: 'Tail' }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = JSON.parse(text(out.Payload));
    expect(payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'price is not a number' });
    expect(Array.isArray(payload.trace)).toBe(true);
    expect(Buffer.from(out.LogResult ?? '', 'base64').toString()).toMatch(
      /^START RequestId: \S+ Version: 3\n.*ERROR/s,
    );
  });

  it('times a handler out at the function timeout', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'orders', Qualifier: '4' }));
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(out.Payload))).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Task timed out after 0\.30 seconds$/),
    });
  });

  it('supports callback handlers and says when a version has no code', async () => {
    const called = await client.send(new InvokeCommand({ FunctionName: 'orders', Qualifier: '5' }));
    expect(JSON.parse(text(called.Payload))).toBe('called back');
    const none = await client.send(new InvokeCommand({ FunctionName: 'orders', Qualifier: '6' }));
    expect(none.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(none.Payload)).errorType).toBe('Runtime.HandlerNotFound');
  });

  it('answers Event invocations with 202 and runs them in the background', async () => {
    const before = aws.services.lambda.invocations.length;
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'orders',
        Qualifier: '1',
        InvocationType: 'Event',
        Payload: json({ async: true }),
      }),
    );
    expect(out.StatusCode).toBe(202);
    await aws.services.lambda.idle();
    expect(aws.services.lambda.invocations.slice(before)).toEqual([
      expect.objectContaining({ invocationType: 'Event', version: '1', event: { async: true } }),
    ]);
    const dry = await client.send(
      new InvokeCommand({ FunctionName: 'orders', Qualifier: '1', InvocationType: 'DryRun' }),
    );
    expect(dry.StatusCode).toBe(204);
  });

  it('answers unknown functions and versions with ResourceNotFoundException', async () => {
    await expect(client.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'orders', Qualifier: '99' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects a ClientContext that is not base64 JSON, and a payload that is not JSON', async () => {
    await expect(
      client.send(
        new InvokeCommand({ FunctionName: 'orders', Qualifier: '1', ClientContext: 'not base64!' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequestContentException' });
    await expect(
      client.send(
        new InvokeCommand({
          FunctionName: 'orders',
          Qualifier: '1',
          Payload: new TextEncoder().encode('{oops'),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: 'Could not parse request body into json',
    });
  });

  it('runs the versions a Lambda deployment deploys, through the alias the deployment moved', async () => {
    const d = await aws.local.deployLambda({
      functionName: 'checkout',
      currentVersion: '1',
      targetVersion: '2',
      versions: { '1': version('checkout-v1'), '2': version('checkout-v2') },
    });
    expect((await d.done).status).toBe('Succeeded');
    const out = await client.send(new InvokeCommand({ FunctionName: 'checkout', Qualifier: 'live' }));
    expect(out.ExecutedVersion).toBe('2');
    expect(JSON.parse(text(out.Payload)).tag).toBe('checkout-v2');
  });

  it('publishes AWS/Lambda metrics per function, alias and executed version, as Lambda does', async () => {
    aws.services.lambda.registerFunction(
      'metered',
      {
        '1': async () => 'ok',
        '2': async () => 'ok',
        '3': async () => {
          throw new Error('boom');
        },
      },
      { live: { version: '1', additionalVersionWeights: { '2': 0.5 } } },
    );
    const start = new Date(Date.now() - 1_000);
    randoms.push(0.01, 0.01, 0.9);
    for (let i = 0; i < 3; i++) {
      await client.send(new InvokeCommand({ FunctionName: 'metered', Qualifier: 'live' }));
    }
    await client.send(new InvokeCommand({ FunctionName: 'metered', Qualifier: '3' }));
    const cloudwatch = new CloudWatchClient(aws.config);
    const sum = (id: string, metricName: string, dims: Record<string, string>) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: 60,
        Stat: 'Sum',
      },
    });
    const live = { FunctionName: 'metered', Resource: 'metered:live' };
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: new Date(Date.now() + 1_000),
        MetricDataQueries: [
          sum('v2', 'Invocations', { ...live, ExecutedVersion: '2' }),
          sum('v1', 'Invocations', { ...live, ExecutedVersion: '1' }),
          sum('alias', 'Invocations', live),
          sum('errors', 'Errors', { FunctionName: 'metered', Resource: 'metered:3' }),
          sum('all', 'Invocations', { FunctionName: 'metered' }),
        ],
      }),
    );
    expect(Object.fromEntries(out.MetricDataResults?.map((r) => [r.Id, r.Values]) ?? [])).toEqual({
      v2: [2],
      v1: [1],
      alias: [3],
      errors: [1],
      all: [4],
    });
    cloudwatch.destroy();
  });

  it('works with the AWS CLI (when installed): payload, client context and function errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-lambda-'));
    const ok = await awsCli(aws.local.endpoint, [
      'lambda',
      'invoke',
      '--function-name',
      'orders',
      '--qualifier',
      '2',
      '--payload',
      '{"cli":true}',
      '--client-context',
      base64({ custom: { via: 'cli' } }),
      join(dir, 'ok.json'),
    ]);
    if (!ok) return;
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ StatusCode: 200, ExecutedVersion: '2' });
    expect(JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8'))).toEqual({
      tag: 'v2',
      echo: { cli: true },
    });
    expect(seen.at(-1)?.clientContext).toEqual({ custom: { via: 'cli' } });
    const failed = await awsCli(aws.local.endpoint, [
      'lambda',
      'invoke',
      '--function-name',
      'orders:3',
      join(dir, 'err.json'),
    ]);
    expect(failed?.json).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(readFileSync(join(dir, 'err.json'), 'utf8')).toMatch(/price is not a number/);
  });
});
