import type { HookStatus } from './types.js';

/** Marks every greenlight error, across copies of the package (`Symbol.for` is one symbol per process). */
const BRAND = Symbol.for('@greenlight/core.error');

/**
 * The codes of {@link HookReportError}: why no report could be made.
 *
 * @example
 * const retryLater: ReportErrorCode[] = ['REPORT_RETRIES_EXHAUSTED', 'REPORT_OUTCOME_UNKNOWN'];
 */
export type ReportErrorCode =
  | 'REPORT_ACCESS_DENIED'
  | 'REPORT_CREDENTIALS'
  | 'REPORT_REGION_MISSING'
  | 'REPORT_ENDPOINT_INVALID'
  | 'REPORT_DEPLOYMENT_NOT_FOUND'
  | 'REPORT_INVALID_EXECUTION_ID'
  | 'REPORT_REJECTED'
  | 'REPORT_RETRIES_EXHAUSTED'
  | 'REPORT_OUTCOME_UNKNOWN';

/**
 * Every code greenlight uses, with the error class that carries it: what {@link isGreenlightError} narrows to.
 * `CHECK_CALL_FAILED` is `@greenlight/checks`' `CheckCallError`, a `GreenlightError` too.
 *
 * @example
 * const denied: GreenlightErrorsByCode['REPORT_ACCESS_DENIED'] = error; // a HookReportError
 */
export interface GreenlightErrorsByCode {
  readonly INVALID_HOOK_EVENT: InvalidHookEventError;
  readonly INVALID_OPTIONS: InvalidOptionsError;
  readonly INVALID_LAMBDA_CONTEXT: InvalidLambdaContextError;
  readonly CHECK_TIMEOUT: CheckTimeoutError;
  readonly CHECK_CANCELLED: CheckCancelledError;
  readonly CHECK_CALL_FAILED: GreenlightError;
  readonly ATTEMPT_TIMEOUT: AttemptTimeoutError;
  readonly LOOKUP_FAILED: LookupError;
  readonly REPORT_ACCESS_DENIED: HookReportError;
  readonly REPORT_CREDENTIALS: HookReportError;
  readonly REPORT_REGION_MISSING: HookReportError;
  readonly REPORT_ENDPOINT_INVALID: HookReportError;
  readonly REPORT_DEPLOYMENT_NOT_FOUND: HookReportError;
  readonly REPORT_INVALID_EXECUTION_ID: HookReportError;
  readonly REPORT_REJECTED: HookReportError;
  readonly REPORT_RETRIES_EXHAUSTED: HookReportError;
  readonly REPORT_OUTCOME_UNKNOWN: HookReportError;
}

/**
 * Stable codes of every greenlight error, a closed union: match on `code`, never on the message.
 *
 * @example
 * if (isGreenlightError(error) && error.code === 'REPORT_ACCESS_DENIED') alert(error.message);
 */
export type GreenlightErrorCode = keyof GreenlightErrorsByCode;

/**
 * The base of every error greenlight throws. Recognise one with {@link isGreenlightError}, which also works
 * when two copies of the package are loaded (where `instanceof` does not).
 *
 * @example
 * try { await handler(event, context); } catch (e) { if (isGreenlightError(e)) console.log(e.code); }
 */
export class GreenlightError extends Error {
  readonly code: GreenlightErrorCode;
  constructor(code: GreenlightErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GreenlightError';
    this.code = code;
  }
}
Object.defineProperty(GreenlightError.prototype, BRAND, { value: true });

/**
 * Whether `value` is a greenlight error (of any copy of the package), and, given `code`, one with that code,
 * narrowed to its class.
 *
 * @example
 * catch (e) { if (isGreenlightError(e, 'REPORT_ACCESS_DENIED')) console.log(e.status, e.attempts); }
 */
export function isGreenlightError<C extends GreenlightErrorCode = GreenlightErrorCode>(
  value: unknown,
  code?: C,
): value is GreenlightErrorsByCode[C] {
  try {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true &&
      (code === undefined || (value as { code?: unknown }).code === code)
    );
  } catch {
    // A Proxy whose traps throw is not one of ours.
    return false;
  }
}

/**
 * The hook was invoked with something that is not a hook event. Nothing was reported.
 *
 * @example
 * await handler({} as CodeDeployHookEvent); // throws InvalidHookEventError: DeploymentId is missing
 */
