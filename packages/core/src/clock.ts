import type { Clock } from './types.js';

/**
 * Node's largest timer delay (2^31 − 1 ms, about 24.8 days): a longer one fires at once, with a
 * `TimeoutOverflowWarning`. Every delay greenlight arms is clamped to it.
 *
 * @example
 * clock.setTimeout(fire, Math.min(ms, MAX_TIMER_MS));
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Real time and Node's timers. A timer is ref'd: the handler waits on it, and Lambda ends an invocation when
 * nothing holds the event loop, so it must keep the process alive until it fires or is cleared (greenlight
 * clears every timer before the handler settles). Delays are clamped to [0, {@link MAX_TIMER_MS}].
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

/**
 * Resolves after `ms` on `clock`, or rejects with the signal's reason when it aborts first. Always clears its
 * timer and listener.
 *
 * @example
 * await sleep(policy.clock, delay, signal);
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
