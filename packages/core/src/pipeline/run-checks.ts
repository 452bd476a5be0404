import { setMaxListeners } from 'node:events';
import { describeThrown, isGreenlightError } from '@greenlight/contract';
import { CheckCancelledError, CheckTimeoutError, InvalidOptionsError } from '../errors.js';
import type { Check, CheckReport, Checks, Clock, HookContext, HookLogger } from '../types.js';
import { thrownVerdict, toVerdict, type Verdict } from '../verdict.js';
import type { HookPipeline, Invocation } from './pipeline.js';

/**
 * A named check, as the hook normalised it.
 *
 * @example
 * const smoke: NamedCheck = ['smoke', async ({ signal }) => (await fetch(url, { signal })).ok];
 */
export type NamedCheck<C extends HookContext = HookContext> = readonly [name: string, check: Check<C>];

/**
 * Normalises `checks` to named pairs; a bad value is an `InvalidOptionsError` naming it.
 *
 * @example
 * namedChecks(async () => true); // [['check', <the function>]]
 * namedChecks({ smoke, alarms }); // [['smoke', smoke], ['alarms', alarms]]
 */
export function namedChecks<C extends HookContext>(checks: Checks<C>): NamedCheck<C>[] {
  if (typeof checks === 'function') return [['check', checks]];
  if (typeof checks !== 'object' || checks === null || Array.isArray(checks)) {
    throw new InvalidOptionsError(
      'checks',
      'Expected `checks` to be a check function or a record of named check functions',
    );
  }
  const entries = Object.entries(checks);
  if (entries.length === 0)
    throw new InvalidOptionsError('checks', 'Expected at least one check in `checks`');
  for (const [name, check] of entries) {
    if (typeof check !== 'function')
      throw new InvalidOptionsError(
        'checks',
        `Expected check \`${name}\` to be a function, got ${typeof check}`,
      );
  }
  return entries;
}

/** How long an abandoned check may take to reject with its own reason before it is left behind. */
const GRACE_MS = 25;

/**
 * One run of the checks: the deadline timer (armed when a check first returns a promise), the signal checks
 * see (made when a check first reads it), and the reason the run stopped (deadline, or a fail-fast failure).
 *
 * @example
 * const context = { get signal() { return run.signal(); } }; // what a check context reads
 */
export class CheckRun {
  /** Why the run stopped; undefined while it runs. */
  reason: CheckTimeoutError | CheckCancelledError | undefined;
  private controller: AbortController | undefined;
  private timer: unknown;
  private waiting: ((reason: unknown) => void)[] = [];
  constructor(
    private readonly clock: Clock,
    private readonly deadline: number,
    private readonly budgetMs: number,
    private readonly checkCount: number,
  ) {}

  /** The signal every check of this run receives. */
  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // Ten listeners per check before Node warns: each check may listen, and so may its I/O.
      setMaxListeners(10 * this.checkCount, this.controller.signal);
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Stops the run: aborts the signal and wakes every check still awaited. */
  stop(reason: CheckTimeoutError | CheckCancelledError): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller?.abort(reason);
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake(reason);
  }

  /** Calls `wake` when the run stops, arming the deadline first. */
  onStop(wake: (reason: unknown) => void): void {
    if (this.timer === undefined && !this.reason) {
      const budget = Math.round(this.budgetMs);
      this.timer = this.clock.setTimeout(
        () => this.stop(new CheckTimeoutError(budget)),
        Math.max(0, this.deadline - this.clock.now()),
      );
    }
    this.waiting.push(wake);
  }

  /** Ends the run: clears the timer and aborts what the checks left running. */
  end(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.waiting = [];
    if (this.controller && !this.controller.signal.aborted) {
      this.controller.abort(new CheckCancelledError('the checks are over'));
    }
  }
}

/**
 * What {@link runChecks} needs: the named checks, how to build the context each receives from the run, the
 * checks' deadline and budget, how to run them, and the clock and logger.
 *
 * @example
 * const input: RunChecksInput<CodeDeployHookContext> = { checks: namedChecks({ smoke }), contextFor,
 *   deadline, budgetMs: 30_000, sequential: false, failFast: true, clock: systemClock, logger };
 */
