import {
  type CodeDeployHookEvent,
  defaultLogger,
  type HookLogger,
  type HookResult,
  parseHookEvent,
  systemClock,
  thrownVerdict,
  toVerdict,
  type Verdict,
  withKeys,
} from '@greenlight/core';
import { isMiddyTimeout, modeOf, planInvocation } from './invocation.js';
import { type GreenlightMiddyOptions, validateGreenlightMiddyOptions } from './options.js';
import { createReporter, type ReportOutcome } from './reporter.js';

/**
 * The part of middy's request the middleware reads and writes (structural: middy is an optional peer).
 *
 * @example
 * const request: MiddyRequestLike = { event, context, response: undefined, error: undefined };
 * await greenlight().before(request);
 */
export interface MiddyRequestLike {
  event: unknown;
  context: unknown;
  response: unknown;
  error: unknown;
}

/**
 * A middy middleware object (`before`, `after`, `onError`), assignable to `MiddlewareObj` of `@middy/core`.
 * `before` returns a {@link HookResult} only to end the request early (emergency skip, no time left).
 *
 * @example
 * const middleware: GreenlightMiddleware = greenlight({ logger });
 * middy(handler).use(middleware);
 */
export interface GreenlightMiddleware {
  readonly name: string;
  readonly before: (request: MiddyRequestLike) => Promise<HookResult | undefined>;
  readonly after: (request: MiddyRequestLike) => Promise<void>;
  readonly onError: (request: MiddyRequestLike) => Promise<void>;
}

/** Powertools' Logger, or any logger that can carry keys for a while. */
interface KeyedLogger extends HookLogger {
  appendKeys(keys: Record<string, unknown>): void;
  removeKeys(keys: string[]): void;
}

const KEY_NAMES = ['deploymentId', 'lifecycleEventHookExecutionId'];

type Settled = { ok: true; value: ReportOutcome } | { ok: false; error: unknown };

interface Decision {
  readonly verdict: Verdict;
  readonly durationMs: number;
  readonly byDeadline: boolean;
  readonly outcome: Promise<Settled>;
}

interface Invocation {
  readonly event: CodeDeployHookEvent;
  readonly start: number;
  readonly lambdaEnd: number;
  readonly logger: HookLogger;
  readonly mode: HookResult['mode'];
  readonly keyed: KeyedLogger | undefined;
  timer?: unknown;
  decision?: Decision;
  finished?: boolean;
}

function isKeyed(logger: HookLogger): logger is KeyedLogger {
  const l = logger as Partial<KeyedLogger>;
  return typeof l.appendKeys === 'function' && typeof l.removeKeys === 'function';
}

/**
 * The greenlight contract as a middy middleware: the handler is the check.
 *
 * - `before` validates the event (a malformed one is an `InvalidHookEventError`, and nothing is reported),
 *   appends the IDs to a Powertools Logger, and arms a deadline at the Lambda deadline less the reserve.
 * - `after` turns the handler's result into a verdict (`false` and `{ passed: false }` fail, anything else
 *   passes, as for a check) and reports it; `onError` reports Failed (the handler threw, or middy's early
 *   timeout fired). The response becomes a {@link HookResult}.
 * - If the handler is still running at the deadline, Failed is reported then, whatever middy's
 *   `timeoutEarlyInMillis`, so the report always has the reserve to retry in.
 * - `LifecycleEventAlreadyCompletedException` (an earlier invocation reported) is success. When no report
 *   could be made, the handler throws `HookReportError`, so Lambda's async retry tries again.
 *
 * @param options See {@link GreenlightMiddyOptions}; unknown keys are a `TypeError`.
 * @example
 * import middy from '@middy/core';
 * import { defaultReserve, greenlight } from '@greenlight/middy';
 *
 * const TIMEOUT_MS = 60_000; // the function's timeout
 * export const handler = middy({ timeoutEarlyInMillis: defaultReserve(TIMEOUT_MS) })
 *   .use(greenlight({ logger }))
 *   .handler(async (event, context, { signal }) => (await fetch(url, { signal })).ok);
 */
