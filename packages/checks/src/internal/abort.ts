import { CheckTimeoutError, type CheckVerdict, type Clock } from '@greenlight/core';
import { describeThrown, systemClock } from '@greenlight/core/internal';

/** Why `signal` fired, in words: `timed out after 500 ms` or `aborted (…)`. */
export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof CheckTimeoutError) return reason.message;
  // DOMException (AbortSignal.timeout's reason) is not an Error in every realm: duck-type it.
  const { name, message } = (typeof reason === 'object' && reason !== null ? reason : {}) as {
    name?: unknown;
    message?: unknown;
  };
  if (name === 'TimeoutError') return `timed out (${String(message)})`;
  if (typeof message === 'string' && !(reason instanceof Error)) return `aborted (${message})`;
  return `aborted (${describeThrown(reason)})`;
}

/** The failing verdict of a check whose signal fired while it was `doing` something. */
export function abortedVerdict(signal: AbortSignal, doing: string): CheckVerdict {
  return { passed: false, reason: `${abortReason(signal)} while ${doing}` };
}

/**
 * A signal that fires when `parent` fires or after `ms` (its reason then a `TimeoutError`). Call
 * `dispose()` when done so neither the timer nor the listener outlives the request.
 */
export function withTimeout(
  parent: AbortSignal,
  ms: number,
): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let expired = false;
  const relay = () => controller.abort(parent.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no response within ${ms} ms`, 'TimeoutError'));
  }, ms);
  timer.unref();
  if (parent.aborted) relay();
  else parent.addEventListener('abort', relay, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired && !parent.aborted,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', relay);
    },
  };
}

/**
 * Waits `ms` on `clock`'s timers (real, unref'd ones by default). Resolves `true` when the time passed, `false`
 * as soon as `signal` fires; never rejects, and always clears its timer and listener.
 */
export function wait(ms: number, signal: AbortSignal, clock: Clock = systemClock): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
