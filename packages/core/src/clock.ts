import type { Clock } from '@greenlight/contract';

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
