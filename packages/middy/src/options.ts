import { type HookOptions, validateHookOptions } from '@greenlight/core';

/**
 * Options of the {@link greenlight} middleware: the subset of `createHook`'s options that apply when the
 * handler is the check. Unknown keys are a `TypeError` that names them.
 *
 * @example
 * middy(handler).use(greenlight({ logger, reserve: 5_000, retry: { maxAttempts: 5 } }));
 */
export interface GreenlightMiddyOptions {
  /**
   * Upper bound in ms for the handler. When it is still running then, the middleware reports Failed
   * (`timed out after … ms`) without waiting for it. @default the Lambda deadline less the reserve
   */
  readonly timeout?: HookOptions['timeout'];
  /**
   * Time in ms kept back from the Lambda deadline for the report and its retries: a number, or a function of
   * the remaining time. Give middy's `timeoutEarlyInMillis` at least this much (see the README).
   * @default min(30000, max(1000, 20% of the remaining time)), i.e. `defaultReserve`
   */
  readonly reserve?: HookOptions['reserve'];
  /** The CodeDeploy client. @default a `CodeDeployClient` created on the first report, with `maxAttempts: 1` */
  readonly client?: HookOptions['client'];
  /**
   * Where the middleware logs. A Powertools `Logger` also gets `deploymentId` and
   * `lifecycleEventHookExecutionId` appended (`appendKeys`) for the invocation, so the handler's own lines
   * carry them; they are removed (`removeKeys`) before the invocation ends.
   * @default a Powertools `Logger` with service name `greenlight-hook`
   */
  readonly logger?: HookOptions['logger'];
  /**
   * Emergency skip: report Succeeded without running the handler, logged as a warning.
   * @default true when the environment variable GREENLIGHT_SKIP_CHECKS is `true` or `1`
   */
  readonly skip?: boolean;
  /**
   * Run the handler and log the verdict, but report nothing.
   * @default true when the environment variable GREENLIGHT_DRY_RUN is `true` or `1`
   */
  readonly dryRun?: boolean;
  /** Report retries: full-jitter backoff on throttling, 5xx and network errors. @default `createHook`'s */
  readonly retry?: HookOptions['retry'];
  /** Time in ms assumed left when invoked without a Lambda context. @default 60000 */
  readonly defaultRemainingMs?: number;
  /** Clock and timers, for tests. @default real time with unref'd timers */
  readonly clock?: HookOptions['clock'];
  /** Random numbers in [0, 1) for the backoff jitter, for tests. @default Math.random */
  readonly random?: () => number;
}

const KEYS: ReadonlySet<string> = new Set([
  'timeout',
  'reserve',
  'client',
  'logger',
  'skip',
  'dryRun',
  'retry',
  'defaultRemainingMs',
  'clock',
  'random',
]);

/**
 * Checks the middleware's options strictly: an unknown key (e.g. `failFast`, which only `createHook` has) or a
 * value of the wrong type is a `TypeError` that names the option. Types are checked by the core's validator.
 *
 * @example
 * validateGreenlightMiddyOptions({ reserv: 5 }); // TypeError: Unknown option `reserv` of @greenlight/middy. ...
 */
export function validateGreenlightMiddyOptions(options: unknown): GreenlightMiddyOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('Expected the options of the greenlight middleware to be an object');
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) {
      throw new TypeError(
        `Unknown option \`${key}\` of @greenlight/middy. Known options: ${[...KEYS].join(', ')}`,
      );
    }
  }
  return validateHookOptions(options) as GreenlightMiddyOptions;
}
