import { defaultReserve, InvalidOptionsError, LAMBDA_TIMEOUT_MAX_SECONDS } from '@greenlight/contract';
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
 * The longest Lambda timeout there is: 15 minutes (`LAMBDA_TIMEOUT_MAX_SECONDS` of the contract). (CodeDeploy
 * itself waits up to one hour for a report.)
 *
 * @example
 * HOOK_TIMEOUT_MAX_SECONDS; // 900
 */
export const HOOK_TIMEOUT_MAX_SECONDS = LAMBDA_TIMEOUT_MAX_SECONDS;

/**
 * The time the core keeps back from the checks to send the report, for a hook with this Lambda timeout: the
 * contract's `defaultReserve` (the formula the hook applies at run time to the time actually remaining), in
 * whole milliseconds.
 *
 * @param timeout the hook's Lambda timeout
 * @returns the reserve, in whole milliseconds
 * @example
 * reportReserve(Duration.minutes(5)).toMilliseconds(); // 30000
 * reportReserve(Duration.minutes(1)).toMilliseconds(); // 12000
 */
export function reportReserve(timeout: Duration): Duration {
  return Duration.millis(Math.floor(defaultReserve(timeout.toMilliseconds())));
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
 * @throws InvalidOptionsError naming `timeout` when it is below {@link HOOK_TIMEOUT_MIN_SECONDS} or above
 *   {@link HOOK_TIMEOUT_MAX_SECONDS}, or not a whole number of seconds
 * @example
 * resolveHookTimeout(undefined).toSeconds(); // 300
 * resolveHookTimeout(Duration.seconds(10)); // throws InvalidOptionsError
 */
export function resolveHookTimeout(timeout: Duration | undefined): Duration {
  if (timeout === undefined) return Duration.seconds(HOOK_TIMEOUT_DEFAULT_SECONDS);
  if (timeout.isUnresolved()) {
    throw new InvalidOptionsError(
      'timeout',
      'Expected `timeout` to be a concrete duration, got an unresolved token',
    );
  }
  const ms = timeout.toMilliseconds();
  if (ms % 1000 !== 0) {
    throw new InvalidOptionsError(
      'timeout',
      `Expected \`timeout\` to be a whole number of seconds, got ${ms} ms`,
    );
  }
  const seconds = ms / 1000;
  if (seconds < HOOK_TIMEOUT_MIN_SECONDS || seconds > HOOK_TIMEOUT_MAX_SECONDS) {
    throw new InvalidOptionsError(
      'timeout',
      `Expected \`timeout\` between ${HOOK_TIMEOUT_MIN_SECONDS} s and ${HOOK_TIMEOUT_MAX_SECONDS} s, got ${seconds} s: ` +
        'a hook needs time for its checks plus the reserve to report (defaultReserve: min(30 s, 20% of the timeout))',
    );
  }
  return timeout;
}
