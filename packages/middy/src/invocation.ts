import { defaultReserve, type HookLogger, type HookResult } from '@greenlight/core';
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
 * The core's budget rule: the reserve (default {@link defaultReserve}) is kept back from the remaining time
 * for the report and its retries; the handler gets the rest, at most `timeout`.
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
  const remaining = Math.max(0, Number.isFinite(raw) ? raw : 0);
  const wanted = typeof options.reserve === 'function' ? options.reserve(remaining) : options.reserve;
  const reserveMs = Math.min(
    remaining,
    Math.max(0, Number.isFinite(wanted) ? (wanted as number) : defaultReserve(remaining)),
  );
  const budgetMs = Math.max(0, Math.min(options.timeout ?? Number.POSITIVE_INFINITY, remaining - reserveMs));
  return { lambdaEnd: start + remaining, budgetMs, reserveMs };
}

/** Reads a boolean switch from the environment, as the core does: `true`/`1` on; unset/`false`/`0`/empty off. */
function envSwitch(name: string): boolean | undefined {
  const raw = process.env[name];
  if (raw === undefined) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === '' || v === 'false' || v === '0') return false;
  return undefined;
}

/** Emergency skip, dry run or normal, from the options, else the environment (dry-run wins over skip). */
export function modeOf(options: GreenlightMiddyOptions, logger: HookLogger): HookResult['mode'] {
  const read = (name: string): boolean => {
    const value = envSwitch(name);
    if (value === undefined)
      logger.warn(`${name} is neither true/1 nor false/0; it is ignored`, { value: process.env[name] });
    return value === true;
  };
  const skip = options.skip ?? read('GREENLIGHT_SKIP_CHECKS');
  const dryRun = options.dryRun ?? read('GREENLIGHT_DRY_RUN');
  if (skip && dryRun) {
    logger.warn('emergency skip and dry-run are both on: dry-run wins, nothing is skipped or reported');
    return 'dry-run';
  }
  return skip ? 'skip' : dryRun ? 'dry-run' : 'normal';
}

/** The error `@middy/core` throws (its default `timeoutEarlyResponse`) when its early timeout fires. */
export function isMiddyTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TimeoutError' &&
    (error.cause as { package?: unknown } | undefined)?.package === '@middy/core'
  );
}
