/**
 * Timers and "now", injectable so tests can run time by hand. A timer that a pending handler (or a pending
 * deployment) waits on must keep the process alive, as Lambda's Node runtime requires: {@link systemClock}'s
 * timers are ref'd, and whoever arms one clears it when the wait is over.
 *
 * @example
 * const clock: Clock = { now: () => fakeNow, setTimeout: (fire, ms) => timers.add(fakeNow + ms, fire),
 *   clearTimeout: (handle) => timers.cancel(handle) };
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` after `ms` milliseconds; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Node's largest timer delay (2^31 − 1 ms, about 24.8 days): a longer one fires at once, with a
 * `TimeoutOverflowWarning`. {@link systemClock} clamps every delay to it.
 *
 * @example
 * clock.setTimeout(fire, Math.min(ms, MAX_TIMER_MS));
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Real time and Node's timers. A timer is ref'd: the handler waits on it, and Lambda ends an invocation when
 * nothing holds the event loop, so it keeps the process alive until it fires or is cleared (every timer
 * greenlight arms is cleared before the handler settles, or when the local CodeDeploy closes). Delays are
 * clamped to [0, {@link MAX_TIMER_MS}].
 *
 * @example
 * const clock: Clock = options.clock ?? systemClock;
 * const timer = clock.setTimeout(() => controller.abort(), 5_000); // holds the invocation until cleared
 */
export const systemClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, MAX_TIMER_MS)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
