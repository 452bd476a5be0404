import { GreenlightError, type LocalErrorCode } from '@greenlight/contract';

/**
 * The codes of a {@link HookInvocationError}: the handler failed (threw, rejected, crashed), ran past its
 * function timeout, let the event loop empty while its promise was pending, or was closed.
 *
 * @example
 * ```ts
 * const retried: HookInvocationCode[] = ['HOOK_INVOCATION_FAILED', 'HOOK_TIMED_OUT', 'HOOK_LOOP_EMPTIED'];
 * ```
 */
export type HookInvocationCode = 'HOOK_INVOCATION_FAILED' | 'HOOK_TIMED_OUT' | 'HOOK_LOOP_EMPTIED' | 'CLOSED';

/**
 * Errors raised by @greenlight/local itself (not the wire errors it sends to clients): a `GreenlightError`
 * with one of the local codes. Match on `code` (`isGreenlightError(err, 'CLOSED')`); an invalid option is an
 * `InvalidOptionsError` (`INVALID_OPTIONS`), as in every greenlight package.
 *
 * @example
 * ```ts
 * try { await local.deployLambda(options); } catch (err) {
 *   if (isGreenlightError(err, 'CLOSED')) console.log('the local CodeDeploy was closed');
 * }
 * ```
 */
export class LocalCodeDeployError extends GreenlightError {
  declare readonly code: Exclude<LocalErrorCode, 'API_ERROR'>;
  constructor(code: Exclude<LocalErrorCode, 'API_ERROR'>, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LocalCodeDeployError';
  }
}

/**
 * Raised when a hook invocation fails (handler threw, timed out or the process crashed).
 *
 * @example
 * ```ts
 * await invoke(event).catch((err: HookInvocationError) => console.log(err.code, err.logTail));
 * ```
 */
export class HookInvocationError extends LocalCodeDeployError {
  declare readonly code: HookInvocationCode;
  /** The hook's log tail, when the runner captured one. */
  readonly logTail: string | undefined;
  constructor(message: string, options?: { cause?: unknown; logTail?: string; code?: HookInvocationCode }) {
    super(options?.code ?? 'HOOK_INVOCATION_FAILED', message, options);
    this.name = 'HookInvocationError';
    this.logTail = options?.logTail;
  }
}

/**
 * An error answered on the wire: the AWS error shape `{"__type": name, "message": ...}`. Its `code` is
 * `API_ERROR`; what the wire answers is its data: the AWS error name (`type`) and the HTTP `status`.
 *
 * @example
 * ```ts
 * throw new ApiError('DeploymentDoesNotExistException', 'The deployment d-123 could not be found.');
 * ```
 */
export class ApiError extends GreenlightError {
  declare readonly code: 'API_ERROR';
  /** The AWS error name sent as `__type`, e.g. `DeploymentDoesNotExistException`. */
  readonly type: string;
  /** The HTTP status. @default 400 */
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super('API_ERROR', message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }
}
