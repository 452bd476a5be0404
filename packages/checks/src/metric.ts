import type { GetMetricDataCommandOutput } from '@aws-sdk/client-cloudwatch';
import { InvalidOptionsError } from '@greenlight/contract';
import type { Check, HookContext } from '@greenlight/core';
import { abortedVerdict } from './internal/abort.js';
import { type AwsClientLike, call, lazyClient } from './internal/aws.js';
import { conflict, is, type OptionSpec, optional, required, validateOptions } from './internal/options.js';

/**
 * Metric dimensions, or a function of the check context that returns them (e.g. from `ctx.target()`).
 *
 * @example
 * const dims: Dimensions = async (ctx) => ({ FunctionName: (await ctx.target()).targetId });
 */
export type Dimensions =
  | Readonly<Record<string, string>>
  | ((context: HookContext) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/**
 * One metric of a metric-math expression.
 *
 * @example
 * { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: lambdaTargetDimensions, stat: 'Sum' }
 */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  /** @default {} */
  readonly dimensions?: Dimensions;
  /** @default the check's `stat` */
  readonly stat?: string;
}

/**
 * CloudWatch's comparison operators; the check fails when the value compares true to the threshold.
 *
 * @example
 * metric({ namespace: 'AWS/Lambda', metricName: 'Invocations', threshold: 10, comparison: 'LessThanThreshold' });
 */
export type Comparison =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/**
 * Options of {@link metric}: one metric (`namespace`, `metricName`, `dimensions`) or a metric-math
 * `expression` over named `metrics`. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: lambdaTargetDimensions, threshold: 0 });
 */
export interface MetricCheckOptions {
  readonly namespace?: string;
  readonly metricName?: string;
  /** @default {} */
  readonly dimensions?: Dimensions;
  /** The statistic: Sum, Average, Minimum, Maximum, SampleCount or pNN. @default 'Sum' */
  readonly stat?: string;
  /** Named metrics an `expression` refers to (ids start with a lower-case letter). */
  readonly metrics?: Readonly<Record<string, MetricSpec>>;
  /** A CloudWatch metric-math expression over `metrics`, e.g. `100 * errors / invocations`. */
  readonly expression?: string;
  /** What the value is called in reasons. @default the metric name or the expression */
  readonly label?: string;
  /** The window that ends now, in ms. @default 300000 (5 minutes) */
  readonly windowMs?: number;
  /** The period of each data point, in seconds (a multiple of 60). @default the window, rounded up to a minute */
  readonly periodSeconds?: number;
  readonly threshold: number;
  /** @default 'GreaterThanThreshold' */
  readonly comparison?: Comparison;
  /** Whether a window without data points passes or fails. @default 'fail' */
  readonly missingData?: 'pass' | 'fail';
  /** The CloudWatch client. @default a `CloudWatchClient` from `@aws-sdk/client-cloudwatch`, made on the first run */
  readonly client?: AwsClientLike;
  /** Milliseconds since the epoch, for tests. @default Date.now */
  readonly now?: () => number;
}

const COMPARISONS: Readonly<Record<Comparison, [string, (v: number, t: number) => boolean]>> = {
  GreaterThanThreshold: ['above', (v, t) => v > t],
  GreaterThanOrEqualToThreshold: ['at or above', (v, t) => v >= t],
  LessThanThreshold: ['below', (v, t) => v < t],
  LessThanOrEqualToThreshold: ['at or below', (v, t) => v <= t],
};

const isSpec = (v: unknown): boolean => {
  const s = v as Partial<MetricSpec>;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof s.namespace === 'string' &&
    typeof s.metricName === 'string' &&
    (s.stat === undefined || typeof s.stat === 'string') &&
    (s.dimensions === undefined || typeof s.dimensions === 'function' || typeof s.dimensions === 'object')
  );
};

