import { type Clock, describeThrown, MAX_TIMER_MS, systemClock } from '@greenlight/contract';
import { CheckTimeoutError, type CheckVerdict } from '@greenlight/core';

/**
 * The rule every wait here keeps (Lambda's runtime rule): while a check waits, the timer or request it waits on
 * keeps the process alive (the contract's `systemClock` arms ref'd timers); once the wait is over, its timer is cleared
 * and its abort listener removed, so nothing outlives the check.
 */

/** A delay a timer can wait: not a number, negative or NaN is 0; more than Node's longest timer is that. */
export function timerMs(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : ms > 0 ? MAX_TIMER_MS : 0;
}

/** Why `signal` fired, in words: `timed out after 500 ms` or `aborted (…)`. */
export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof CheckTimeoutError) return reason.message;
  // DOMException (AbortSignal.timeout's reason) is not an Error in every realm: duck-type it.
  let name: unknown;
  let message: unknown;
  try {
    ({ name, message } = (typeof reason === 'object' && reason !== null ? reason : {}) as {
      name?: unknown;
      message?: unknown;
    });
  } catch {
    return `aborted (${describeThrown(reason)})`;
  }
  if (name === 'TimeoutError') return `timed out (${describeThrown(message)})`;
  if (typeof message === 'string' && !(reason instanceof Error))
    return `aborted (${describeThrown(message)})`;
  return `aborted (${describeThrown(reason)})`;
}

/** The failing verdict of a check whose signal fired while it was `doing` something. */
export function abortedVerdict(signal: AbortSignal, doing: string): CheckVerdict {
  return { passed: false, reason: `${abortReason(signal)} while ${doing}` };
}

/**
 * A signal of the caller's own that fires when `signal` does. Listening on it adds no listener to `signal`
 * (`AbortSignal.any` links them without one), so checks that share a signal, and requests that come and go,
 * never pile listeners on it (no `MaxListenersExceededWarning`).
 */
export function own(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal]);
}

/**
 * A signal that fires when `parent` fires or after `ms` (its reason then a `TimeoutError`), on a ref'd timer:
 * the request it bounds is pending work. Call `dispose()` when done so the timer does not outlive the request.
 */
export function withTimeout(
  parent: AbortSignal,
  ms: number,
  clock: Clock = systemClock,
): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = clock.setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no response within ${ms} ms`, 'TimeoutError'));
  }, timerMs(ms));
  return {
    signal: AbortSignal.any([parent, controller.signal]),
    timedOut: () => expired && !parent.aborted,
    dispose: () => clock.clearTimeout(timer),
  };
}

/**
 * Waits `ms` on `clock`'s timers (real, ref'd ones by default). Resolves `true` when the time passed, `false`
 * as soon as `signal` fires; never rejects, and always clears its timer and listener.
 */
export function wait(ms: number, signal: AbortSignal, clock: Clock = systemClock): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const mine = own(signal);
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      mine.removeEventListener('abort', onAbort);
      resolve(true);
    }, timerMs(ms));
    mine.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `work`, or its rejection with `signal`'s reason as soon as `signal` fires, whichever comes first: a client
 * that does not honour the signal cannot keep a check waiting past its deadline. The listener is removed once
 * either settles, and a late rejection of `work` is handled: the work was given up, its outcome is no longer
 * anyone's (and an unhandled rejection would end a Lambda process).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.then(undefined, () => undefined);
    return Promise.reject(signal.reason);
  }
  const mine = own(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    mine.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        mine.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        mine.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
