import { CheckTimeoutError, type CheckVerdict, describeThrown } from '@greenlight/core';

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

/** Resolves after `ms` (an unref'd timer), or rejects with the signal's reason when it fires first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
