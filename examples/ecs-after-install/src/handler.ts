import { ecsTaskSet } from '@greenlight/checks/ecs-task-set';
import { poll } from '@greenlight/checks/poll';
import { createHook } from '@greenlight/core';

/**
 * How long to wait for the replacement tasks to be steady (`STEADY_TIMEOUT_MS`; a value that is not a
 * positive number is ignored, so a typo cannot stop the hook from reporting). @default 120000
 */
const configured = Number(process.env.STEADY_TIMEOUT_MS);
const STEADY_TIMEOUT_MS = Number.isFinite(configured) && configured > 0 ? configured : 120_000;

/**
 * ECS `AfterInstall` hook: the replacement task set exists but takes no traffic yet. Wait (polling
 * DescribeTaskSets) until it is steady: every desired task running, none pending, stability STEADY_STATE.
 * Tasks that crash-loop never get there, and the hook fails with what it last saw; CodeDeploy then rolls
 * back (removes the replacement task set).
 *
 * The task set comes from the deployment (`ctx.target()`: its `Green` task set), not from configuration.
 *
 * @example
 * // Lambda configuration (optional): STEADY_TIMEOUT_MS=300000
 */
export const handler = createHook({
  steady: poll(ecsTaskSet(), {
    intervalMs: 500,
    backoff: 1.5,
    maxIntervalMs: 10_000,
    timeoutMs: STEADY_TIMEOUT_MS,
  }),
});