const SPEC: OptionSpec<MetricCheckOptions> = {
  namespace: is.string,
  metricName: is.string,
  dimensions: optional(
    'an object of strings or a function of the check context',
    (v) =>
      typeof v === 'function' ||
      (typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string')),
  ),
  stat: optional(
    'Sum, Average, Minimum, Maximum, SampleCount or pNN',
    (v) => typeof v === 'string' && /^(Sum|Average|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?)$/.test(v),
  ),
  metrics: optional(
    'an object of metric specs keyed by lower-case ids',
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      Object.entries(v).length > 0 &&
      Object.entries(v).every(([id, s]) => /^[a-z][a-zA-Z0-9_]*$/.test(id) && isSpec(s)),
  ),
  expression: is.string,
  label: is.string,
  windowMs: optional(
    'a number of ms, at least 60000',
    (v) => typeof v === 'number' && Number.isFinite(v) && v >= 60_000,
  ),
  periodSeconds: optional(
    'a positive multiple of 60',
    (v) => Number.isInteger(v) && (v as number) > 0 && (v as number) % 60 === 0,
  ),
  threshold: required(is.number),
  comparison: is.oneOf(Object.keys(COMPARISONS)),
  missingData: is.oneOf(['pass', 'fail']),
  client: is.client,
  now: is.function,
};

function validate(options: MetricCheckOptions): MetricCheckOptions {
  const o = validateOptions<MetricCheckOptions>('metric()', options, SPEC);
  const single = o.metricName !== undefined || o.namespace !== undefined;
  const math = o.expression !== undefined || o.metrics !== undefined;
  if (single === math)
    throw conflict(
      'metric',
      'expression',
      'give `namespace` and `metricName`, or `metrics` and `expression`',
    );
  if (single && (o.metricName === undefined || o.namespace === undefined))
    throw conflict(
      'metric',
      o.metricName === undefined ? 'metricName' : 'namespace',
      'give both `namespace` and `metricName`',
    );
  if (math && (o.metrics === undefined || o.expression === undefined))
    throw conflict(
      'metric',
      o.metrics === undefined ? 'metrics' : 'expression',
      'give both `metrics` and `expression`',
    );
  return o;
}

/**
 * The dimensions of the version a Lambda deployment deploys, as Lambda publishes them for invocations
 * through an alias: `FunctionName`, `Resource` (`function:alias`) and `ExecutedVersion`.
 *
 * @example
 * metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: lambdaTargetDimensions, threshold: 0 });
 */
export async function lambdaTargetDimensions(context: HookContext): Promise<Record<string, string>> {
  const target = await context.target();
  if (target.kind !== 'lambda')
    throw new InvalidOptionsError(
      'dimensions',
      `lambdaTargetDimensions needs a Lambda deployment; this one targets ${target.kind}`,
    );
  return {
    FunctionName: target.functionName,
    ...(target.functionAlias ? { Resource: `${target.functionName}:${target.functionAlias}` } : {}),
    ExecutedVersion: target.targetVersion,
  };
}

async function query(
  id: string,
  spec: MetricSpec,
  stat: string,
  period: number,
  context: HookContext,
  returnData: boolean,
) {
  const dims =
    typeof spec.dimensions === 'function' ? await spec.dimensions(context) : (spec.dimensions ?? {});
  return {
    Id: id,
    ReturnData: returnData,
    MetricStat: {
      Metric: {
        Namespace: spec.namespace,
        MetricName: spec.metricName,
        Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: period,
      Stat: spec.stat ?? stat,
    },
  };
}

const round = (v: number) => Number(v.toPrecision(6));

/**
 * A check that reads a CloudWatch metric (or a metric-math expression, e.g. the new version's error rate)
 * over the window that ends now and fails when a data point breaches the threshold.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { lambdaTargetDimensions, metric } from '@greenlight/checks/metric';
 *
 * const dims = lambdaTargetDimensions;
 * export const handler = createHook({
 *   errorRate: metric({
 *     metrics: {
 *       errors: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: dims },
 *       invocations: { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: dims },
 *     },
 *     expression: '100 * errors / invocations',
 *     label: 'error rate %',
 *     threshold: 5,
 *   }),
 * });
 */
export function metric(options: MetricCheckOptions): Check {
  const o = validate(options);
  const windowMs = o.windowMs ?? 300_000;
  const period = o.periodSeconds ?? Math.ceil(windowMs / 60_000) * 60;
  const [words, breaches] = COMPARISONS[o.comparison ?? 'GreaterThanThreshold'];
  const label = o.label ?? o.metricName ?? o.expression!;
  const now = o.now ?? Date.now;
  const client = lazyClient(o.client, async () => {
    const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
    return new CloudWatchClient({});
  });
  return async (context) => {
    const { signal } = context;
    const stat = o.stat ?? 'Sum';
    const queries = o.expression
      ? [
          ...(await Promise.all(
            Object.entries(o.metrics!).map(([id, spec]) => query(id, spec, stat, period, context, false)),
          )),
          { Id: 'greenlight_value', Expression: o.expression, ReturnData: true },
        ]
      : [
          await query(
            'greenlight_value',
            { namespace: o.namespace!, metricName: o.metricName!, dimensions: o.dimensions ?? {} },
            stat,
            period,
            context,
            true,
          ),
        ];
    const end = now();
    const window = `the last ${Math.round(windowMs / 60_000)} min`;
    try {
      const [{ GetMetricDataCommand }, cloudwatch] = await Promise.all([
        import('@aws-sdk/client-cloudwatch'),
        client(),
      ]);
      const values: number[] = [];
      let NextToken: string | undefined;
      do {
        const out = await call<GetMetricDataCommandOutput>(
          'metric',
          'GetMetricData',
          cloudwatch,
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: new Date(end - windowMs),
            EndTime: new Date(end),
            NextToken,
          }),
          signal,
        );
        for (const r of out.MetricDataResults ?? [])
          if (r.Id === 'greenlight_value') values.push(...(r.Values ?? []));
        NextToken = out.NextToken;
      } while (NextToken);
      if (values.length === 0) {
        return o.missingData === 'pass'
          ? { passed: true, reason: `${label}: no data points in ${window}` }
          : { passed: false, reason: `${label}: no data points in ${window} (missingData: 'fail')` };
      }
      const breaching = values.filter((v) => breaches(v, o.threshold));
      if (breaching.length > 0) {
        const worst = words.includes('above') ? Math.max(...breaching) : Math.min(...breaching);
        return {
          passed: false,
          reason: `${label} was ${round(worst)} in ${window}, ${words} the threshold ${o.threshold}`,
        };
      }
      const shown =
        values.length === 1
          ? round(values[0]!)
          : `${round(Math.min(...values))}..${round(Math.max(...values))}`;
      return { passed: true, reason: `${label} was ${shown} in ${window}; fails ${words} ${o.threshold}` };
    } catch (error) {
      if (signal.aborted) return abortedVerdict(signal, `reading ${label}`);
      throw error;
    }
  };
}
