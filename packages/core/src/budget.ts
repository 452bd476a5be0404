import { describeThrown, MAX_TIMER_MS, reportMargin, scrubbed, shown } from '@greenlight/contract';
import { InvalidLambdaContextError } from './errors.js';

/**
 * How one invocation's time is split between the checks and the answer. All instants are epoch ms.
 *
 * @example
 * const { checksDeadline, reportDeadline } = planBudget(Date.now(), 60_000, {}, defaultReserve);
 */
export interface Budget {
  readonly start: number;
  /** Time left in the Lambda invocation when the handler started, in [0, 2^31 − 1]. */
  readonly remainingMs: number;
  /** Time kept back for the answer (the report and its retries). */
  readonly reserveMs: number;
  /** Time the checks get. */
  readonly checksBudgetMs: number;
  readonly checksDeadline: number;
  /** No report attempt may still be running at this instant: the Lambda deadline less `reportMargin`. */
  readonly reportDeadline: number;
  /** Set when the `reserve` function threw: the default reserve was used instead. */
  readonly reserveError?: unknown;
}

/**
 * Splits the remaining time: checks get `min(timeout, remaining − reserve)`; the report may use the rest up to
 * the Lambda deadline less `reportMargin` (`@greenlight/contract`). A `reserve` function that throws or
 * answers something other than a finite number gets `fallbackReserve` instead.
 *
 * @example
 * planBudget(0, 60_000, {}, defaultReserve); // { reserveMs: 12000, checksBudgetMs: 48000, reportDeadline: 59000, ... }
 */
export function planBudget(
  start: number,
  remainingMs: number,
  options: { readonly reserve?: number | ((remainingMs: number) => number); readonly timeout?: number },
  fallbackReserve: (remainingMs: number) => number,
): Budget {
  const remaining = Math.min(MAX_TIMER_MS, Math.max(0, remainingMs));
  let wanted: unknown = options.reserve;
  let reserveError: unknown;
  if (typeof wanted === 'function') {
    try {
      wanted = (wanted as (ms: number) => unknown)(remaining);
    } catch (error) {
      reserveError = error;
    }
  }
  const reserveMs = Math.min(
    remaining,
    Math.max(0, typeof wanted === 'number' && Number.isFinite(wanted) ? wanted : fallbackReserve(remaining)),
  );
  const checksBudgetMs = Math.max(0, Math.min(options.timeout ?? remaining, remaining - reserveMs));
  const budget = {
    start,
    remainingMs: remaining,
    reserveMs,
    checksBudgetMs,
    checksDeadline: start + checksBudgetMs,
    reportDeadline: start + remaining - reportMargin(remaining),
  };
  return reserveError === undefined ? budget : { ...budget, reserveError };
}

/**
 * The time left in the invocation, read from the Lambda context: what `getRemainingTimeInMillis()` answers,
 * made safe. Without a context (or without the method), `fallbackMs`.
 *
 * @example
 * const { ms, problem } = remainingTime(context, 60_000);
 * if (problem) logger.warn('the Lambda context is unusable', { error: problem.message });
 */
export interface RemainingTime {
  /** Milliseconds, in [0, 2^31 − 1]. */
  readonly ms: number;
  /** Why the context's answer was not used as it was. */
  readonly problem?: InvalidLambdaContextError;
}

/**
 * Reads the remaining time: a number in [0, 2^31 − 1] as it is; a BigInt as its number; a negative time as 0;
 * more than 2^31 − 1 (or Infinity) clamped to it, with a problem; NaN, a non-number, or a throw gives
 * `fallbackMs`, with a problem (an `InvalidLambdaContextError`). Never throws.
 *
 * @example
 * remainingTime({ getRemainingTimeInMillis: () => Number.NaN }, 60_000).ms; // 60000, with a problem
 */
export function remainingTime(context: unknown, fallbackMs: number): RemainingTime {
  let value: unknown;
  try {
    const get = (context as { getRemainingTimeInMillis?: unknown } | null | undefined)
      ?.getRemainingTimeInMillis;
    if (typeof get !== 'function') return { ms: fallbackMs };
    value = get.call(context);
  } catch (error) {
    return {
      ms: fallbackMs,
      problem: new InvalidLambdaContextError(
        `getRemainingTimeInMillis() threw (${describeThrown(error)}); assuming ${fallbackMs} ms (defaultRemainingMs)`,
        { cause: scrubbed(error) },
      ),
    };
  }
  if (typeof value === 'number' && value >= 0 && value <= MAX_TIMER_MS) return { ms: value };
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n)) {
    return {
      ms: fallbackMs,
      problem: new InvalidLambdaContextError(
        `getRemainingTimeInMillis() returned ${shown(value)}, not a number of milliseconds; assuming ${fallbackMs} ms (defaultRemainingMs)`,
      ),
    };
  }
  if (n <= MAX_TIMER_MS) return { ms: Math.max(0, n) };
  return {
    ms: MAX_TIMER_MS,
    problem: new InvalidLambdaContextError(
      `getRemainingTimeInMillis() returned ${shown(value)}, more than a timer can wait; using ${MAX_TIMER_MS} ms (2^31 − 1)`,
    ),
  };
}
