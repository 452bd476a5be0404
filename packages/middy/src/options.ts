import { type OptionSpec, validateOptions } from '@greenlight/contract';
import type { HookOptions } from '@greenlight/core';
import { exclusiveModes, HOOK_SPEC } from '@greenlight/core/internal';

/**
 * Options of the {@link greenlight} middleware: the subset of `createHook`'s options that apply when the
 * handler is the check. Unknown keys are an `InvalidOptionsError` that names them.
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
   * @default `defaultReserve` (exported here) of the remaining time
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
  /** Time in ms assumed left without a usable Lambda context; at most 900000 (15 minutes). @default 60000 */
  readonly defaultRemainingMs?: number;
  /** Clock and timers, for tests. @default real time with Node's (ref'd) timers */
  readonly clock?: HookOptions['clock'];
  /** Random numbers in [0, 1) for the backoff jitter, for tests. @default Math.random */
  readonly random?: () => number;
}

const SPEC: OptionSpec<GreenlightMiddyOptions> = {
  timeout: HOOK_SPEC.timeout,
  reserve: HOOK_SPEC.reserve,
  client: HOOK_SPEC.client,
  logger: HOOK_SPEC.logger,
  skip: HOOK_SPEC.skip,
  dryRun: HOOK_SPEC.dryRun,
  retry: HOOK_SPEC.retry,
  defaultRemainingMs: HOOK_SPEC.defaultRemainingMs,
  clock: HOOK_SPEC.clock,
  random: HOOK_SPEC.random,
};

/**
 * Checks the middleware's options strictly, with the contract's validator and core's validators: an unknown key
 * (e.g. `failFast`, which only `createHook` has) or a value of the wrong type is an `InvalidOptionsError` that
 * names the option.
 *
 * @example
 * validateGreenlightMiddyOptions({ reserv: 5 }); // InvalidOptionsError: Unknown option `reserv` of @greenlight/middy. ...
 */
export function validateGreenlightMiddyOptions(options: unknown): GreenlightMiddyOptions {
  return exclusiveModes(validateOptions<GreenlightMiddyOptions>('@greenlight/middy', options, SPEC));
}
