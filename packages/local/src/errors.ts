/**
 * Errors raised by @greenlight/local itself (not the wire errors it sends to clients).
 *
 * @example
 * ```ts
 * try { await startLocalCodeDeploy({ timeScale: -1 }); } catch (err) {
 *   if (err instanceof LocalCodeDeployError) console.log(err.code); // 'INVALID_OPTIONS'
 * }
 * ```
 */
export class LocalCodeDeployError extends Error {
  /** A stable, machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalCodeDeployError';
    this.code = code;
  }
}

/** Raised when a hook invocation fails (handler threw, timed out or the process crashed). */
export class HookInvocationError extends LocalCodeDeployError {
  /** The hook's log tail, when the runner captured one. */
  readonly logTail: string | undefined;
  constructor(message: string, options?: { cause?: unknown; logTail?: string; code?: string }) {
    super(options?.code ?? 'HOOK_INVOCATION_FAILED', message, options);
    this.name = 'HookInvocationError';
    this.logTail = options?.logTail;
  }
}

/**
 * An error answered on the wire: the AWS error shape `{"__type": name, "message": ...}`.
 *
 * @example
 * ```ts
 * throw new ApiError('DeploymentDoesNotExistException', 'The deployment d-123 could not be found.');
 * ```
 */
export class ApiError extends Error {
  /** The AWS error name sent as `__type`, e.g. `DeploymentDoesNotExistException`. */
  readonly type: string;
  /** The HTTP status. @default 400 */
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }
}

/** The message of anything thrown, Error or not. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
