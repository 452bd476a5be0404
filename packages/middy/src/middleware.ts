import { defaultReserve, describeThrown } from '@greenlight/contract';
import type { CodeDeployHookEvent, HookLogger, HookResult } from '@greenlight/core';
import {
  answerCodeDeploy,
  HookPipeline,
  type Invocation,
  parseHookEvent,
  remainingTime,
  thrownVerdict,
  toVerdict,
  type Verdict,
  withKeys,
} from '@greenlight/core/internal';
import { type GreenlightMiddyOptions, validateGreenlightMiddyOptions } from './options.js';

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

type Answer = { ok: true; value: HookResult } | { ok: false; error: unknown };

/** One request's state. Kept in a WeakMap keyed by the request: middy's `request.internal` may be shared. */
interface State {
  readonly inv: Invocation;
  readonly keyed: KeyedLogger | undefined;
  timer?: unknown;
  decided?: { readonly byDeadline: boolean; readonly answer: Promise<Answer> };
  finished?: boolean;
}

function isKeyed(logger: HookLogger): logger is KeyedLogger {
  const l = logger as Partial<KeyedLogger>;
  return typeof l.appendKeys === 'function' && typeof l.removeKeys === 'function';
}

/** The error `@middy/core` throws (its default `timeoutEarlyResponse`) when its early timeout fires. */
function isMiddyTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TimeoutError' &&
    (error.cause as { package?: unknown } | undefined)?.package === '@middy/core'
  );
}

