import {
  type Clock,
  describeThrown,
  InvalidOptionsError,
  MAX_TIMER_MS,
  reportMargin,
  systemClock,
} from '@greenlight/contract';
import type { Check, CheckVerdict, HookContext } from '@greenlight/core';
import { classifyError, toVerdict } from '@greenlight/core/internal';
import { abortReason, timerMs, wait } from './internal/abort.js';
import { is, type OptionSpec, optional, validateOptions } from './internal/options.js';

/**
 * Options of {@link poll}. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * poll(http({ url }), { intervalMs: 2_000, backoff: 1.5, timeoutMs: 120_000 });
 */
export interface PollOptions {
  /** Milliseconds before the second attempt. @default 1000 */
  readonly intervalMs?: number;
  /** Each wait is the previous one times this factor (1 = a fixed interval). @default 1 */
  readonly backoff?: number;
  /** The longest wait between attempts, in ms. @default 30000 */
  readonly maxIntervalMs?: number;
  /**
   * Give up after this many ms.
   * @default just before the hook's deadline (10% of the time left, at most 1 s, is kept for the verdict)
   */
  readonly timeoutMs?: number;
  /** Give up after this many attempts. @default unlimited (until the deadline) */
  readonly maxAttempts?: number;
  /**
   * Which thrown errors are tried again: `transient` (throttling, 5xx, network, as core classifies them),
   * `all`, or `none`. Other errors end the poll at once by rejecting with them. @default 'transient'
   */
  readonly retryErrors?: 'transient' | 'all' | 'none';
  /** Timers and clock, for tests. @default real time with ref'd timers (the contract's `systemClock`) */
  readonly clock?: Clock;
}

const SPEC: OptionSpec<PollOptions> = {
  intervalMs: is.msOrZero,
  backoff: optional('a finite number >= 1', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 1),
  maxIntervalMs: is.msOrZero,
  timeoutMs: is.ms,
  maxAttempts: is.positiveInteger,
  retryErrors: is.oneOf(['transient', 'all', 'none']),
  clock: is.methods('now', 'setTimeout', 'clearTimeout'),
};

/**
 * The hook's remaining time, or `undefined` when the context cannot say (it threw, or answered something that
 * is not a number of ms: NaN, a string, a BigInt). Infinity and more than a timer can wait are that longest wait.
 */
function remainingOf(context: HookContext): number | undefined {
  let left: unknown;
  try {
    left = context.remainingTimeMs();
  } catch {
    return undefined;
  }
  return typeof left === 'number' && !Number.isNaN(left) ? timerMs(left) : undefined;
}

/**
 * The poll ends a little before the hook's deadline (`reportMargin` of the time left), so that its verdict,
 * with the last failing reason, is what the hook reports rather than a bare "timed out". When the remaining
 * time is unknown, `timeoutMs` (or else the hook's own signal) bounds it.
 */
function pollBudget(context: HookContext, timeoutMs: number | undefined): number {
  const left = remainingOf(context);
  const own = left === undefined ? MAX_TIMER_MS : left - reportMargin(left);
  return timerMs(Math.min(timeoutMs ?? MAX_TIMER_MS, own));
}

/** A context whose signal also fires at the poll's own deadline. */
function boundedContext(
  context: HookContext,
  budgetMs: number,
  clock: Clock,
): { context: HookContext; dispose: () => void } {
  const deadline = clock.now() + budgetMs;
  const controller = new AbortController();
  const timer = clock.setTimeout(
    () => controller.abort(new DOMException(`poll gave up after ${Math.round(budgetMs)} ms`, 'TimeoutError')),
    timerMs(budgetMs),
  );
  const own = {
    signal: AbortSignal.any([context.signal, controller.signal]),
    deadline,
    remainingTimeMs: () => Math.max(0, deadline - clock.now()),
    deployment: () => context.deployment(),
    target: () => context.target(),
  };
  // The look-ups are called through the outer context (it may be a class instance, whose methods a spread loses).
  const bounded: HookContext =
    context.platform === 'codedeploy'
      ? { ...context, ...own, deploymentGroup: () => context.deploymentGroup() }
      : { ...context, ...own };
  return {
    context: bounded,
    dispose: () => clock.clearTimeout(timer),
  };
}

