import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CheckCallError } from '@greenlight/checks';
import { lambdaTargetDimensions, type MetricCheckOptions, metric } from '@greenlight/checks/metric';
import { type CheckVerdict, createHook, type HookResult } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';

const minute = 60_000;
const END = Date.UTC(2026, 0, 1, 12, 5, 0);
const now = () => END;
const target = {
  kind: 'lambda',
  targetId: 'orders',
  lifecycleEvents: [],
  functionName: 'orders',
  functionAlias: 'live',
  currentVersion: '6',
  targetVersion: '7',
} as const;
const version = (v: string) => ({ FunctionName: 'orders', Resource: 'orders:live', ExecutedVersion: v });

describe('metric', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: CloudWatchClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    client = new CloudWatchClient(aws.config);
    const put = (metricName: string, dimensions: Record<string, string>, values: [number, number][]) =>
      aws.services.cloudwatch.putMetricData({
        namespace: 'AWS/Lambda',
        metricName,
        dimensions,
        points: values.map(([minutesAgo, value]) => ({ timestamp: END - minutesAgo * minute + 1, value })),
      });
    put('Errors', version('7'), [
      [4, 1],
      [1, 2],
    ]);
    put('Invocations', version('7'), [
      [4, 20],
      [2, 20],
      [1, 20],
    ]);
    put('Errors', version('6'), [[3, 0]]);
    put('Invocations', version('6'), [[3, 50]]);
    put('Errors', version('6'), [[30, 9]]);
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  const run = async (options: Partial<MetricCheckOptions>, signal?: AbortSignal): Promise<CheckVerdict> =>
    toVerdict(
      await metric({ client, now, threshold: 0, ...options } as MetricCheckOptions)(
        checkContext({ target, ...(signal && { signal }) }),
      ),
    );
  const errorRate = {
    metrics: {
      errors: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: lambdaTargetDimensions },
      invocations: { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: lambdaTargetDimensions },
    },
    expression: '100 * errors / invocations',
    label: 'error rate %',
  };

  it('passes when the metric stays within the threshold over the window', async () => {
    expect(await run({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: version('6') })).toEqual({
      passed: true,
      reason: 'Errors was 0 in the last 5 min; fails above 0',
    });
  });

  it("fails on the new version's errors, read through the deployment target's dimensions", async () => {
    expect(
      await run({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: lambdaTargetDimensions }),
    ).toEqual({
      passed: false,
      reason: 'Errors was 3 in the last 5 min, above the threshold 0',
    });
  });

  it("computes the new version's error rate with metric math", async () => {
    expect(await run({ ...errorRate, threshold: 4 })).toEqual({
      passed: false,
      reason: 'error rate % was 5 in the last 5 min, above the threshold 4',
    });
    expect(await run({ ...errorRate, threshold: 5 })).toEqual({
      passed: true,
      reason: 'error rate % was 5 in the last 5 min; fails above 5',
    });
  });

  it('fails on any breaching period with a shorter period, and honours the comparison', async () => {
    expect(await run({ ...errorRate, threshold: 9, periodSeconds: 60 })).toEqual({
      passed: false,
      reason: 'error rate % was 10 in the last 5 min, above the threshold 9',
    });
    const invocations = {
      namespace: 'AWS/Lambda',
      metricName: 'Invocations',
      dimensions: lambdaTargetDimensions,
    };
    expect(await run({ ...invocations, threshold: 100, comparison: 'LessThanThreshold' })).toEqual({
      passed: false,
      reason: 'Invocations was 60 in the last 5 min, below the threshold 100',
    });
    expect((await run({ ...invocations, threshold: 60, comparison: 'LessThanThreshold' })).passed).toBe(true);
  });

  it('fails on a window without data unless missing data passes', async () => {
    const quiet = { namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: version('7') };
    expect(await run(quiet)).toEqual({
      passed: false,
      reason: "Throttles: no data points in the last 5 min (missingData: 'fail')",
    });
    expect(await run({ ...quiet, missingData: 'pass' })).toEqual({
      passed: true,
      reason: 'Throttles: no data points in the last 5 min',
    });
  });

  it('throws a CheckCallError when CloudWatch rejects the query', async () => {
    const bad = run({ ...errorRate, expression: '100 * errors / calls' });
    await expect(bad).rejects.toBeInstanceOf(CheckCallError);
    await expect(run({ ...errorRate, expression: '100 * errors / calls' })).rejects.toThrow(
      /metric: GetMetricData failed: InvalidParameterValueException: .*unknown id "calls"/,
    );
  });

  it('ends promptly when the hook deadline fires mid-request', async () => {
    aws.local.faults.inject('GetMetricData', { kind: 'delay', delayMs: 3_000, times: 1 });
    const { value, ms } = await timed(() => run({ ...errorRate }, deadlineSignal(100)));
    expect(value).toEqual({ passed: false, reason: 'timed out after 100 ms while reading error rate %' });
    expect(ms).toBeLessThan(1_000);
  });

  it("fails an AfterAllowTraffic hook on the new version's error rate, from the traffic that reached it", async () => {
    const lambda = new LambdaClient(aws.config);
    const codedeploy = codeDeployClient(aws);
    const deploy = async (functionName: string, failEvery: number) => {
      const results: HookResult[] = [];
      const hook = createHook(
        { errorRate: metric({ ...errorRate, client, threshold: 5 }) },
        { client: codedeploy },
      );
      const d = await aws.local.deployLambda({
        functionName,
        currentVersion: '1',
        targetVersion: '2',
        autoRollback: true,
        versions: {
          '1': async () => 'ok',
          '2': async (event) => {
            if ((event as { n: number }).n % failEvery === 0) throw new Error('new version bug');
            return 'ok';
          },
        },
        hooks: {
          AfterAllowTraffic: async (event, context) => {
            // Traffic through the alias, which now routes to version 2, before the hook looks.
            for (let n = 1; n <= 8; n++) {
              const Payload = new TextEncoder().encode(JSON.stringify({ n }));
              await lambda.send(
                new InvokeCommand({ FunctionName: functionName, Qualifier: 'live', Payload }),
              );
            }
            const result = await hook(event, context as never);
            results.push(result);
            return result;
          },
        },
      });
      const outcome = await d.done;
      await d.settled;
      return { outcome, reason: results[0]?.checks[0]?.reason };
    };
    expect(await deploy('quotes', 4)).toEqual({
      outcome: expect.objectContaining({ status: 'Failed', rollbackStatus: 'Succeeded' }),
      reason: 'error rate % was 25 in the last 5 min, above the threshold 5',
    });
    expect(await deploy('invoices', 100)).toEqual({
      outcome: { status: 'Succeeded' },
      reason: 'error rate % was 0 in the last 5 min; fails above 5',
    });
    lambda.destroy();
    codedeploy.destroy();
  });

  it('rejects unknown, missing and malformed options with a TypeError that names them', () => {
    const single = { namespace: 'AWS/Lambda', metricName: 'Errors' };
    expect(() => metric({ ...single, threshold: 1, window: 5 } as never)).toThrow(
      /^Unknown option `window` of metric\(\)/,
    );
    expect(() => metric(single as never)).toThrow('Option `threshold` is required');
    expect(() => metric({ ...single, threshold: 1, periodSeconds: 90 })).toThrow(
      'Expected `periodSeconds` to be a positive multiple of 60, got 90',
    );
    expect(() => metric({ ...single, threshold: 1, stat: 'Median' })).toThrow(/Expected `stat`/);
    expect(() => metric({ threshold: 1 })).toThrow(
      'give `namespace` and `metricName`, or `metrics` and `expression`',
    );
    expect(() => metric({ ...single, expression: 'a', threshold: 1 })).toThrow(
      /give `namespace` and `metricName`, or/,
    );
    expect(() => metric({ metrics: { Bad: single }, expression: 'Bad', threshold: 1 })).toThrow(
      /Expected `metrics`/,
    );
  });
});
