/** Marks every greenlight error, across copies of the packages (`Symbol.for` is one symbol per process). */
const BRAND = Symbol.for('@greenlight/core.error');

/**
 * The codes of a `HookReportError` (`@greenlight/core`): why no report could be made.
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
 * The codes of the local CodeDeploy's errors (`@greenlight/local`): a hook invocation that failed, the
 * emulator or a function closed, a deployment the programmatic API cannot make, and `API_ERROR`, an error
 * answered on the wire (its AWS `__type` is the error's `type`).
 *
 * @example
 * if (isGreenlightError(error, 'HOOK_TIMED_OUT')) console.log('the hook ran past its function timeout');
 */
export type LocalErrorCode =
  | 'HOOK_INVOCATION_FAILED'
  | 'HOOK_TIMED_OUT'
  | 'HOOK_LOOP_EMPTIED'
  | 'CLOSED'
  | 'INVALID_DEPLOYMENT'
  | 'API_ERROR';

/**
 * Stable codes of every error greenlight's packages throw, a closed union: match on `code`, never on the
 * message or the class.
 *
 * - `@greenlight/core`: `INVALID_HOOK_EVENT`, `INVALID_LAMBDA_CONTEXT`, `CHECK_TIMEOUT`, `CHECK_CANCELLED`,
 *   `ATTEMPT_TIMEOUT`, `LOOKUP_FAILED` and the {@link ReportErrorCode}s;
 * - `@greenlight/checks`: `CHECK_CALL_FAILED`;
 * - `@greenlight/local`: the {@link LocalErrorCode}s;
 * - `@greenlight/cdk`: `CDK_INCOMPATIBLE` (the installed `aws-cdk-lib` renders something greenlight cannot
 *   extend);
 * - every package: `INVALID_OPTIONS` (an option or argument is unknown or of the wrong type or range).
 *
 * @example
 * if (isGreenlightError(error) && error.code === 'REPORT_ACCESS_DENIED') alert(error.message);
 */
export type GreenlightErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_HOOK_EVENT'
  | 'INVALID_LAMBDA_CONTEXT'
  | 'CHECK_TIMEOUT'
  | 'CHECK_CANCELLED'
  | 'CHECK_CALL_FAILED'
  | 'ATTEMPT_TIMEOUT'
  | 'LOOKUP_FAILED'
  | ReportErrorCode
  | LocalErrorCode
  | 'CDK_INCOMPATIBLE';

/**
 * The base of every error greenlight throws, whatever the package. Recognise one with
 * {@link isGreenlightError}, which also works when two copies of a package are loaded (where `instanceof`
 * does not), and tell them apart by {@link GreenlightError.code}.
 *
 * @example
 * try { await handler(event, context); } catch (e) { if (isGreenlightError(e)) console.log(e.code); }
 */
export class GreenlightError extends Error {
  /** What went wrong, one of the closed {@link GreenlightErrorCode} union. */
  readonly code: GreenlightErrorCode;
  constructor(code: GreenlightErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GreenlightError';
    this.code = code;
  }
}
Object.defineProperty(GreenlightError.prototype, BRAND, { value: true });

/**
 * Whether `value` is a greenlight error (of any package, and of any copy of it), and, given `code`, one with
 * that code. Never throws, whatever `value` is.
 *
 * @example
 * catch (e) { if (isGreenlightError(e, 'INVALID_OPTIONS')) console.log(e.message); }
 */
export function isGreenlightError<C extends GreenlightErrorCode = GreenlightErrorCode>(
  value: unknown,
  code?: C,
): value is GreenlightError & { readonly code: C } {
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