export interface RunChecksInput<C extends HookContext = HookContext> {
  readonly checks: readonly NamedCheck<C>[];
  /** Builds the context one check receives; its `signal` should be `run.signal()`, read lazily. */
  readonly contextFor: (name: string, run: CheckRun) => C;
  readonly deadline: number;
  readonly budgetMs: number;
  readonly sequential: boolean;
  readonly failFast: boolean;
  readonly clock: Clock;
  readonly logger: HookLogger;
}

function abortedReport(
  name: string,
  reason: CheckTimeoutError | CheckCancelledError,
  durationMs: number,
): CheckReport {
  return {
    name,
    status: isGreenlightError(reason, 'CHECK_TIMEOUT') ? 'Failed' : 'Skipped',
    reason: reason.message,
    durationMs,
  };
}

function report(name: string, verdict: Verdict, durationMs: number): CheckReport {
  const status = verdict.passed ? 'Succeeded' : verdict.pending ? 'Pending' : 'Failed';
  return verdict.reason === undefined
    ? { name, status, durationMs }
    : { name, status, reason: verdict.reason, durationMs };
}

type Settled = { readonly value: unknown } | { readonly error: unknown } | { readonly stopped: unknown };

/** The promise of an async check, raced against the run's stop without a listener on the signal. */
async function awaitCheck(
  name: string,
  running: Promise<unknown>,
  run: CheckRun,
  started: number,
  clock: Clock,
  logger: HookLogger,
): Promise<CheckReport> {
  const settled = await new Promise<Settled>((resolve) => {
    running.then(
      (value) => resolve({ value }),
      (error: unknown) => resolve({ error }),
    );
    run.onStop((stopped) => resolve({ stopped }));
  });
  if ('value' in settled) return report(name, toVerdict(settled.value), clock.now() - started);
  // A check that rejects with the run's own reason was stopped; it did not fail alone.
  if ('error' in settled && (run.reason === undefined || settled.error !== run.reason)) {
    return report(name, thrownVerdict(settled.error), clock.now() - started);
  }
  // Stopped: give a check that honours its signal a moment to say why (e.g. "timed out while waiting for
  // GET …"), then leave it. Its late outcome is logged, never reported.
  const own = 'error' in settled ? settled : await within(running, GRACE_MS, clock);
  running.then(
    () => logger.debug('check settled after it was abandoned', { check: name }),
    (error: unknown) =>
      logger.debug('check rejected after it was abandoned', { check: name, error: describeThrown(error) }),
  );
  const aborted = abortedReport(name, run.reason as NonNullable<CheckRun['reason']>, clock.now() - started);
  if ('error' in own && own.error !== run.reason && aborted.reason) {
    const said = describeThrown(own.error);
    return { ...aborted, reason: /timed out/i.test(said) ? said : `${aborted.reason}: ${said}` };
  }
  return aborted;
}

/** How `promise` settled within `ms`, if it did. Clears its timer either way. */
function within(promise: Promise<unknown>, ms: number, clock: Clock): Promise<Settled | { none: true }> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => resolve({ none: true }), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve({ value });
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        resolve({ error });
      },
    );
  });
}

/** Runs one check: a synchronous answer is taken at once, a promise is raced against the run's stop. */
function runOne<C extends HookContext>(
  name: string,
  check: Check<C>,
  run: CheckRun,
  input: RunChecksInput<C>,
): CheckReport | Promise<CheckReport> {
  const { clock } = input;
  const started = clock.now();
  if (run.reason) return abortedReport(name, run.reason, 0);
  let outcome: unknown;
  let then: unknown;
  try {
    outcome = check(input.contextFor(name, run));
    then = (outcome as { then?: unknown } | null | undefined)?.then;
  } catch (error) {
    return report(name, thrownVerdict(error), clock.now() - started);
  }
  if (typeof then !== 'function') return report(name, toVerdict(outcome), clock.now() - started);
  // A thenable is adopted (its `then` may throw: that is a rejection).
  const running = Promise.resolve(outcome);
  return awaitCheck(name, running, run, started, input.clock, input.logger);
}

/**
 * Runs the checks under one deadline. Each gets an `AbortSignal` that fires when the budget is spent (reason:
 * `CheckTimeoutError`), with `failFast` when a sibling failed (`CheckCancelledError`), and when the checks are
 * over. A check still running at the deadline is Failed ("timed out after N ms") without being waited for.
 * Every timer is cleared before it resolves. Checks that all answer synchronously are answered synchronously
 * (no promise, no timer).
 *
 * @example
 * const reports = await runChecks(input);
 * // [{ name: 'smoke', status: 'Succeeded', durationMs: 84 }, { name: 'alarms', status: 'Failed', ... }]
 */
