import { InvalidOptionsError } from '@greenlight/contract';
import { ApiError } from '../errors.js';
import type { AlarmStateValue, AwsServicesState, ResolvedServicesOptions } from './state.js';
import { type Input, num, str, strings } from './values.js';

/**
 * What a test may say about an alarm besides its state (all optional: an alarm set with only a state is a
 * metric alarm on `AWS/Lambda Errors`).
 *
 * @example
 * services.cloudwatch.setAlarm('orders-p99', 'OK', undefined, { metricName: 'Duration', statistic: 'p99', threshold: 800 });
 */
export interface AlarmDefinition {
  readonly description?: string;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  /** @default 'Sum' */
  readonly statistic?: string;
  /** @default 60 */
  readonly period?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default 0 */
  readonly threshold?: number;
  /** @default 'GreaterThanThreshold' */
  readonly comparisonOperator?: string;
}

interface AlarmRecord {
  definition: AlarmDefinition;
  reason: string;
  updated: Date;
  configured: Date;
  lastState: AlarmStateValue | undefined;
}

const STATES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** CloudWatch alarms: their states live in the shared state (the engine watches them), the rest here. */
export class AlarmStore {
  readonly #state: AwsServicesState;
  readonly #options: ResolvedServicesOptions;
  readonly #records = new Map<string, AlarmRecord>();

  constructor(state: AwsServicesState, options: ResolvedServicesOptions) {
    this.#state = state;
    this.#options = options;
  }

  /** Creates or updates an alarm and sets its state (mirrored into the engine's alarm states). */
  set(name: string, value: AlarmStateValue, reason?: string, definition?: AlarmDefinition): void {
    if (typeof name !== 'string' || name === '')
      throw new InvalidOptionsError('name', 'Expected an alarm name');
    if (!STATES.includes(value))
      throw new InvalidOptionsError('value', `Expected the alarm state to be one of ${STATES.join(', ')}`);
    const now = new Date(this.#options.now());
    const record = this.#record(name, now);
    if (definition) {
      record.definition = { ...record.definition, ...definition };
      record.configured = now;
    }
    if (record.lastState !== value) record.updated = now;
    record.lastState = value;
    record.reason = reason ?? `Set by a test to ${value}`;
    this.#state.alarms.set(name, value);
  }

  #record(name: string, now: Date): AlarmRecord {
    let record = this.#records.get(name);
    if (!record) {
      record = {
        definition: {},
        reason: 'Unchecked: Initial alarm creation',
        updated: now,
        configured: now,
        lastState: undefined,
      };
      this.#records.set(name, record);
    }
    return record;
  }

  #describe(name: string, value: AlarmStateValue): Record<string, unknown> {
    const now = new Date(this.#options.now());
    const record = this.#record(name, now);
    if (record.lastState !== value) {
      // The engine (or a test through it) changed the state directly.
      record.lastState = value;
      record.updated = now;
      record.reason = `State set to ${value} by the local CodeDeploy`;
    }
    const d = record.definition;
    const { region, accountId } = this.#options;
    return {
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`,
      AlarmDescription: d.description,
      AlarmConfigurationUpdatedTimestamp: record.configured,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: value,
      StateReason: record.reason,
      StateUpdatedTimestamp: record.updated,
      StateTransitionedTimestamp: record.updated,
      MetricName: d.metricName ?? 'Errors',
      Namespace: d.namespace ?? 'AWS/Lambda',
      Statistic: d.statistic ?? 'Sum',
      Dimensions: Object.entries(d.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
      Period: d.period ?? 60,
      EvaluationPeriods: d.evaluationPeriods ?? 1,
      Threshold: d.threshold ?? 0,
      ComparisonOperator: d.comparisonOperator ?? 'GreaterThanThreshold',
      TreatMissingData: 'missing',
    };
  }

  /** DescribeAlarms: by names or prefix, by state, paginated with MaxRecords/NextToken. */
  describeAlarms(input: Input): Record<string, unknown> {
    const names = strings(input, 'AlarmNames');
    const prefix = str(input, 'AlarmNamePrefix');
    const stateValue = str(input, 'StateValue');
    const types = strings(input, 'AlarmTypes');
    const max = num(input, 'MaxRecords') ?? 50;
    const token = str(input, 'NextToken');
    if (names.length > 0 && prefix !== undefined) {
      throw new ApiError(
        'InvalidParameterCombinationException',
        'AlarmNames and AlarmNamePrefix cannot be used together.',
      );
    }
    if (names.length > 100)
      throw new ApiError('InvalidParameterValueException', 'AlarmNames may list at most 100 names.');
    if (stateValue !== undefined && !STATES.includes(stateValue as AlarmStateValue)) {
      throw new ApiError('InvalidParameterValueException', `StateValue must be one of ${STATES.join(', ')}.`);
    }
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw new ApiError('InvalidParameterValueException', 'MaxRecords must be between 1 and 100.');
    }
    const wanted = names.length > 0 ? new Set(names) : undefined;
    const all = [...new Set([...this.#state.alarms.keys()])].sort();
    const matching = all.filter(
      (name) =>
        (!wanted || wanted.has(name)) &&
        (prefix === undefined || name.startsWith(prefix)) &&
        (stateValue === undefined || this.#state.alarms.get(name) === stateValue),
    );
    const metric = types.length === 0 || types.includes('MetricAlarm');
    const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0)
      throw new ApiError('InvalidNextToken', 'The NextToken is not valid.');
    const page = metric ? matching.slice(start, start + max) : [];
    const more = metric && start + max < matching.length;
    return {
      MetricAlarms: page.map((name) => this.#describe(name, this.#state.alarms.get(name)!)),
      CompositeAlarms: [],
      ...(more ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
    };
  }
}
