import { isGreenlightError } from '@greenlight/contract';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/**
 * How a failed AWS call is treated: `retryable` (throttling, 5xx, network, no answer in time, an answer that
 * could not be read) or `fatal`.
 *
 * @example
 * const kind: ErrorClass = classifyError(error); // 'retryable' for a ThrottlingException
 */
export type ErrorClass = 'retryable' | 'fatal';

/** How deep a `cause` chain is followed (two errors may point at each other). */
const MAX_DEPTH = 5;

// Network errors the SDK's lists leave out, and the names under which CodeDeploy reports its own faults.
const TRANSIENT = new Set([
  'ECONNABORTED',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
// Node's network errors sometimes reach us wrapped, their code left only in the message (e.g. the SDK's
// "AWS SDK error wrapper for TimeoutError: socket hang up" when the error crossed a VM realm).
const NETWORK_MESSAGE =
  /\b(?:ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ENETDOWN|UND_ERR_SOCKET)\b|socket hang up/;

/**
 * Whether `error` is an answer CodeDeploy gave (HTTP 2xx) that the client could not read: the call may have
 * taken effect.
 *
 * @example
 * if (isUnreadableAnswer(error)) logger.warn('the report may have landed');
 */
export function isUnreadableAnswer(error: unknown): boolean {
  try {
    const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
    return typeof status === 'number' && status >= 200 && status < 300;
  } catch {
    return false;
  }
}

function smithySays(error: unknown): boolean {
  try {
    return (
      isThrottlingError(error as never) || isTransientError(error as never) || isServerError(error as never)
    );
  } catch {
    // Their walk down `cause` reads properties of whatever it finds (a `null` cause throws): decide without them.
    return false;
  }
}

function retryable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  if (isGreenlightError(error)) return error.code === 'ATTEMPT_TIMEOUT';
  if (TRANSIENT.has(e.name as string) || TRANSIENT.has(e.code as string)) return true;
  if (isUnreadableAnswer(error)) return true;
  // The SDK's own predicates (the ones its retry strategy uses): throttling, transient names, codes and statuses,
  // `$retryable`, clock skew corrected; plus any other 5xx. Their own walk down `cause` is bounded (10 deep).
  if (smithySays(error)) return true;
  if (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message)) return true;
  return e.cause !== undefined && retryable(e.cause, depth + 1);
}

/**
 * Throttling, 5xx, network errors, greenlight's own attempt timeouts and unreadable 2xx answers are
 * retryable; everything else (4xx answers such as AccessDenied, configuration errors) is not. Follows `cause`
 * at most 5 deep; never throws (a getter that throws makes the error fatal).
 *
 * @example
 * classifyError({ name: 'ThrottlingException' }); // 'retryable'
 * classifyError({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }); // 'fatal'
 */
export function classifyError(error: unknown): ErrorClass {
  try {
    return retryable(error, 0) ? 'retryable' : 'fatal';
  } catch {
    return 'fatal';
  }
}
