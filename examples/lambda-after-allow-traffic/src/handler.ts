import { alarms } from '@greenlight/checks/alarms';
import { lambdaTargetDimensions, metric } from '@greenlight/checks/metric';
import { type Check, createHook } from '@greenlight/core';

/**
 * The alarms to watch, from `ALARM_NAMES` (comma-separated), read when the check first runs so a missing
 * variable fails the hook with its name instead of crashing the function at start.
 */
let watched: Check | undefined;
const alarmsFromEnv: Check = (context) => {
  const names = (process.env.ALARM_NAMES ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error('ALARM_NAMES is not set in the hook environment');
  watched ??= alarms({ names });
  return watched(context);
};

/**
 * Lambda `AfterAllowTraffic` hook: once all traffic is on the new version, check that
 * - `alarms`: none of the function's CloudWatch alarms (`ALARM_NAMES`) is in ALARM;
 * - `errors`: the new version (its `ExecutedVersion` through the alias, from `ctx.target()`) recorded no
 *   `AWS/Lambda` `Errors` in the last 5 minutes (no data points pass: no invocations, no errors).
 * A failure rolls the alias back to the previous version.
 *
 * @example
 * // Lambda configuration: ALARM_NAMES=orders-errors,orders-p99-latency
 * // AppSpec: Hooks: [{ AfterAllowTraffic: CodeDeployHook_orders_post_traffic }]
 */
export const handler = createHook(
  {
    alarms: alarmsFromEnv,
    errors: metric({
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: lambdaTargetDimensions,
      stat: 'Sum',
      threshold: 0,
      windowMs: 300_000,
      missingData: 'pass',
    }),
  },
  { timeout: 30_000 },
);