export function greenlight(options?: GreenlightMiddyOptions): GreenlightMiddleware {
  const opts = validateGreenlightMiddyOptions(options);
  const clock = opts.clock ?? systemClock;
  const report = createReporter(opts);
  let baseLogger: HookLogger | undefined = opts.logger;
  const invocations = new WeakMap<object, Invocation>();

  const begin = (request: MiddyRequestLike, event: CodeDeployHookEvent): Invocation => {
    const start = clock.now();
    baseLogger ??= defaultLogger();
    const keys = {
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    };
    let keyed: KeyedLogger | undefined;
    if (isKeyed(baseLogger)) {
      keyed = baseLogger;
      keyed.appendKeys(keys);
    }
    const logger = keyed ?? withKeys(baseLogger, keys);
    const { lambdaEnd, budgetMs } = planInvocation(start, request.context, opts);
    const inv: Invocation = { event, start, lambdaEnd, logger, keyed, mode: modeOf(opts, logger) };
    invocations.set(request, inv);
    if (inv.mode !== 'skip' && budgetMs > 0) {
      inv.timer = clock.setTimeout(() => {
        if (inv.decision) return;
        logger.warn('the handler is still running at its deadline; reporting Failed', { budgetMs });
        decide(inv, { passed: false, reason: `timed out after ${Math.round(budgetMs)} ms` }, true);
      }, budgetMs);
    } else if (inv.mode !== 'skip') {
      decide(inv, { passed: false, reason: 'not run: no time left before the reserve' });
    }
    return inv;
  };

  // The one report of an invocation: whoever decides first (handler, error, deadline) decides for all.
  const decide = (inv: Invocation, verdict: Verdict, byDeadline = false): Decision => {
    if (inv.decision) return inv.decision;
    if (inv.timer !== undefined) clock.clearTimeout(inv.timer);
    const status = verdict.passed ? 'Succeeded' : 'Failed';
    const outcome: Promise<Settled> =
      inv.mode === 'dry-run'
        ? Promise.resolve({ ok: true, value: { status, reported: true } })
        : report({ event: inv.event, status, lambdaEnd: inv.lambdaEnd }).then(
            (value) => ({ ok: true, value }),
            (error: unknown) => {
              inv.logger.error('greenlight hook could not report its verdict', { status, error });
              return { ok: false, error };
            },
          );
    inv.decision = { verdict, durationMs: clock.now() - inv.start, byDeadline, outcome };
    return inv.decision;
  };

  const finish = async (inv: Invocation): Promise<HookResult> => {
    const decision = inv.decision as Decision;
    inv.finished = true;
    try {
      const settled = await decision.outcome;
      if (!settled.ok) throw settled.error;
      return resultOf(inv, decision, settled.value, clock.now());
    } finally {
      inv.keyed?.removeKeys(KEY_NAMES);
    }
  };

  return {
    name: 'greenlight',
    async before(request) {
      const inv = begin(request, parseHookEvent(request.event));
      if (inv.mode === 'skip') {
        inv.logger.warn('EMERGENCY SKIP: reporting Succeeded without running the handler');
        decide(inv, { passed: true, reason: 'emergency skip' });
      }
      // Skipped, or no time left: end the request here, without running the handler.
      return inv.decision ? finish(inv) : undefined;
    },
    async after(request) {
      const inv = invocations.get(request);
      if (!inv || inv.finished) return;
      const verdict = toVerdict(request.response);
      const decision = decide(inv, verdict);
      if (decision.byDeadline) {
        inv.logger.debug('the handler settled after its deadline; its result was not reported', {
          passed: verdict.passed,
          reason: verdict.reason,
        });
      }
      request.response = await finish(inv);
    },
    async onError(request) {
      let inv = invocations.get(request);
      if (inv?.finished) return; // our own report failed: let the HookReportError through
      if (!inv) {
        // A middleware before this one failed, or the event is malformed (nothing may be reported then).
        let event: CodeDeployHookEvent;
        try {
          event = parseHookEvent(request.event);
        } catch {
          return;
        }
        inv = begin(request, event);
      }
      const error = request.error;
      const verdict: Verdict = isMiddyTimeout(error)
        ? { passed: false, reason: `timed out after ${clock.now() - inv.start} ms (middy's early timeout)` }
        : thrownVerdict(error);
      const decision = decide(inv, verdict);
      if (decision.byDeadline) {
        inv.logger.debug('the handler failed after its deadline; its error was not reported', { error });
      } else if (!isMiddyTimeout(error)) {
        inv.logger.warn('the handler failed; reporting Failed', { error });
      }
      request.response = await finish(inv);
    },
  };
}

function resultOf(inv: Invocation, decision: Decision, outcome: ReportOutcome, now: number): HookResult {
  const { verdict } = decision;
  const status = outcome.status;
  const skipped = inv.mode === 'skip';
  const reason = skipped ? 'emergency skip' : status === 'Failed' ? (verdict.reason ?? 'failed') : undefined;
  const checkReason = skipped ? reason : verdict.reason;
  const check = {
    name: 'handler',
    status: skipped ? 'Skipped' : status,
    ...(checkReason !== undefined && { reason: checkReason }),
    durationMs: skipped ? 0 : decision.durationMs,
  } as const;
  const result: HookResult = {
    status,
    ...(reason !== undefined && { reason }),
    checks: [check],
    durationMs: now - inv.start,
    reported: inv.mode === 'dry-run' ? false : outcome.reported,
    mode: inv.mode,
    deploymentId: inv.event.DeploymentId,
    lifecycleEventHookExecutionId: inv.event.LifecycleEventHookExecutionId,
  };
  const line =
    inv.mode === 'dry-run' ? 'greenlight hook verdict (dry run, not reported)' : 'greenlight hook verdict';
  const summary = {
    status,
    reason,
    checks: result.checks,
    durationMs: result.durationMs,
    reported: result.reported,
    mode: inv.mode,
  };
  if (status === 'Succeeded') inv.logger.info(line, summary);
  else inv.logger.warn(line, summary);
  if (result.reported === 'already-completed')
    inv.logger.info('an earlier invocation had already reported this hook execution');
  return result;
}