/**
 * The greenlight contract as a middy middleware: the handler is the check. It is an adapter over the core's
 * hook pipeline (the one behind `createHook`): the same event validation, budget, modes, verdict rules, report
 * and summary line.
 *
 * - `before` validates the event (a malformed one is an `InvalidHookEventError`, and nothing is reported),
 *   appends the IDs to a Powertools Logger, and arms a deadline at the Lambda deadline less the reserve.
 * - `after` turns the handler's result into a verdict (`false` and `{ passed: false }` fail, anything else
 *   passes, as for a check) and reports it; `onError` reports Failed (the handler threw, or middy's early
 *   timeout fired). The response becomes a {@link HookResult}.
 * - If the handler is still running at the deadline, Failed is reported then, whatever middy's
 *   `timeoutEarlyInMillis`, so the report always has the reserve to retry in.
 * - When middy's early timeout fires as the handler starts (its `timeoutEarlyInMillis` is at or past the time
 *   the invocation has), a warning says so and names a value that works.
 * - `LifecycleEventAlreadyCompletedException` (an earlier invocation reported) is success. When no report
 *   could be made, the handler throws `HookReportError`, so Lambda's async retry tries again.
 *
 * @param options See {@link GreenlightMiddyOptions}; unknown keys are an `InvalidOptionsError`.
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
  const pipeline = new HookPipeline(validateGreenlightMiddyOptions(options), defaultReserve);
  const { clock } = pipeline;
  const requests = new WeakMap<object, State>();

  const begin = (request: MiddyRequestLike, event: CodeDeployHookEvent): State => {
    const base = pipeline.logger();
    const keys = {
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    };
    const keyed = isKeyed(base) ? base : undefined;
    keyed?.appendKeys(keys);
    const inv = pipeline.begin(keys, request.context, keyed && withKeys(keyed));
    const state: State = { inv, keyed };
    requests.set(request, state);
    const { checksBudgetMs } = inv.budget;
    if (inv.mode === 'skip') {
      inv.logger.warn('EMERGENCY SKIP: reporting Succeeded without running the handler');
      decide(state, { passed: true, reason: 'emergency skip' });
    } else if (checksBudgetMs <= 0) {
      decide(state, { passed: false, reason: 'not run: no time left before the reserve' });
    } else {
      state.timer = clock.setTimeout(() => {
        if (state.decided) return;
        inv.logger.warn('the handler is still running at its deadline; reporting Failed', {
          budgetMs: checksBudgetMs,
        });
        decide(state, { passed: false, reason: `timed out after ${Math.round(checksBudgetMs)} ms` }, true);
      }, checksBudgetMs);
    }
    return state;
  };

  // The one report of a request: whoever decides first (handler, error, deadline) decides for all.
  const decide = (state: State, verdict: Verdict, byDeadline = false) => {
    if (state.decided) return state.decided;
    if (state.timer !== undefined) clock.clearTimeout(state.timer);
    const { inv } = state;
    const skipped = inv.mode === 'skip';
    const report = {
      name: 'handler',
      status: skipped ? 'Skipped' : verdict.passed ? 'Succeeded' : verdict.pending ? 'Pending' : 'Failed',
      ...(verdict.reason !== undefined && { reason: verdict.reason }),
      durationMs: skipped ? 0 : clock.now() - inv.start,
    } as const;
    const answer = answerCodeDeploy(pipeline, inv, [report], true).then(
      (value): Answer => ({ ok: true, value }),
      (error: unknown): Answer => ({ ok: false, error }),
    );
    state.decided = { byDeadline, answer };
    return state.decided;
  };

  const finish = async (state: State): Promise<HookResult> => {
    state.finished = true;
    try {
      const answer = await (state.decided as NonNullable<State['decided']>).answer;
      if (!answer.ok) throw answer.error;
      return answer.value;
    } finally {
      state.keyed?.removeKeys(KEY_NAMES);
    }
  };

  // middy's early timeout fires `timeoutEarlyInMillis` before the Lambda deadline; when that is at or past the
  // time the invocation has, it fires as the handler starts, and the handler can never run.
  const warnEarlyTimeout = (state: State) => {
    const { inv } = state;
    const ranMs = clock.now() - inv.start;
    const { remainingMs, reserveMs } = inv.budget;
    if (ranMs >= Math.min(1_000, Math.max(50, remainingMs * 0.05))) return;
    const now = remainingTime(inv.lambdaContext, remainingMs).ms;
    inv.logger.warn(
      `middy's early timeout fired ${Math.round(ranMs)} ms after the handler started, with ${Math.round(now)} ms of the invocation left: middy's timeoutEarlyInMillis is at or past the time the invocation has, so the handler could never run. Set it below the function's timeout: greenlight's reserve for this invocation is ${Math.round(reserveMs)} ms (middy({ timeoutEarlyInMillis: defaultReserve(FUNCTION_TIMEOUT_MS) }) with the function's timeout in ms)`,
      { remainingMs: Math.round(now), suggestedTimeoutEarlyInMillis: Math.round(reserveMs) },
    );
  };

  return {
    name: 'greenlight',
    async before(request) {
      const state = begin(request, parseHookEvent(request.event));
      // Skipped, or no time left: end the request here, without running the handler.
      return state.decided ? finish(state) : undefined;
    },
    async after(request) {
      const state = requests.get(request);
      if (!state || state.finished) return;
      const verdict = toVerdict(request.response);
      if (decide(state, verdict).byDeadline) {
        state.inv.logger.debug('the handler settled after its deadline; its result was not reported', {
          passed: verdict.passed,
          reason: verdict.reason,
        });
      }
      request.response = await finish(state);
    },
    async onError(request) {
      let state = requests.get(request);
      if (state?.finished) return; // our own report failed: let the HookReportError through
      if (!state) {
        // A middleware before this one failed. With a malformed event nothing may be reported: middy rethrows
        // the original error, which is what the caller sees.
        let event: CodeDeployHookEvent;
        try {
          event = parseHookEvent(request.event);
        } catch {
          return;
        }
        state = begin(request, event);
      }
      const error = request.error;
      const timedOut = isMiddyTimeout(error);
      if (timedOut && !state.decided) warnEarlyTimeout(state);
      const verdict: Verdict = timedOut
        ? {
            passed: false,
            reason: `timed out after ${clock.now() - state.inv.start} ms (middy's early timeout)`,
          }
        : thrownVerdict(error);
      if (decide(state, verdict).byDeadline) {
        state.inv.logger.debug('the handler failed after its deadline; its error was not reported', {
          error: describeThrown(error),
        });
      } else if (!timedOut) {
        state.inv.logger.warn('the handler failed; reporting Failed', { error: describeThrown(error) });
      }
      request.response = await finish(state);
    },
  };
}
