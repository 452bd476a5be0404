/**
 * Stable codes of every greenlight error: match on `code`, never on the message.
 *
 * @example
 * if (error instanceof GreenlightError && error.code === 'REPORT_ACCESS_DENIED') alert(error.message);
 */
export type GreenlightErrorCode =
  | 'INVALID_HOOK_EVENT'
  | 'CHECK_TIMEOUT'
  | 'CHECK_CANCELLED'
  | 'CHECK_CALL_FAILED'
  | 'REPORT_ACCESS_DENIED'
  | 'REPORT_CREDENTIALS'
  | 'REPORT_DEPLOYMENT_NOT_FOUND'
  | 'REPORT_INVALID_EXECUTION_ID'
  | 'REPORT_REJECTED'
  | 'REPORT_RETRIES_EXHAUSTED'
  | 'LOOKUP_FAILED';

/**
 * The base of every error greenlight throws.
 *
 * @example
 * try { await handler(event, context); } catch (e) { if (e instanceof GreenlightError) console.log(e.code); }
 */
export class GreenlightError extends Error {
  readonly code: GreenlightErrorCode;
  constructor(code: GreenlightErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GreenlightError';
    this.code = code;
  }
}

/**
 * The hook was invoked with something that is not a CodeDeploy hook event. Nothing was reported.
 *
 * @example
 * await handler({} as CodeDeployHookEvent); // throws InvalidHookEventError: DeploymentId is missing
 */
export class InvalidHookEventError extends GreenlightError {
  /** The offending field (`event` when the whole event is wrong). */
  readonly field: string;
  constructor(field: string, message: string) {
    super('INVALID_HOOK_EVENT', message);
    this.name = 'InvalidHookEventError';
    this.field = field;
  }
}

/**
 * A check ran past its deadline (or was cancelled because a fail-fast sibling failed). It is the
 * `signal.reason` a check sees.
 *
 * @example
 * if (signal.reason instanceof CheckTimeoutError) console.log(signal.reason.timeoutMs);
 */
export class CheckTimeoutError extends GreenlightError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, message = `timed out after ${timeoutMs} ms`) {
    super('CHECK_TIMEOUT', message);
    this.name = 'CheckTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The report could not be made. The handler throws it so Lambda's async retry gets another chance; the
 * message says what to fix.
 *
 * @example
 * catch (e) { if (e instanceof HookReportError && e.code === 'REPORT_ACCESS_DENIED') ... }
 */
export class HookReportError extends GreenlightError {
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  /** The status the hook tried to report. */
  readonly status: string;
  /** How many PutLifecycleEventHookExecutionStatus calls were made. */
  readonly attempts: number;
  constructor(
    code: GreenlightErrorCode,
    message: string,
    details: {
      deploymentId: string;
      lifecycleEventHookExecutionId: string;
      status: string;
      attempts: number;
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
 * A `deployment()` or `target()` look-up failed; the check that asked fails with this reason.
 *
 * @example
 * const target = await ctx.target(); // may throw LookupError (e.g. AccessDenied on GetDeploymentTarget)
 */
export class LookupError extends GreenlightError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LOOKUP_FAILED', message, options);
    this.name = 'LookupError';
  }
}

/**
 * A readable description of anything thrown: an Error's message, or the value itself.
 *
 * @example
 * describeThrown(new TypeError('bad URL')); // 'TypeError: bad URL'
 * describeThrown({ status: 503 }); // 'non-Error value {"status":503}'
 */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) {
    const name = value.name && value.name !== 'Error' ? `${value.name}: ` : '';
    return `${name}${value.message || '(no message)'}`;
  }
  if (typeof value === 'string') return value === '' ? '(empty string)' : value;
  if (value === undefined) return 'undefined';
  try {
    return `non-Error value ${JSON.stringify(value)}`;
  } catch {
    return `non-Error value ${String(value)}`;
  }
}
