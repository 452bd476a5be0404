import { CheckTimeoutError, describeThrown, GreenlightError } from './errors.js';
import type { Check, CheckReport, Clock, HookContext, HookLogger } from './types.js';
import { thrownVerdict, tidyReason, toVerdict, type Verdict } from './verdict.js';

/**
 * A named check, as `createHook` normalised it.
 *
 * @example
 * const smoke: NamedCheck = ['smoke', async ({ signal }) => (await fetch(url, { signal })).ok];
 */
export type NamedCheck = readonly [name: string, check: Check];

/**
 * What {@link runChecks} needs: the named checks, how to build the context each receives, the time they get,
 * how to run them, and the clock and logger.
 *
 * @example
 * const input: RunChecksInput = { checks: namedChecks({ smoke, alarms }), contextFor, budgetMs: 30_000,
 *   sequential: false, failFast: true, clock: systemClock, logger };
 */
export interface RunChecksInput {
  readonly checks: readonly NamedCheck[];
  /** Builds the context one check receives. */
  readonly contextFor: (name: string, signal: AbortSignal) => HookContext;
  readonly budgetMs: number;
  readonly sequential: boolean;
  readonly failFast: boolean;
  readonly clock: Clock;
  readonly logger: HookLogger;
}

const ABORTED = Symbol('aborted');
/** How long an aborted check may take to reject with its own reason before it is abandoned. */
const GRACE_MS = 25;

/** Whether `promise` settled within `ms`, and with what error if it rejected. Clears its timer either way. */
function settledWithin(
  promise: Promise<unknown>,
  ms: number,
  clock: Clock,
): Promise<{ settled: boolean; error?: unknown }> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => resolve({ settled: false }), ms);
    promise.then(
      () => {
        clock.clearTimeout(timer);
        resolve({ settled: true });
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        resolve({ settled: true, error });
      },
    );
  });
}

function abortedReport(name: string, reason: unknown, durationMs: number): CheckReport {
  if (reason instanceof CheckTimeoutError)
    return { name, status: 'Failed', reason: reason.message, durationMs };
  const why = reason instanceof GreenlightError ? reason.message : 'cancelled';
  return { name, status: 'Skipped', reason: why, durationMs };
}

async function runOne(
  name: string,
  check: Check,
  signal: AbortSignal,
  input: RunChecksInput,
): Promise<CheckReport> {
  const { clock, logger } = input;
  const started = clock.now();
  if (signal.aborted) return abortedReport(name, signal.reason, 0);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = Promise.resolve().then(() => check(input.contextFor(name, signal)));
  try {
    const outcome = await Promise.race([running, aborted]);
    if (outcome === ABORTED) {
      // Give a check that honours its signal a moment to say why (e.g. "timed out while waiting for GET …"),
      // then abandon it. Its late outcome is logged, never reported.
      const own = await settledWithin(running, GRACE_MS, clock);
      running.then(
        () => logger.debug('check settled after it was abandoned', { check: name }),
        (error: unknown) => logger.debug('check rejected after it was abandoned', { check: name, error }),
      );
      const report = abortedReport(name, signal.reason, clock.now() - started);
      if (own.settled && own.error !== undefined && own.error !== signal.reason && report.reason) {
        const said = tidyReason(describeThrown(own.error));
        return { ...report, reason: /timed out/i.test(said) ? said : `${report.reason}: ${said}` };
      }
      return report;
    }
    const verdict: Verdict = toVerdict(outcome);
    return report(name, verdict, clock.now() - started);
  } catch (error) {
    // A check that rejects because its signal fired (e.g. fetch's AbortError) timed out; it did not fail alone.
    if (signal.aborted) return abortedReport(name, signal.reason, clock.now() - started);
    return report(name, thrownVerdict(error), clock.now() - started);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function report(name: string, verdict: Verdict, durationMs: number): CheckReport {
  const status = verdict.passed ? 'Succeeded' : verdict.pending ? 'Pending' : 'Failed';
  return verdict.reason === undefined
    ? { name, status, durationMs }
    : { name, status, reason: verdict.reason, durationMs };
}

/**
 * Runs the checks under one deadline. Each gets an `AbortSignal` that fires when the budget is spent (reason:
 * {@link CheckTimeoutError}) or, with `failFast`, when a sibling failed. A check still running at the deadline
 * is Failed ("timed out after N ms") without being waited for.
 *
 * @example
 * const reports = await runChecks(input);
 * // [{ name: 'smoke', status: 'Succeeded', durationMs: 84 }, { name: 'alarms', status: 'Failed', ... }]
 */
export async function runChecks(input: RunChecksInput): Promise<CheckReport[]> {
  const { checks, budgetMs, clock, failFast, sequential } = input;
  const controller = new AbortController();
  const timer = clock.setTimeout(
    () => controller.abort(new CheckTimeoutError(Math.round(budgetMs))),
    budgetMs,
  );
  const failed = (r: CheckReport) => {
    if (failFast && r.status === 'Failed' && !controller.signal.aborted) {
      controller.abort(new GreenlightError('CHECK_CANCELLED', `cancelled: check "${r.name}" failed first`));
    }
    return r;
  };
  try {
    if (budgetMs <= 0) controller.abort(new CheckTimeoutError(0, 'not run: no time left before the reserve'));
    if (!sequential) {
      return await Promise.all(
        checks.map(([name, check]) => runOne(name, check, controller.signal, input).then(failed)),
      );
    }
    const reports: CheckReport[] = [];
    for (const [name, check] of checks)
      reports.push(failed(await runOne(name, check, controller.signal, input)));
    return reports;
  } finally {
    clock.clearTimeout(timer);
  }
}

/**
 * {@link runChecks}, except that a defect of greenlight's own (anything `runChecks` throws) becomes one Failed
 * report named `greenlight`, logged as an error: the hook still answers.
 *
 * @example
 * const reports = await runChecksOrFail({ checks, contextFor, budgetMs, sequential: false, failFast: false, clock, logger });
 */
export async function runChecksOrFail(input: RunChecksInput): Promise<CheckReport[]> {
  try {
    return await runChecks(input);
  } catch (error) {
    input.logger.error('running the checks failed unexpectedly; the verdict is Failed', { error });
    return [
      {
        name: 'greenlight',
        status: 'Failed',
        reason: `internal error: ${describeThrown(error)}`,
        durationMs: 0,
      },
    ];
  }
}
