/**
 * The budget arithmetic of a hook invocation: how much of the remaining Lambda time is kept back to answer,
 * and the Lambda timeout's bounds. Every package that plans or explains a hook's time (the hook itself, the
 * checks that poll, the CDK construct that picks a timeout) computes it here.
 */

/**
 * The reserve a CodeDeploy hook keeps back from the remaining Lambda time for the report and its retries when
 * the `reserve` option is not set: 20% of the remaining time, at least 1 s and at most 30 s.
 *
 * @default min(30 s, max(1 s, 20% of the remaining time))
 * @example
 * defaultReserve(60_000); // 12000: a 60 s invocation keeps 12 s for the report
 * middy({ timeoutEarlyInMillis: defaultReserve(TIMEOUT_MS) }); // give a middy handler the same reserve
 */
export const defaultReserve = (remainingMs: number): number =>
  Math.min(30_000, Math.max(1_000, remainingMs * 0.2));

/**
 * The reserve of an ECS native hook, which only returns its answer (no report to retry):
 * 5% of the remaining time, at least 250 ms and at most 5 s.
 *
 * @default min(5 s, max(250 ms, 5% of the remaining time))
 * @example
 * ecsReserve(60_000); // 3000
 */
export const ecsReserve = (remainingMs: number): number => Math.min(5_000, Math.max(250, remainingMs * 0.05));

/**
 * The margin before the Lambda deadline that nothing may still be running at: 10% of the remaining time, at
 * most 1 s. No report attempt runs past `deadline − reportMargin`, and a poll ends that much before the
 * checks' deadline, so that its own verdict (with its last reason) is what gets reported.
 *
 * @example
 * reportMargin(60_000); // 1000
 * reportMargin(2_000); // 200
 */
export const reportMargin = (remainingMs: number): number => Math.min(1_000, remainingMs * 0.1);

/**
 * The shortest timeout a Lambda function may have, in seconds.
 *
 * @example
 * LAMBDA_TIMEOUT_MIN_SECONDS; // 1
 */
export const LAMBDA_TIMEOUT_MIN_SECONDS = 1;

/**
 * The longest timeout a Lambda function may have, in seconds: 15 minutes. (CodeDeploy itself waits up to
 * one hour for a hook's report.)
 *
 * @example
 * LAMBDA_TIMEOUT_MAX_SECONDS; // 900
 */
export const LAMBDA_TIMEOUT_MAX_SECONDS = 900;

/**
 * The longest a Lambda function runs, in milliseconds ({@link LAMBDA_TIMEOUT_MAX_SECONDS} × 1000, written out
 * so that a bundle inlines it): the most time an invocation may have left.
 *
 * @example
 * createHook(checks, { defaultRemainingMs: MAX_LAMBDA_MS }); // the most a context-less invocation may assume
 */
export const MAX_LAMBDA_MS = 900_000;