export function runChecks<C extends HookContext>(
  input: RunChecksInput<C>,
): CheckReport[] | Promise<CheckReport[]> {
  const { checks, budgetMs } = input;
  const run = new CheckRun(input.clock, input.deadline, budgetMs, checks.length);
  let handedOver = false;
  try {
    if (budgetMs <= 0) run.stop(new CheckTimeoutError(0, 'not run: no time left before the reserve'));
    const reports: (CheckReport | Promise<CheckReport>)[] = [];
    for (let i = 0; i < checks.length; i++) {
      const [name, check] = checks[i] as NamedCheck<C>;
      const r = runOne(name, check, run, input);
      if (r instanceof Promise) {
        handedOver = true;
        return goOn(input, run, reports, i, r);
      }
      reports.push(failFast(input, run, r));
    }
    return reports as CheckReport[];
  } finally {
    if (!handedOver) run.end();
  }
}

function failFast<C extends HookContext>(
  input: RunChecksInput<C>,
  run: CheckRun,
  r: CheckReport,
): CheckReport {
  if (input.failFast && r.status === 'Failed') {
    run.stop(new CheckCancelledError(`cancelled: check "${r.name}" failed first`));
  }
  return r;
}

/** The rest of {@link runChecks} once check `i` answered with a promise. */
async function goOn<C extends HookContext>(
  input: RunChecksInput<C>,
  run: CheckRun,
  reports: (CheckReport | Promise<CheckReport>)[],
  i: number,
  first: Promise<CheckReport>,
): Promise<CheckReport[]> {
  const { checks, sequential } = input;
  try {
    let r: CheckReport | Promise<CheckReport> = first;
    for (let j = i; ; ) {
      if (!(r instanceof Promise)) reports.push(failFast(input, run, r));
      else if (sequential) reports.push(failFast(input, run, await r));
      else reports.push(r.then((done) => failFast(input, run, done)));
      if (++j >= checks.length) break;
      const [name, check] = checks[j] as NamedCheck<C>;
      r = runOne(name, check, run, input);
    }
    return await Promise.all(reports);
  } finally {
    run.end();
  }
}

/**
 * {@link runChecks}, except that a defect of greenlight's own (anything `runChecks` throws) becomes one Failed
 * report named `greenlight`, logged as an error: the hook still answers.
 *
 * @example
 * const reports = await runChecksOrFail(input);
 */
export function runChecksOrFail<C extends HookContext>(
  input: RunChecksInput<C>,
): CheckReport[] | Promise<CheckReport[]> {
  const fail = (error: unknown): CheckReport[] => {
    const reason = `internal error: ${describeThrown(error)}`;
    input.logger.error('running the checks failed unexpectedly; the verdict is Failed', { error: reason });
    return [{ name: 'greenlight', status: 'Failed', reason, durationMs: 0 }];
  };
  try {
    const reports = runChecks(input);
    return reports instanceof Promise ? reports.catch(fail) : reports;
  } catch (error) {
    return fail(error);
  }
}

/**
 * The checks step of the pipeline: with emergency skip, every check Skipped (logged loudly, `answer` saying
 * what the hook does instead); else the checks run under the invocation's deadline, each with the context
 * `contextFor` builds for the platform.
 *
 * @example
 * const reports = await runCheckStep(pipeline, inv, named, codeDeployContexts(pipeline, inv), 'reporting Succeeded');
 */
export function runCheckStep<C extends HookContext>(
  pipeline: HookPipeline,
  inv: Invocation,
  checks: readonly NamedCheck<C>[],
  contextFor: (name: string, run: CheckRun) => C,
  answer: string,
): CheckReport[] | Promise<CheckReport[]> {
  if (inv.mode === 'skip') {
    inv.logger.warn(`EMERGENCY SKIP: ${answer} without running any check`, {
      checks: checks.map(([n]) => n),
    });
    return checks.map(([name]) => ({ name, status: 'Skipped', reason: 'emergency skip', durationMs: 0 }));
  }
  return runChecksOrFail({
    checks,
    contextFor,
    deadline: inv.budget.checksDeadline,
    budgetMs: inv.budget.checksBudgetMs,
    sequential: pipeline.options.sequential ?? false,
    failFast: pipeline.options.failFast ?? false,
    clock: pipeline.clock,
    logger: inv.logger,
  });
}
