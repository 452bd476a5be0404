import { http } from '@greenlight/checks/http';
import { targetHealth } from '@greenlight/checks/target-health';
import { createHook } from '@greenlight/core';

/** A URL on the test listener (`TEST_LISTENER_URL`), read when the check runs so a missing one fails the hook. */
const testListener = (path: string) => () => {
  const base = process.env.TEST_LISTENER_URL;
  if (!base) throw new Error('TEST_LISTENER_URL is not set in the hook environment');
  return new URL(path, base.endsWith('/') ? base : `${base}/`).href;
};

/**
 * ECS `AfterAllowTestTraffic` hook: the test listener now routes to the replacement task set, production still
 * to the original. Check the new tasks through it:
 * - `health`: `GET /health` answers `{"status":"ok"}` three times in a row;
 * - `targets`: the replacement's target group (from the deployment) has healthy targets and no unhealthy one.
 * A failure rolls back before any production traffic reaches the new tasks.
 *
 * @example
 * // Lambda configuration: TEST_LISTENER_URL=http://orders-alb-123.eu-west-1.elb.amazonaws.com:8080
 */
export const handler = createHook({
  health: http({ url: testListener('health'), expectBody: { status: 'ok' }, successes: 3, intervalMs: 200 }),
  targets: targetHealth({ minHealthy: 1 }),
});
