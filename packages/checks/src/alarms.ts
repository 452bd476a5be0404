import type { DescribeAlarmsCommandOutput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Check, HookContext } from '@greenlight/core';
import { abortedVerdict } from './internal/abort.js';
import { type AwsClientLike, call, lazyClient } from './internal/aws.js';
import { conflict, is, type OptionSpec, validateOptions } from './internal/options.js';

/**
 * Options of {@link alarms}. Give `names` or `prefix`; with neither, the deployment group's own alarms
 * (GetDeploymentGroup's `alarmConfiguration`) are checked. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * alarms({ names: ['orders-errors', 'orders-p99'], insufficientData: 'fail' });
 */
export interface AlarmsCheckOptions {
  /** Alarm names. @default the deployment group's alarms */
  readonly names?: readonly string[];
  /** Every alarm whose name starts with this. @default none */
  readonly prefix?: string;
  /** Whether an alarm in INSUFFICIENT_DATA passes or fails. @default 'pass' */
  readonly insufficientData?: 'pass' | 'fail';
  /** Whether a named alarm that does not exist (or a prefix no alarm has) passes or fails. @default 'fail' */
  readonly missing?: 'pass' | 'fail';
  /** The CloudWatch client. @default a `CloudWatchClient` from `@aws-sdk/client-cloudwatch`, made on the first run */
  readonly client?: AwsClientLike;
}

const SPEC: OptionSpec<AlarmsCheckOptions> = {
  names: is.stringList,
  prefix: is.string,
  insufficientData: is.oneOf(['pass', 'fail']),
  missing: is.oneOf(['pass', 'fail']),
  client: is.client,
};

/** The group's alarm names, or a reason there are none to check. */
async function groupAlarmNames(context: HookContext): Promise<string[] | string> {
  const config = (await context.deploymentGroup()).alarmConfiguration;
  const names = (config?.alarms ?? [])
    .map((a) => a.name)
    .filter((n): n is string => typeof n === 'string' && n !== '');
  if (config?.enabled !== true || names.length === 0) return 'the deployment group has no alarms configured';
  return names;
}

/**
 * A check that fails when any CloudWatch alarm (by names, by prefix, or the deployment group's own) is in
 * ALARM, and names them with their state reasons. INSUFFICIENT_DATA passes unless `insufficientData: 'fail'`.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { alarms } from '@greenlight/checks/alarms';
 *
 * export const handler = createHook({ alarms: alarms({ prefix: 'orders-' }) });
 */
export function alarms(options: AlarmsCheckOptions = {}): Check {
  const o = validateOptions<AlarmsCheckOptions>('alarms()', options, SPEC);
  if (o.names && o.prefix !== undefined)
    throw conflict('alarms', 'prefix', 'give `names` or `prefix`, not both');
  const client = lazyClient(o.client, async () => {
    const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
    return new CloudWatchClient({});
  });
  return async (context) => {
    const { signal } = context;
    const what = o.prefix !== undefined ? `alarms starting with "${o.prefix}"` : 'alarms';
    try {
      let names = o.names ? [...o.names] : undefined;
      if (!names && o.prefix === undefined) {
        const group = await groupAlarmNames(context);
        if (typeof group === 'string') return { passed: true, reason: group };
        names = group;
      }
      const [{ DescribeAlarmsCommand }, cloudwatch] = await Promise.all([
        import('@aws-sdk/client-cloudwatch'),
        client(),
      ]);
      const found: MetricAlarm[] = [];
      const pages = names
        ? chunks(names, 100).map((AlarmNames) => ({ AlarmNames }))
        : [{ AlarmNamePrefix: o.prefix }];
      for (const page of pages) {
        let NextToken: string | undefined;
        do {
          const out = await call<DescribeAlarmsCommandOutput>(
            'alarms',
            'DescribeAlarms',
            cloudwatch,
            new DescribeAlarmsCommand({ ...page, AlarmTypes: ['MetricAlarm'], NextToken }),
            signal,
          );
          found.push(...(out.MetricAlarms ?? []));
          NextToken = out.NextToken;
        } while (NextToken);
      }
      return judge(found, names, o, what);
    } catch (error) {
      if (signal.aborted) return abortedVerdict(signal, `describing ${what}`);
      throw error;
    }
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const count = (n: number) => `${n} alarm${n === 1 ? '' : 's'}`;

function judge(found: MetricAlarm[], names: string[] | undefined, o: AlarmsCheckOptions, what: string) {
  const problems: string[] = [];
  const firing = found.filter((a) => a.StateValue === 'ALARM');
  if (firing.length > 0) {
    const list = firing.map((a) => `${a.AlarmName} (${a.StateReason ?? 'no reason given'})`).join('; ');
    problems.push(`${count(firing.length)} in ALARM: ${list}`);
  }
  const unknown = found.filter((a) => a.StateValue === 'INSUFFICIENT_DATA');
  if (unknown.length > 0 && o.insufficientData === 'fail') {
    problems.push(
      `${count(unknown.length)} in INSUFFICIENT_DATA: ${unknown.map((a) => a.AlarmName).join(', ')}`,
    );
  }
  if (o.missing !== 'pass') {
    const seen = new Set(found.map((a) => a.AlarmName));
    const missing = names?.filter((n) => !seen.has(n)) ?? [];
    if (missing.length > 0) problems.push(`${count(missing.length)} not found: ${missing.join(', ')}`);
    if (!names && found.length === 0) problems.push(`no ${what}`);
  }
  if (problems.length > 0) return { passed: false, reason: problems.join('; ') };
  const summary = found.map((a) => `${a.AlarmName} ${a.StateValue}`).join(', ');
  return { passed: true, reason: `${found.length} ${what} checked: ${summary || 'none'}` };
}
