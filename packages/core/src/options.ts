import { is, MAX_LAMBDA_MS, type OptionSpec, validateOptions } from '@greenlight/contract';
import { InvalidOptionsError } from './errors.js';
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
  /** One attempt is aborted (and retried) after this many ms without a complete response. @default 10000 */
  readonly attemptTimeoutMs?: number;
}

/**
 * What every greenlight hook takes: the deadline, the logger, the modes, and the test seams.
 *
 * @example
 * const common: CommonOptions = { timeout: 60_000, logger, dryRun: true };
 */
export interface CommonOptions {
  /** Upper bound in ms for the checks (or the middy handler). @default the Lambda deadline less the reserve */
  readonly timeout?: number;
  /**
   * Time in ms kept back from the Lambda deadline to answer: a number, or a function of the remaining time.
   * @default `defaultReserve` (`@greenlight/contract`), min(30000, max(1000, 20% of the remaining time)), for a
   * CodeDeploy hook
   */
  readonly reserve?: number | ((remainingMs: number) => number);
  /** Where logs go. @default a Powertools `Logger` with service name `greenlight-hook` */
  readonly logger?: HookLogger;
  /**
   * Emergency skip: answer Succeeded without running checks, logged as a warning. Each of `skip` and `dryRun` is
   * read from its option, else its environment variable (once, on the first invocation of the handler).
   * @default true when the environment variable GREENLIGHT_SKIP_CHECKS is `true` or `1`
   */
  readonly skip?: boolean;
  /**
   * Run the checks and log the verdict, but report nothing (an ECS native hook answers SUCCEEDED).
   * @default true when the environment variable GREENLIGHT_DRY_RUN is `true` or `1`
   */
  readonly dryRun?: boolean;
  /**
   * Time in ms assumed left when the handler gets no usable Lambda context; at most 900000 (15 minutes).
   * @default 60000
   */
  readonly defaultRemainingMs?: number;
  /** Clock and timers, for tests. @default real time with Node's (ref'd) timers */
  readonly clock?: Clock;
}

/**
 * Options of `createHook`. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * createHook(checks, { timeout: 60_000, failFast: true, logger: new Logger({ serviceName: 'hook' }) });
 */
export interface HookOptions extends CommonOptions {
  /** Run named checks one after another, in the record's order. @default false (concurrently) */
  readonly sequential?: boolean;
  /** Stop at the first failing check: cancel (concurrent) or skip (sequential) the others. @default false */
  readonly failFast?: boolean;
  /**
   * The CodeDeploy client. Every call gets an `abortSignal`, aborted when greenlight abandons the call.
   * @default an SDK `CodeDeployClient` with `maxAttempts: 1`, shared by the handlers of the process and made
   * again when `AWS_ENDPOINT_URL_CODEDEPLOY`, `AWS_ENDPOINT_URL`, `AWS_REGION` or `AWS_ACCESS_KEY_ID` change
   */
  readonly client?: CodeDeployLike;
  /**
   * Report retries.
   * @default each member's own default: 10 attempts, 100 ms base delay, 5000 ms max delay, 10000 ms per attempt
   */
  readonly retry?: RetryOptions;
  /** Random numbers in [0, 1) for the backoff jitter, for tests. @default Math.random */
  readonly random?: () => number;
}

/**
 * Options of `createEcsHook`: the deadline, verdict and mode options of `createHook`, plus how long to keep
 * answering IN_PROGRESS. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * createEcsHook(checks, { callBackDelay: 15, maxWaitMs: 20 * 60_000 });
 */
export interface EcsHookOptions extends CommonOptions {
  /** Time in ms kept back to return. @default `ecsReserve` (`@greenlight/contract`) */
  readonly reserve?: number | ((remainingMs: number) => number);
  /** @default false */
  readonly sequential?: boolean;
  /** @default false */
  readonly failFast?: boolean;
  /** Seconds ECS waits before invoking the hook again after IN_PROGRESS. @default 30 */
  readonly callBackDelay?: number;
  /** How long, across invocations, a check may stay "not ready" before the hook answers FAILED. @default 3600000 (1 hour) */
  readonly maxWaitMs?: number;
}

const RETRY: OptionSpec<RetryOptions> = {
  maxAttempts: is.positiveInteger,
  baseDelayMs: is.nonNegative,
  maxDelayMs: is.nonNegative,
  attemptTimeoutMs: is.positive,
};

/**
 * The validators of {@link CommonOptions}, for every entry point's spec.
 *
 * @example
 * const SPEC: OptionSpec<MyOptions> = { ...COMMON_SPEC, extra: is.boolean };
 */
export const COMMON_SPEC: OptionSpec<CommonOptions> = {
  timeout: is.positive,
  reserve: is.msOrFunction,
  logger: is.methods('debug', 'info', 'warn', 'error'),
  skip: is.boolean,
  dryRun: is.boolean,
  defaultRemainingMs: is.positiveAtMost(
    MAX_LAMBDA_MS,
    '900000 (15 minutes, the longest a Lambda function runs)',
  ),
  clock: is.methods('now', 'setTimeout', 'clearTimeout'),
};

/**
 * The validators of {@link HookOptions}.
 *
 * @example
 * validateOptions<HookOptions>('createHook', options, HOOK_SPEC);
 */
export const HOOK_SPEC: OptionSpec<HookOptions> = {
  ...COMMON_SPEC,
  sequential: is.boolean,
  failFast: is.boolean,
  client: is.methods('send'),
  retry: is.object(RETRY),
  random: is.function,
};

/**
 * Refuses `skip` and `dryRun` both true: skip reports without checking, dry-run checks without reporting.
 *
 * @example
 * exclusiveModes({ skip: true, dryRun: true }); // throws InvalidOptionsError
 */
export function exclusiveModes<T extends CommonOptions>(options: T): T {
  if (options.skip === true && options.dryRun === true) {
    throw new InvalidOptionsError(
      'dryRun',
      '`skip` and `dryRun` cannot both be true: skip reports without checking, dry-run checks without reporting',
    );
  }
  return options;
}

/**
 * Checks `createHook`'s options strictly: an unknown key or a value of the wrong type is an
 * `InvalidOptionsError` naming the option.
 *
 * @example
 * validateHookOptions({ timeoutMilis: 5 }); // InvalidOptionsError: Unknown option `timeoutMilis` of createHook. ...
 */
export function validateHookOptions(options: unknown): HookOptions {
  return exclusiveModes(validateOptions<HookOptions>('createHook', options, HOOK_SPEC));
}

/**
 * Checks `createEcsHook`'s options strictly, as {@link validateHookOptions} does.
 *
 * @example
 * validateEcsHookOptions({ callBackDelay: 0 }); // InvalidOptionsError: Expected `callBackDelay` to be a positive integer, got 0
 */
export function validateEcsHookOptions(options: unknown): EcsHookOptions {
  const spec: OptionSpec<EcsHookOptions> = {
    ...COMMON_SPEC,
    sequential: is.boolean,
    failFast: is.boolean,
    callBackDelay: is.positiveInteger,
    maxWaitMs: is.positive,
  };
  return exclusiveModes(validateOptions<EcsHookOptions>('createEcsHook', options, spec));
}

/**
 * Reads a boolean switch from the environment: `true`/`1` on, unset/`false`/`0`/empty off, else undefined.
 *
 * @example
 * envSwitch('GREENLIGHT_DRY_RUN'); // true when GREENLIGHT_DRY_RUN=1
 */
export function envSwitch(name: string): boolean | undefined {
  const raw = process.env[name];
  if (raw === undefined) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === '' || v === 'false' || v === '0') return false;
  return undefined;
}
