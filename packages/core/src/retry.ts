import { sleep } from './clock.js';
import type { Clock } from './types.js';

/** How a failed AWS call is treated. */
export type ErrorClass = 'retryable' | 'fatal';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'AttemptTimeout',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b|socket hang up`);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

/**
 * Throttling, 5xx and network errors are retryable; everything else (4xx answers such as AccessDenied) is not.
 *
 * @example
 * classifyError({ name: 'ThrottlingException' }); // 'retryable'
 * classifyError({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }); // 'fatal'
 */
export function classifyError(error: unknown): ErrorClass {
  if (typeof error !== 'object' || error === null) return 'fatal';
  const e = error as AwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (e.name && (THROTTLING.has(e.name) || TRANSIENT_NAMES.has(e.name))) return 'retryable';
  if (status === 429 || (status !== undefined && status >= 500)) return 'retryable';
  if (e.code && NETWORK_CODES.has(e.code)) return 'retryable';
  if (e.$retryable) return 'retryable';
  // Node's network errors sometimes reach us wrapped, their code only left in the message (e.g. the SDK's
  // "AWS SDK error wrapper for TimeoutError: socket hang up" when the error crossed a VM realm).
  if (error instanceof Error || 'message' in e) {
    const message = String((e as { message?: unknown }).message ?? '');
    if (NETWORK_MESSAGE.test(message)) return 'retryable';
  }
  if (e.cause && e.cause !== error) return classifyError(e.cause) === 'retryable' ? 'retryable' : 'fatal';
  return 'fatal';
}

/** Thrown into a hung attempt's abort signal; classified as retryable. */
export class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`no response within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

/**
 * A complete retry policy, every value resolved: what {@link withRetries} and {@link reportStatus} run with.
 * `createHook` builds one from {@link RetryOptions}, its defaults filled in, plus its clock and random source.
 *
 * @example
 * const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5_000, attemptTimeoutMs: 10_000,
 *   clock: systemClock, random: Math.random }; // createHook's defaults
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly attemptTimeoutMs: number;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * What {@link withRetries} resolves to: the value on success; otherwise the last error and `exhausted` (true when
 * attempts or time ran out, false when the error was not retryable). `attempts` counts the calls made.
 *
 * @example
 * const outcome: AttemptOutcome<unknown> = await withRetries(call, deadline, policy);
 * if (!outcome.ok && outcome.exhausted) logger.warn('gave up', { attempts: outcome.attempts });
 */
export type AttemptOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number; exhausted: boolean };

/**
 * Calls `attempt` until it succeeds, fails with a non-retryable error, runs out of attempts, or the next try
 * could not finish before `deadline`. Backoff: full jitter, `random() × min(maxDelay, base × 2^n)`. Each attempt
 * gets a signal that fires at its own timeout or the deadline, whichever is first. Never throws.
 *
 * @example
 * const outcome = await withRetries((abortSignal) => client.send(command, { abortSignal }), deadline, policy);
 * if (outcome.ok) return outcome.value;
 */
export async function withRetries<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  deadline: number,
  policy: RetryPolicy,
  classify: (error: unknown) => ErrorClass = classifyError,
  outer?: AbortSignal,
): Promise<AttemptOutcome<T>> {
  const { clock } = policy;
  let lastError: unknown = new Error('no time left to make the call');
  for (let n = 1; ; n++) {
    const left = deadline - clock.now();
    if (left <= 0 || outer?.aborted) return { ok: false, error: lastError, attempts: n - 1, exhausted: true };
    const ms = Math.min(policy.attemptTimeoutMs, left);
    const controller = new AbortController();
    const timer = clock.setTimeout(() => controller.abort(new AttemptTimeout(Math.round(ms))), ms);
    const relay = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', relay, { once: true });
    try {
      return { ok: true, value: await attempt(controller.signal), attempts: n };
    } catch (error) {
      // An attempt we abandoned surfaces as the SDK's AbortError; what counts is why we abandoned it.
      lastError =
        controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout
          ? controller.signal.reason
          : error;
      if (classify(lastError) === 'fatal')
        return { ok: false, error: lastError, attempts: n, exhausted: false };
    } finally {
      clock.clearTimeout(timer);
      outer?.removeEventListener('abort', relay);
    }
    if (n >= policy.maxAttempts) return { ok: false, error: lastError, attempts: n, exhausted: true };
    const delay = policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    if (clock.now() + delay >= deadline) return { ok: false, error: lastError, attempts: n, exhausted: true };
    try {
      await sleep(clock, delay, outer);
    } catch {
      return { ok: false, error: lastError, attempts: n, exhausted: true };
    }
  }
}
