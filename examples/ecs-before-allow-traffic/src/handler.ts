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
 * ECS `BeforeAllowTraffic` hook: the last gate before production traffic moves to the replacement task set.
 * - `alarms`: the service's alarms (`ALARM_NAMES`) are quiet, so a problem the test traffic caused stops here;
 * - `smokeOrder`: a dry-run order `POST`ed through the test listener (`TEST_LISTENER_URL`) is accepted.
 * A failure rolls back: production never reaches the new tasks.
 *
 * @example
 * // Lambda configuration: ALARM_NAMES=orders-web-5xx,orders-web-latency TEST_LISTENER_URL=http://alb:8080
 */
export const handler = createHook({
  alarms: quietAlarms,
  smokeOrder: http({
    url: () => new URL('orders', `${env('TEST_LISTENER_URL').replace(/\/$/, '')}/`).href,
    method: 'POST',
    headers: { 'x-smoke-test': 'greenlight' },
    body: { sku: 'SMOKE-TEST', qty: 1, dryRun: true },
    expectStatus: [200, 201],
    expectBody: { status: 'ok' },
  }),
});
