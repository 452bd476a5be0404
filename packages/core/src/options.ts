import type { Clock, CodeDeployLike, HookLogger } from './types.js';

/**
 * How the report is retried: exponential backoff with full jitter, on throttling, 5xx and network errors,
 * never past the Lambda deadline.
 *
 * @example
 * createHook(checks, { retry: { maxAttempts: 5, attemptTimeoutMs: 3_000 } });
 */
export interface RetryOptions {
  /** Most PutLifecycleEventHookExecutionStatus calls per invocation. @default 10 */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms; it doubles per attempt. @default 100 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms. @default 5000 */
  readonly maxDelayMs?: number;
  /** One attempt is abandoned (and retried) after this many ms without a response. @default 10000 */
  readonly attemptTimeoutMs?: number;
}

/**
 * Options of {@link createHook}. Unknown keys are a `TypeError` that names them.
 *
 * @example
 * createHook(checks, { timeout: 60_000, failFast: true, logger: new Logger({ serviceName: 'hook' }) });
 */
export interface HookOptions {
  /** Upper bound in ms for all checks together. @default the Lambda deadline less the reserve */
  readonly timeout?: number;
  /**
   * Time in ms kept back from the Lambda deadline for the report and its retries: a number, or a function of
   * the remaining time. @default min(30000, max(1000, 20% of the remaining time))
   */
  readonly reserve?: number | ((remainingMs: number) => number);
  /** Run named checks one after another, in the record's order. @default false (concurrently) */
  readonly sequential?: boolean;
  /** Stop at the first failing check: cancel (concurrent) or skip (sequential) the others. @default false */
  readonly failFast?: boolean;
  /** The CodeDeploy client. @default a `CodeDeployClient` created on the first invocation, with `maxAttempts: 1` */
  readonly client?: CodeDeployLike;
  /** Where logs go. @default a Powertools `Logger` with service name `greenlight-hook` */
  readonly logger?: HookLogger;
  /**
   * Emergency skip: report Succeeded without running checks, logged as a warning. Each of `skip` and `dryRun` is
   * read from its option, else its environment variable (once, on the first invocation); when both end up on,
   * dry-run wins (nothing is reported) and a warning says so.
   * @default true when the environment variable GREENLIGHT_SKIP_CHECKS is `true` or `1`
   */
  readonly skip?: boolean;
  /**
   * Run the checks and log the verdict, but report nothing.
   * @default true when the environment variable GREENLIGHT_DRY_RUN is `true` or `1`
   */
  readonly dryRun?: boolean;
  /**
   * Report retries.
   * @default each member's own default: 10 attempts, 100 ms base delay, 5000 ms max delay, 10000 ms per attempt
   */
  readonly retry?: RetryOptions;
  /** Time in ms assumed left when the handler is called without a Lambda context. @default 60000 */
  readonly defaultRemainingMs?: number;
  /** Clock and timers, for tests. @default real time with unref'd timers */
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for the backoff jitter, for tests. @default Math.random */
  readonly random?: () => number;
}

const TOP_KEYS: ReadonlySet<string> = new Set([
  'timeout',
  'reserve',
  'sequential',
  'failFast',
  'client',
  'logger',
  'skip',
  'dryRun',
  'retry',
  'defaultRemainingMs',
  'clock',
  'random',
]);
const RETRY_KEYS: ReadonlySet<string> = new Set([
  'maxAttempts',
  'baseDelayMs',
  'maxDelayMs',
  'attemptTimeoutMs',
]);

export function unknownKeys(value: object, known: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new TypeError(`Unknown option \`${where}${key}\`. Known options: ${[...known].join(', ')}`);
    }
  }
}

export function nonNegative(value: unknown, name: string, { positive = false, integer = false } = {}): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (positive ? value > 0 : value >= 0) &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const what = `${positive ? 'a positive' : 'a non-negative'} ${integer ? 'integer' : 'finite number'}`;
    throw new TypeError(`Expected \`${name}\` to be ${what}, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

export function kind(value: unknown, name: string, type: 'boolean' | 'function'): void {
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`Expected \`${name}\` to be a ${type}, got ${typeof value}`);
  }
}

export function methods(value: unknown, name: string, required: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null)
    throw new TypeError(`Expected \`${name}\` to be an object`);
  for (const m of required) {
    if (typeof (value as Record<string, unknown>)[m] !== 'function') {
      throw new TypeError(`Expected \`${name}\` to have a \`${m}\` method`);
    }
  }
}

/**
 * Checks options strictly: an unknown key or a value of the wrong type is a `TypeError` naming the option.
 *
 * @example
 * validateHookOptions({ timeoutMilis: 5 }); // TypeError: Unknown option `timeoutMilis`. Known options: ...
 */
export function validateHookOptions(options: unknown): HookOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('Expected the options of createHook to be an object');
  }
  const o = options as Record<string, unknown>;
  unknownKeys(o, TOP_KEYS, '');
  validateCommonOptions(o);
  methods(o.client, 'client', ['send']);
  if (o.retry !== undefined) {
    if (typeof o.retry !== 'object' || o.retry === null)
      throw new TypeError('Expected `retry` to be an object');
    const r = o.retry as Record<string, unknown>;
    unknownKeys(r, RETRY_KEYS, 'retry.');
    nonNegative(r.maxAttempts, 'retry.maxAttempts', { positive: true, integer: true });
    nonNegative(r.baseDelayMs, 'retry.baseDelayMs');
    nonNegative(r.maxDelayMs, 'retry.maxDelayMs');
    nonNegative(r.attemptTimeoutMs, 'retry.attemptTimeoutMs', { positive: true });
  }
  return o as HookOptions;
}

/** Checks the options createHook and createEcsHook share. */
export function validateCommonOptions(o: Record<string, unknown>): void {
  nonNegative(o.timeout, 'timeout', { positive: true });
  if (typeof o.reserve !== 'function') nonNegative(o.reserve, 'reserve');
  kind(o.sequential, 'sequential', 'boolean');
  kind(o.failFast, 'failFast', 'boolean');
  kind(o.skip, 'skip', 'boolean');
  kind(o.dryRun, 'dryRun', 'boolean');
  kind(o.random, 'random', 'function');
  nonNegative(o.defaultRemainingMs, 'defaultRemainingMs', { positive: true });
  methods(o.logger, 'logger', ['debug', 'info', 'warn', 'error']);
  methods(o.clock, 'clock', ['now', 'setTimeout', 'clearTimeout']);
  if (o.skip === true && o.dryRun === true) {
    throw new TypeError(
      '`skip` and `dryRun` cannot both be true: skip reports without checking, dry-run checks without reporting',
    );
  }
}

/** Reads a boolean switch from the environment: `true`/`1` on, unset/`false`/`0`/empty off, else undefined. */
export function envSwitch(name: string): boolean | undefined {
  const raw = process.env[name];
  if (raw === undefined) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === '' || v === 'false' || v === '0') return false;
  return undefined;
}
