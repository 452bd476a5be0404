import type { HookOptions } from './options.js';

/**
 * How one invocation's time is split between the checks and the report. All instants are epoch ms.
 *
 * @example
 * const { checksDeadline, reportDeadline } = planBudget(Date.now(), context.getRemainingTimeInMillis(), {});
 */
export interface Budget {
  readonly start: number;
  /** Time left in the Lambda invocation when the handler started. */
  readonly remainingMs: number;
  /** Time kept back for the report and its retries. */
  readonly reserveMs: number;
  /** Time the checks get. */
  readonly checksBudgetMs: number;
  readonly checksDeadline: number;
  /** No report attempt may still be running at this instant: the Lambda deadline less a safety margin. */
  readonly reportDeadline: number;
}

/**
 * The reserve a hook keeps back from the remaining Lambda time for the report and its retries when the
 * `reserve` option is not set: 20% of the remaining time, at least 1 s and at most 30 s.
 *
 * @default min(30 s, max(1 s, 20% of the remaining time))
 * @example
 * defaultReserve(60_000); // 12000: a 60 s invocation keeps 12 s for the report
 * middy({ timeoutEarlyInMillis: defaultReserve(TIMEOUT_MS) }); // give a middy handler the same reserve
 */
export function defaultReserve(remainingMs: number): number {
  return Math.min(30_000, Math.max(1_000, remainingMs * 0.2));
}

/**
 * Splits the remaining time: checks get `min(timeout, remaining − reserve)`; the report may use the rest up
 * to the Lambda deadline less a margin of min(1 s, 10% of the remaining time).
 *
 * @example
 * planBudget(0, 60_000, {}); // { reserveMs: 12000, checksBudgetMs: 48000, checksDeadline: 48000, reportDeadline: 59000, ... }
 */
export function planBudget(start: number, remainingMs: number, options: HookOptions): Budget {
  const remaining = Math.max(0, remainingMs);
  const wanted = typeof options.reserve === 'function' ? options.reserve(remaining) : options.reserve;
  const reserveMs = Math.min(
    remaining,
    Math.max(0, Number.isFinite(wanted) ? (wanted as number) : defaultReserve(remaining)),
  );
  const checksBudgetMs = Math.max(
    0,
    Math.min(options.timeout ?? Number.POSITIVE_INFINITY, remaining - reserveMs),
  );
  const marginMs = Math.min(1_000, remaining * 0.1);
  return {
    start,
    remainingMs: remaining,
    reserveMs,
    checksBudgetMs,
    checksDeadline: start + checksBudgetMs,
    reportDeadline: start + remaining - marginMs,
  };
}
