import { Duration } from 'aws-cdk-lib';

/**
 * The Lambda timeout a hook gets when none is given: five minutes, so the checks get 4 min 30 s after
 * the core's report reserve of min(30 s, 20% of the remaining time).
 *
 * @example
 * HOOK_TIMEOUT_DEFAULT_SECONDS; // 300
 */
export const HOOK_TIMEOUT_DEFAULT_SECONDS = 300;

/**
 * The shortest Lambda timeout a hook may have: one minute. The core then reserves 12 s for the report
 * and its retries and gives the checks 48 s. Anything shorter leaves a slow HTTP check, a cold SDK client
 * and a throttled report fighting over the same few seconds.
 *
 * @example
 * HOOK_TIMEOUT_MIN_SECONDS; // 60
 */
export const HOOK_TIMEOUT_MIN_SECONDS = 60;

/**
 * The longest Lambda timeout there is: 15 minutes. (CodeDeploy itself waits up to one hour for a report.)
 *
 * @example
 * HOOK_TIMEOUT_MAX_SECONDS; // 900
 */
export const HOOK_TIMEOUT_MAX_SECONDS = 900;

/**
 * The time the core keeps back from the checks to send the report: min(30 s, max(1 s, 20% of the
 * timeout)). This mirrors `@greenlight/core`'s default reserve (`defaultReserve`); the core remains the
 * authority at run time, where it applies it to the time actually remaining.
 *
 * @param timeout the hook's Lambda timeout
 * @returns the reserve, in whole milliseconds
 * @example
 * reportReserve(Duration.minutes(5)).toMilliseconds(); // 30000
 * reportReserve(Duration.minutes(1)).toMilliseconds(); // 12000
 */
export function reportReserve(timeout: Duration): Duration {
  const ms = timeout.toMilliseconds();
  return Duration.millis(Math.min(30_000, Math.max(1_000, Math.floor(ms * 0.2))));
}

/**
 * The time the checks of a hook with this Lambda timeout get: the timeout minus {@link reportReserve}.
 *
 * @param timeout the hook's Lambda timeout
 * @example
 * checkTimeBudget(Duration.minutes(5)).toSeconds(); // 270
 */
export function checkTimeBudget(timeout: Duration): Duration {
  return Duration.millis(timeout.toMilliseconds() - reportReserve(timeout).toMilliseconds());
}

/**
 * Validates a hook timeout and returns it, or the default when none is given.
 *
 * @param timeout the requested timeout
 * @throws RangeError naming `timeout` when it is below {@link HOOK_TIMEOUT_MIN_SECONDS} or above
 *   {@link HOOK_TIMEOUT_MAX_SECONDS}, or not a whole number of seconds
 * @example
 * resolveHookTimeout(undefined).toSeconds(); // 300
 * resolveHookTimeout(Duration.seconds(10)); // throws RangeError
 */
export function resolveHookTimeout(timeout: Duration | undefined): Duration {
  if (timeout === undefined) return Duration.seconds(HOOK_TIMEOUT_DEFAULT_SECONDS);
  if (timeout.isUnresolved()) {
    throw new RangeError('Expected `timeout` to be a concrete duration, got an unresolved token');
  }
  const ms = timeout.toMilliseconds();
  if (ms % 1000 !== 0) {
    throw new RangeError(`Expected \`timeout\` to be a whole number of seconds, got ${ms} ms`);
  }
  const seconds = ms / 1000;
  if (seconds < HOOK_TIMEOUT_MIN_SECONDS || seconds > HOOK_TIMEOUT_MAX_SECONDS) {
    throw new RangeError(
      `Expected \`timeout\` between ${HOOK_TIMEOUT_MIN_SECONDS} s and ${HOOK_TIMEOUT_MAX_SECONDS} s, got ${seconds} s: ` +
        'a hook needs time for its checks plus the reserve to report (min(30 s, 20% of the timeout))',
    );
  }
  return timeout;
}
