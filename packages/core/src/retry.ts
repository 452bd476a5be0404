import { getEventListeners } from 'node:events';
import { systemClock } from '@greenlight/contract';
import { classifyError, type ErrorClass, isUnreadableAnswer } from './classify.js';
import { sleep } from './clock.js';
import { AttemptTimeoutError } from './errors.js';
import type { RetryOptions } from './options.js';
import type { Clock } from './types.js';

/**
 * A complete retry policy, every value resolved: what {@link withRetries} runs with.
 *
 * @example
 * const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5_000, attemptTimeoutMs: 10_000,
 *   clock: systemClock, random: Math.random }; // createHook's defaults
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly attemptTimeoutMs: number;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * The retry policy hooks run with: the options' values, else the defaults (10 attempts, 100 ms base delay,
 * 5,000 ms largest delay, 10,000 ms per attempt).
 *
 * @example
 * const policy = resolveRetryPolicy({ maxAttempts: 3 }); // other values default; real clock, Math.random
 */
export function resolveRetryPolicy(
  retry: RetryOptions | undefined,
  clock: Clock = systemClock,
  random: () => number = Math.random,
): RetryPolicy {
  return {
    maxAttempts: retry?.maxAttempts ?? 10,
    baseDelayMs: retry?.baseDelayMs ?? 100,
    maxDelayMs: retry?.maxDelayMs ?? 5_000,
    attemptTimeoutMs: retry?.attemptTimeoutMs ?? 10_000,
    clock,
    random,
  };
}

/**
 * What one attempt gets: pass it straight to `client.send(command, options)`. The signal aborts the request
 * when the attempt is abandoned (its time is up, or the caller's signal fired), so no socket outlives it.
 *
 * @example
 * await withRetries((options) => client.send(command, options), deadline, policy);
 */
export interface AttemptOptions {
  readonly abortSignal: AbortSignal;
}

/**
 * What {@link withRetries} resolves to: the value on success; otherwise the last error, `exhausted` (true when
 * attempts or time ran out, false when the error was not retryable) and `unreadable` (an attempt was answered
 * with a 2xx that could not be read: the call may have taken effect). `attempts` counts the calls made.
 *
 * @example
 * const outcome: AttemptOutcome<unknown> = await withRetries(call, deadline, policy);
 * if (!outcome.ok && outcome.exhausted) logger.warn('gave up', { attempts: outcome.attempts });
 */
export type AttemptOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false;
      readonly error: unknown;
      readonly attempts: number;
      readonly exhausted: boolean;
      readonly unreadable: boolean;
    };

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

// Controllers of attempts that completed, with nothing listening on their signal any more: making an
// AbortSignal is the largest cost greenlight adds to an invocation, so an unused one is kept for the next call.
// A controller is only ever in one attempt at a time, and an aborted one is never reused.
const spare: AbortController[] = [];

/** One attempt, settled by its answer, by its timer, or by `outer`; the request is aborted unless it answered. */
function once<T>(
  attempt: (options: AttemptOptions) => Promise<T>,
  ms: number,
  clock: Clock,
  outer: AbortSignal | undefined,
): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const controller = spare.pop() ?? new AbortController();
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    let settled = false;
    const done = (result: Settled<T>) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      if (outer) signal.removeEventListener('abort', onAbort);
      else if (
        result.ok &&
        spare.length < 8 &&
        !signal.aborted &&
        getEventListeners(signal, 'abort').length === 0
      ) {
        spare.push(controller);
      }
      resolve(result);
    };
    // Abandoned (time up, or the caller gave up): abort the request and settle now, whether or not the
    // client honours the signal.
    const onAbort = () => done({ ok: false, error: signal.reason });
    const timer = clock.setTimeout(() => {
      controller.abort(new AttemptTimeoutError(Math.round(ms)));
      onAbort();
    }, ms);
    if (outer) signal.addEventListener('abort', onAbort);
    let running: Promise<T>;
    try {
      running = attempt({ abortSignal: signal });
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => done({ ok: true, value }),
      (error: unknown) => done({ ok: false, error: signal.aborted ? signal.reason : error }),
    );
  });
}

/**
 * Calls `attempt` until it succeeds, fails with a non-retryable error, runs out of attempts, or the next try
 * could not finish before `deadline`. Backoff: full jitter, `random() × min(maxDelay, base × 2^n)`, on the
 * policy's clock. Each attempt gets a signal that aborts its request at its own timeout, at the deadline, or
 * when `outer` fires, whichever is first. Never throws.
 *
 * @example
 * const outcome = await withRetries((options) => client.send(command, options), deadline, policy);
 * if (outcome.ok) return outcome.value;
 */
export async function withRetries<T>(
  attempt: (options: AttemptOptions) => Promise<T>,
  deadline: number,
  policy: RetryPolicy,
  outer?: AbortSignal,
  classify: (error: unknown) => ErrorClass = classifyError,
): Promise<AttemptOutcome<T>> {
  const { clock } = policy;
  let error: unknown;
  let unreadable = false;
  for (let n = 1; ; n++) {
    const left = deadline - clock.now();
    if (outer?.aborted)
      return { ok: false, error: outer.reason, attempts: n - 1, exhausted: true, unreadable };
    if (left <= 0) {
      // Made only when needed: an Error captures a stack, which costs more than the rest of this loop.
      error ??= new AttemptTimeoutError(0, 'no time was left before the deadline to make the call');
      return { ok: false, error, attempts: n - 1, exhausted: true, unreadable };
    }
    const settled = await once(attempt, Math.min(policy.attemptTimeoutMs, left), clock, outer);
    if (settled.ok) return { ok: true, value: settled.value, attempts: n };
    error = settled.error;
    unreadable ||= isUnreadableAnswer(error);
    if (classify(error) === 'fatal') return { ok: false, error, attempts: n, exhausted: false, unreadable };
    if (n >= policy.maxAttempts) return { ok: false, error, attempts: n, exhausted: true, unreadable };
    const delay = policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    if (clock.now() + delay >= deadline)
      return { ok: false, error, attempts: n, exhausted: true, unreadable };
    try {
      await sleep(clock, delay, outer);
    } catch (reason) {
      return { ok: false, error: reason, attempts: n, exhausted: true, unreadable };
    }
  }
}
