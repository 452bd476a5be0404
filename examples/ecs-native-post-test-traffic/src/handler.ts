import { http } from '@greenlight/checks/http';
import { poll } from '@greenlight/checks/poll';
import { targetHealth } from '@greenlight/checks/target-health';
import { type Check, createEcsHook } from '@greenlight/core';

/** A URL on the test listener (`TEST_LISTENER_URL`), read when the check runs so a missing one fails the hook. */
const testListener = (path: string) => () => {
  const base = process.env.TEST_LISTENER_URL;
  if (!base) throw new Error('TEST_LISTENER_URL is not set in the hook environment');
  return new URL(path, base.endsWith('/') ? base : `${base}/`).href;
};

/**
 * The test target group's health: two healthy targets, none unhealthy. ECS native swaps the two target groups
 * between deployments, so the group is read per invocation: the service's `hookDetails.testTargetGroup` first
 * (set it from your deployment pipeline), else `TEST_TARGET_GROUP`.
 */
const checkers = new Map<string, Check>();
const testTargets: Check = async (ctx) => {
  const target = await ctx.target();
  const fromDetails = target.kind === 'ecs-native' ? target.hookDetails.testTargetGroup : undefined;
  const name =
    typeof fromDetails === 'string' && fromDetails !== '' ? fromDetails : process.env.TEST_TARGET_GROUP;
  if (!name) throw new Error('no test target group: set hookDetails.testTargetGroup or TEST_TARGET_GROUP');
  let check = checkers.get(name);
  if (!check) {
    check = targetHealth({ targetGroupName: name, minHealthy: 2 });
    checkers.set(name, check);
  }
  return check(ctx);
};

/**
 * Amazon ECS native `POST_TEST_TRAFFIC_SHIFT` hook: test traffic reaches the green service revision, production
 * still the blue one.
 * - `targets`: the test target group has two healthy targets and no unhealthy one. Until it does, `poll`
 *   answers "not yet": the hook returns IN_PROGRESS and ECS invokes it again 15 s later, for up to 10 minutes.
 * - `health`: `GET /health` through the test listener answers `{"status":"ok"}`.
 * FAILED (or 10 minutes of "not yet") rolls the deployment back.
 *
 * @example
 * // Lambda configuration: TEST_LISTENER_URL=http://orders-alb-123.eu-west-1.elb.amazonaws.com:8080, TEST_TARGET_GROUP=orders-green
 */
export const handler = createEcsHook(
  {
    targets: poll(testTargets),
    health: http({ url: testListener('health'), expectBody: { status: 'ok' } }),
  },
  { callBackDelay: 15, maxWaitMs: 10 * 60_000, sequential: true, failFast: true },
);
