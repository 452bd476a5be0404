import { type HookLogger, type HookResult, planBudget, resolveMode } from '@greenlight/core';
import type { GreenlightMiddyOptions } from './options.js';

/** How one invocation's time is split, as the core splits it. All instants are epoch ms. */
export interface InvocationPlan {
  /** When the Lambda invocation ends. */
  readonly lambdaEnd: number;
  /** Time the handler gets: min(timeout, remaining − reserve). */
  readonly budgetMs: number;
  readonly reserveMs: number;
}

/**
 * The core's budget rule ({@link planBudget}): the reserve is kept back from the remaining time for the report
 * and its retries; the handler gets the rest, at most `timeout`.
 */
export function planInvocation(
  start: number,
  context: unknown,
  options: GreenlightMiddyOptions,
): InvocationPlan {
  const getRemaining = (context as { getRemainingTimeInMillis?: unknown } | null | undefined)
    ?.getRemainingTimeInMillis;
  const raw =
    typeof getRemaining === 'function'
      ? Number(getRemaining.call(context))
      : (options.defaultRemainingMs ?? 60_000);
  const budget = planBudget(start, Number.isFinite(raw) ? raw : 0, options);
  return {
    lambdaEnd: start + budget.remainingMs,
    budgetMs: budget.checksBudgetMs,
    reserveMs: budget.reserveMs,
  };
}

/** Emergency skip, dry run or normal: the core's rule (options first, then the environment; dry-run wins). */
export const modeOf = (options: GreenlightMiddyOptions, logger: HookLogger): HookResult['mode'] =>
  resolveMode(options, logger);

/** The error `@middy/core` throws (its default `timeoutEarlyResponse`) when its early timeout fires. */
export function isMiddyTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TimeoutError' &&
    (error.cause as { package?: unknown } | undefined)?.package === '@middy/core'
  );
}
