import { InvalidOptionsError } from '@greenlight/contract';
import { ApiError } from '../errors.js';
import { evaluate } from './metric-math.js';
import { type Input, list, num, str, struct, timestamp } from './values.js';

/**
 * One data point a test puts.
 *
 * @example
 * const point: MetricPoint = { timestamp: Date.now(), value: 3, unit: 'Count' };
 */
export interface MetricPoint {
  /** A Date or epoch milliseconds. */
  readonly timestamp: Date | number;
  readonly value: number;
  readonly unit?: string;
}

/**
 * What `cloudwatch.putMetricData` (a metric store's `put`) takes.
 *
 * @example
 * { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'orders' },
 *   points: [{ timestamp: Date.now(), value: 3 }] }
 */
export interface MetricData {
  readonly namespace: string;
  readonly metricName: string;
  /** @default {} */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly points: readonly MetricPoint[];
}

interface Stored {
  readonly t: number;
  readonly value: number;
  readonly unit: string | undefined;
}

function metricKey(namespace: string, name: string, dimensions: Readonly<Record<string, string>>): string {
  const dims = Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([namespace, name, dims]);
}

function statistic(stat: string, values: number[]): number {
  if (stat === 'Sum') return values.reduce((a, b) => a + b, 0);
  if (stat === 'Average') return values.reduce((a, b) => a + b, 0) / values.length;
  if (stat === 'Minimum') return Math.min(...values);
  if (stat === 'Maximum') return Math.max(...values);
  if (stat === 'SampleCount') return values.length;
  const p = /^p(\d{1,2}(\.\d+)?|100)$/.exec(stat);
  if (p) {
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((Number(p[1]) / 100) * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
  }
  throw new ApiError('InvalidParameterValueException', `The statistic ${stat} is not supported.`);
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/** CloudWatch metrics: data points a test puts, answered by GetMetricData with metric math. */
export class MetricStore {
  readonly #points = new Map<string, Stored[]>();

  /** Adds data points to a metric. */
  put(data: MetricData): void {
    const { namespace, metricName, dimensions = {}, points } = data;
    if (!namespace || !metricName)
      throw new InvalidOptionsError('metricName', 'Expected a namespace and a metricName');
    const key = metricKey(namespace, metricName, dimensions);
    const stored = this.#points.get(key) ?? [];
    for (const p of points) {
      const t = p.timestamp instanceof Date ? p.timestamp.getTime() : p.timestamp;
      if (!Number.isFinite(t) || !Number.isFinite(p.value))
        throw new InvalidOptionsError('points', 'Expected finite timestamps and values');
      stored.push({ t, value: p.value, unit: p.unit });
    }
    this.#points.set(key, stored);
  }

  /** Buckets a metric's points into periods starting at `start`, reduced with `stat`. */
  #series(query: Input, id: string, start: number, end: number): Map<number, number> {
    const metricStat = struct(query, 'MetricStat')!;
    const metric = struct(metricStat, 'Metric') ?? {};
    const namespace = str(metric, 'Namespace') ?? '';
    const name = str(metric, 'MetricName') ?? '';
    const dimensions: Record<string, string> = {};
    for (const d of list(metric, 'Dimensions')) {
      const dim = d as Input;
      dimensions[str(dim, 'Name') ?? ''] = str(dim, 'Value') ?? '';
    }
    const period = num(metricStat, 'Period') ?? 0;
    if (!Number.isInteger(period) || period < 1) {
      throw new ApiError(
        'InvalidParameterValueException',
        `The Period of query ${id} must be a positive integer.`,
      );
    }
    const stat = str(metricStat, 'Stat') ?? '';
    const unit = str(metricStat, 'Unit');
    const buckets = new Map<number, number[]>();
    for (const p of this.#points.get(metricKey(namespace, name, dimensions)) ?? []) {
      if (p.t < start || p.t >= end || (unit !== undefined && p.unit !== undefined && p.unit !== unit))
        continue;
      const bucket = start + Math.floor((p.t - start) / (period * 1000)) * period * 1000;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
    }
    const out = new Map<number, number>();
    for (const [t, values] of buckets) out.set(t, statistic(stat, values));
    return out;
  }

  /** GetMetricData: metric stats and metric math over [StartTime, EndTime). */
  getMetricData(input: Input): Record<string, unknown> {
    const queries = list(input, 'MetricDataQueries') as Input[];
    const start = timestamp(input, 'StartTime');
    const end = timestamp(input, 'EndTime');
    if (!start || !end)
      throw new ApiError('InvalidParameterValueException', 'StartTime and EndTime are required.');
    if (start.getTime() >= end.getTime()) {
      throw new ApiError(
        'InvalidParameterValueException',
        'The parameter StartTime must be less than EndTime.',
      );
    }
    if (queries.length === 0 || queries.length > 500) {
      throw new ApiError('InvalidParameterValueException', 'MetricDataQueries must hold 1 to 500 queries.');
    }
    const ids = new Set<string>();
    for (const q of queries) {
      const id = str(q, 'Id') ?? '';
      if (!ID.test(id))
        throw new ApiError(
          'InvalidParameterValueException',
          `The Id "${id}" must start with a lower-case letter.`,
        );
      if (ids.has(id)) throw new ApiError('InvalidParameterValueException', `The Id "${id}" is used twice.`);
      ids.add(id);
      if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
        throw new ApiError(
          'InvalidParameterValueException',
          `Query ${id} must have exactly one of MetricStat and Expression.`,
        );
      }
    }
    const series = new Map<string, Map<number, number>>();
    for (const q of queries) {
      if (q.MetricStat !== undefined)
        series.set(String(q.Id), this.#series(q, String(q.Id), start.getTime(), end.getTime()));
    }
    for (const q of queries) {
      if (q.Expression !== undefined) series.set(String(q.Id), evaluate(str(q, 'Expression') ?? '', series));
    }
    const ascending = str(input, 'ScanBy') === 'TimestampAscending';
    const results = queries
      .filter((q) => q.ReturnData !== false && q.ReturnData !== 'false')
      .map((q) => {
        const points = [...series.get(String(q.Id))!].sort(([a], [b]) => (ascending ? a - b : b - a));
        const metric = struct(struct(q, 'MetricStat') ?? {}, 'Metric');
        return {
          Id: q.Id,
          Label: str(q, 'Label') ?? (metric ? str(metric, 'MetricName') : undefined) ?? q.Id,
          Timestamps: points.map(([t]) => new Date(t)),
          Values: points.map(([, v]) => v),
          StatusCode: 'Complete',
        };
      });
    return { MetricDataResults: results, Messages: [] };
  }
}
