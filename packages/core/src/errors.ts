import {
  GreenlightError,
  type GreenlightErrorCode,
  InvalidOptionsError,
  isGreenlightError as isBranded,
  type ReportErrorCode,
} from '@greenlight/contract';
import type { HookStatus } from './types.js';

export type { GreenlightErrorCode, ReportErrorCode };
// The error root, its codes and the option error live in @greenlight/contract, shared by every package.
export { GreenlightError, InvalidOptionsError };

/**
 * Every code greenlight uses, with the error class that carries it: what {@link isGreenlightError} narrows to.
 * A code of another package (`CHECK_CALL_FAILED`: `@greenlight/checks`' `CheckCallError`; the local
 * CodeDeploy's codes) narrows to `GreenlightError`.
 *
 * @example
 * const denied: GreenlightErrorsByCode['REPORT_ACCESS_DENIED'] = error; // a HookReportError
 */
export interface GreenlightErrorsByCode extends Record<GreenlightErrorCode, GreenlightError> {
  readonly INVALID_HOOK_EVENT: InvalidHookEventError;
  readonly INVALID_OPTIONS: InvalidOptionsError;
  readonly INVALID_LAMBDA_CONTEXT: InvalidLambdaContextError;
  readonly CHECK_TIMEOUT: CheckTimeoutError;
  readonly CHECK_CANCELLED: CheckCancelledError;
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
 * Whether `value` is a greenlight error (of any package, and of any copy of it), and, given `code`, one with
 * that code, narrowed to its class. The same function as `@greenlight/contract`'s, typed with core's classes.
 *
 * @example
 * catch (e) { if (isGreenlightError(e, 'REPORT_ACCESS_DENIED')) console.log(e.status, e.attempts); }
 */
export const isGreenlightError: <C extends GreenlightErrorCode = GreenlightErrorCode>(
  value: unknown,
  code?: C,
) => value is GreenlightErrorsByCode[C] = isBranded as never;

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