export class InvalidHookEventError extends GreenlightError {
  declare readonly code: 'INVALID_HOOK_EVENT';
  /** The offending field (`event` when the whole event is wrong). */
  readonly field: string;
  constructor(field: string, message: string) {
    super('INVALID_HOOK_EVENT', message);
    this.name = 'InvalidHookEventError';
    this.field = field;
  }
}

/**
 * An option (or the checks) given to `createHook`, `createEcsHook` or the middy middleware is unknown or of the
 * wrong type. Thrown when the handler is made, never during an invocation.
 *
 * @example
 * createHook(check, { timeoutMilis: 5 } as never); // InvalidOptionsError: Unknown option `timeoutMilis` ...
 */
export class InvalidOptionsError extends GreenlightError {
  declare readonly code: 'INVALID_OPTIONS';
  /** The option, e.g. `retry.maxAttempts` (`checks` for the checks themselves). */
  readonly option: string;
  constructor(option: string, message: string) {
    super('INVALID_OPTIONS', message);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}

/**
 * The Lambda context's `getRemainingTimeInMillis()` threw or answered something that is not a time. The hook
 * logs it as a warning and goes on with `defaultRemainingMs`, so it still reports.
 *
 * @example
 * logger.warn('the Lambda context is unusable', { error: new InvalidLambdaContextError('returned NaN') });
 */
export class InvalidLambdaContextError extends GreenlightError {
  declare readonly code: 'INVALID_LAMBDA_CONTEXT';
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_LAMBDA_CONTEXT', message, options);
    this.name = 'InvalidLambdaContextError';
  }
}

/**
 * A check ran past its deadline. It is the `signal.reason` a check sees then.
 *
 * @example
 * if (isGreenlightError(signal.reason, 'CHECK_TIMEOUT')) console.log(signal.reason.timeoutMs);
 */
export class CheckTimeoutError extends GreenlightError {
  declare readonly code: 'CHECK_TIMEOUT';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, message = `timed out after ${timeoutMs} ms`) {
    super('CHECK_TIMEOUT', message);
    this.name = 'CheckTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A check was cancelled: a fail-fast sibling failed first, or the checks were over (its `signal.reason`).
 *
 * @example
 * if (isGreenlightError(signal.reason, 'CHECK_CANCELLED')) return; // a sibling already failed
 */
export class CheckCancelledError extends GreenlightError {
  declare readonly code: 'CHECK_CANCELLED';
  constructor(message: string) {
    super('CHECK_CANCELLED', message);
    this.name = 'CheckCancelledError';
  }
}

/**
 * One CodeDeploy call got no answer within its time and was aborted. Retryable.
 *
 * @example
 * if (isGreenlightError(report.cause, 'ATTEMPT_TIMEOUT')) console.log(report.cause.message); // no response within 100 ms
 */
export class AttemptTimeoutError extends GreenlightError {
  declare readonly code: 'ATTEMPT_TIMEOUT';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, message = `no response within ${timeoutMs} ms`) {
    super('ATTEMPT_TIMEOUT', message);
    this.name = 'AttemptTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The report could not be made. The handler throws it so Lambda's async retry gets another chance; the
 * message says what to fix. `REPORT_OUTCOME_UNKNOWN`: CodeDeploy answered but the answer could not be read,
 * so the report may have landed.
 *
 * @example
 * catch (e) { if (isGreenlightError(e, 'REPORT_ACCESS_DENIED')) console.log(e.status); }
 */
export class HookReportError extends GreenlightError {
  declare readonly code: ReportErrorCode;
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  /** The status the hook tried to report. */
  readonly status: HookStatus;
  /** How many PutLifecycleEventHookExecutionStatus calls were made. */
  readonly attempts: number;
  constructor(
    code: ReportErrorCode,
    message: string,
    details: {
      readonly deploymentId: string;
      readonly lifecycleEventHookExecutionId: string;
      readonly status: HookStatus;
      readonly attempts: number;
    },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'HookReportError';
    this.deploymentId = details.deploymentId;
    this.lifecycleEventHookExecutionId = details.lifecycleEventHookExecutionId;
    this.status = details.status;
    this.attempts = details.attempts;
  }
}

/**
 * A `deployment()`, `target()` or `deploymentGroup()` look-up failed; the check that asked fails with this reason.
 *
 * @example
 * const target = await ctx.target(); // may throw LookupError (e.g. AccessDenied on GetDeploymentTarget)
 */
export class LookupError extends GreenlightError {
  declare readonly code: 'LOOKUP_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super('LOOKUP_FAILED', message, options);
    this.name = 'LookupError';
  }
}
