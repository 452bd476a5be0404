import { sleep, systemClock } from './clock.js';
import type { RetryOptions } from './options.js';
import type { Clock } from './types.js';

/**
 * How a failed AWS call is treated: `retryable` (throttling, 5xx, network) or `fatal`.
 *
 * @example
 * const kind: ErrorClass = classifyError(error); // 'retryable' for a ThrottlingException
 */
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

/**
 * Why an attempt was abandoned: no answer within its time. Classified as retryable.
 *
 * @example
 * if (outcome.ok === false && outcome.error instanceof AttemptTimeout) console.log(outcome.error.message); // no response within 100 ms
 */
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
 * The retry policy createHook runs with: the options' values, else the defaults (10 attempts, 100 ms base
 * delay, 5,000 ms largest delay, 10,000 ms per attempt).
 *
 * @example
 * const policy = resolveRetryPolicy({ maxAttempts: 3 }); // other values default; real clock, Math.random
 */
export function resolveRetryPolicy(
  retry: RetryOptions | undefined,
  clock: Clock = systemClock,
  random: () => number = Math.random,
): RetryPolicy {
  return {
    maxAttempts: retry?.maxAttempts ?? 10,
    baseDelayMs: retry?.baseDelayMs ?? 100,
    maxDelayMs: retry?.maxDelayMs ?? 5_000,
    attemptTimeoutMs: retry?.attemptTimeoutMs ?? 10_000,
    clock,
    random,
  };
}

/**
 * What one attempt gets: the SDK's per-call options. Pass them straight to `client.send(command, options)`.
 *
 * @example
 * await withRetries((options) => client.send(command, options), deadline, policy);
 */
export interface AttemptOptions {
  /** Set when the caller's signal may cancel the attempt. */
  readonly abortSignal?: AbortSignal;
  /** Milliseconds the attempt may take (the SDK honours it when its handler throws on request timeouts). */
  readonly requestTimeout: number;
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
 * const outcome = await withRetries((options) => client.send(command, options), deadline, policy);
 * if (outcome.ok) return outcome.value;
 */
export async function withRetries<T>(
  attempt: (options: AttemptOptions) => Promise<T>,
  deadline: number,
  policy: RetryPolicy,
  classify: (error: unknown) => ErrorClass = classifyError,
  outer?: AbortSignal,
): Promise<AttemptOutcome<T>> {
  const { clock } = policy;
  let lastError: unknown = new Error('no time left to make the call');
  for (let n = 1; ; n++) {
    const left = deadline - clock.now();
    if (outer?.aborted) return { ok: false, error: outer.reason, attempts: n - 1, exhausted: true };
    if (left <= 0) return { ok: false, error: lastError, attempts: n - 1, exhausted: true };
    const ms = Math.min(policy.attemptTimeoutMs, left);
    // Without an outer signal (the report), an attempt is bounded by the SDK's per-call requestTimeout and by
    // this timer, which abandons it: no AbortController on the hot path. With one (look-ups), it is aborted.
    const controller = outer ? new AbortController() : undefined;
    const relay = controller && (() => controller.abort(outer?.reason));
    if (relay) outer?.addEventListener('abort', relay, { once: true });
    let timer: unknown;
    const expired = new Promise<never>((_, reject) => {
      timer = clock.setTimeout(() => {
        const timeout = new AttemptTimeout(Math.round(ms));
        controller?.abort(timeout);
        reject(timeout);
      }, ms);
    });
    const running = attempt(
      controller ? { abortSignal: controller.signal, requestTimeout: ms } : { requestTimeout: ms },
    );
    try {
      return { ok: true, value: await Promise.race([running, expired]), attempts: n };
    } catch (error) {
      // An attempt we abandoned may surface as the SDK's AbortError; what counts is why we abandoned it.
      lastError = controller?.signal.reason instanceof AttemptTimeout ? controller.signal.reason : error;
      if (classify(lastError) === 'fatal')
        return { ok: false, error: lastError, attempts: n, exhausted: false };
    } finally {
      clock.clearTimeout(timer);
      if (relay) outer?.removeEventListener('abort', relay);
      // An abandoned attempt may still fail later: that failure was already counted as the timeout.
      running.catch(() => undefined);
    }
    if (n >= policy.maxAttempts) return { ok: false, error: lastError, attempts: n, exhausted: true };
    const delay = policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    if (clock.now() + delay >= deadline) return { ok: false, error: lastError, attempts: n, exhausted: true };
    try {
      await sleep(clock, delay, outer);
    } catch {
      return { ok: false, error: outer?.aborted ? outer.reason : lastError, attempts: n, exhausted: true };
    }
  }
}
