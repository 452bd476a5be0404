import { alarms } from '@greenlight/checks/alarms';
import { http } from '@greenlight/checks/http';
import { type Check, createHook } from '@greenlight/core';

/** Reads a required environment variable when a check runs, so a missing one fails the hook with its name. */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set in the hook environment`);
  return value;
}

let watched: Check | undefined;
/** The service's alarms (`ALARM_NAMES`, comma-separated), none of which may be in ALARM. */
const quietAlarms: Check = (context) => {
  watched ??= alarms({
    names: env('ALARM_NAMES')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  });
  return watched(context);
};

/**
 * ECS `AfterAllowTraffic` hook: production traffic is on the replacement task set; the original still exists
 * until this hook passes. Check production itself:
 * - `production`: `GET /health` on the production listener (`PRODUCTION_LISTENER_URL`) answers
 *   `{"status":"ok"}` five times in a row;
 * - `alarms`: the service's alarms (`ALARM_NAMES`) are quiet.
 * A failure rolls production back to the original task set.
 *
 * @example
 * // Lambda configuration: PRODUCTION_LISTENER_URL=http://orders-alb-123.eu-west-1.elb.amazonaws.com ALARM_NAMES=orders-web-5xx
 */
export const handler = createHook({
  production: http({
    url: () => new URL('health', `${env('PRODUCTION_LISTENER_URL').replace(/\/$/, '')}/`).href,
    expectBody: { status: 'ok' },
    successes: 5,
    intervalMs: 200,
  }),
  alarms: quietAlarms,
});