function retryable(mode: PollOptions['retryErrors'], error: unknown): boolean {
  if (mode === 'all') return true;
  if (mode === 'none') return false;
  return classifyError(error) === 'retryable';
}

/**
 * Re-runs `check` until it passes, the deadline passes (the hook's, or `timeoutMs`), or `maxAttempts` ran
 * out, waiting `intervalMs` between attempts (times `backoff` each time). In an Amazon ECS native hook
 * (`createEcsHook`) it runs the check once and answers "not yet" (`pending`) when it fails, so the hook
 * returns IN_PROGRESS and ECS calls again after `callBackDelay`; the hook's `maxWaitMs` bounds the wait. The failing reason is the last
 * attempt's, with the count: `still failing; 5 attempts in 12.0 s; last failure: status 503, expected 2xx`.
 *
 * @example
 * import { http } from '@greenlight/checks/http';
 * import { poll } from '@greenlight/checks/poll';
 *
 * const warm = poll(http({ url: 'https://test.example.com/health' }), { intervalMs: 2_000, timeoutMs: 60_000 });
 */
export function poll(check: Check, options: PollOptions = {}): Check {
  if (typeof check !== 'function') {
    throw new InvalidOptionsError(
      'check',
      `Expected the first argument of poll() to be a check function, got ${typeof check}`,
    );
  }
  const o = validateOptions<PollOptions>('poll()', options, SPEC);
  const clock = o.clock ?? systemClock;
  const maxIntervalMs = o.maxIntervalMs ?? 30_000;
  return async (outer) => {
    // On Amazon ECS native, waiting belongs to ECS: one attempt, and "not yet" (IN_PROGRESS) if it fails,
    // so ECS invokes the hook again after its callBackDelay instead of a Lambda idling.
    if (outer.platform === 'ecs-native') {
      let verdict: CheckVerdict;
      try {
        verdict = toVerdict(await check(outer));
      } catch (error) {
        if (outer.signal.aborted || !retryable(o.retryErrors, error)) throw error;
        verdict = { passed: false, reason: describeThrown(error) };
      }
      if (verdict.passed || outer.signal.aborted) return verdict;
      return { passed: false, pending: true, reason: `not yet: ${verdict.reason ?? 'failed'}` };
    }
    const started = clock.now();
    const { context, dispose } = boundedContext(outer, pollBudget(outer, o.timeoutMs), clock);
    const { signal } = context;
    let interval = Math.min(o.intervalMs ?? 1000, maxIntervalMs);
    let lastReason = 'no attempt finished';
    let attempts = 0;
    const summary = (why: string): CheckVerdict => ({
      passed: false,
      reason: `${why}; ${attempts} attempt${attempts === 1 ? '' : 's'} in ${((clock.now() - started) / 1000).toFixed(1)} s; last failure: ${lastReason}`,
    });
    try {
      while (true) {
        if (signal.aborted) return summary(abortReason(signal));
        attempts++;
        let verdict: CheckVerdict;
        try {
          verdict = toVerdict(await check(context));
        } catch (error) {
          if (signal.aborted) return summary(abortReason(signal));
          if (!retryable(o.retryErrors, error)) throw error;
          verdict = { passed: false, reason: describeThrown(error) };
        }
        if (verdict.passed) {
          const after = attempts === 1 ? '' : ` after ${attempts} attempts`;
          return { passed: true, reason: `passed${after}${verdict.reason ? `: ${verdict.reason}` : ''}` };
        }
        // A verdict given because the signal fired says nothing new about the thing polled.
        if (signal.aborted) return summary(abortReason(signal));
        lastReason = verdict.reason ?? 'failed';
        if (o.maxAttempts !== undefined && attempts >= o.maxAttempts) return summary('still failing');
        if (!(await wait(interval, signal, clock))) return summary(abortReason(signal));
        interval = Math.min(interval * (o.backoff ?? 1), maxIntervalMs);
      }
    } finally {
      dispose();
    }
  };
}
