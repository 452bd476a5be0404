import { describeThrown, systemClock } from '@greenlight/contract';
import { type Budget, planBudget, remainingTime } from '../budget.js';
import { defaultClient } from '../client.js';
import { defaultLogger, withKeys } from '../logger.js';
import { type CommonOptions, envSwitch, type RetryOptions } from '../options.js';
import { type RetryPolicy, resolveRetryPolicy } from '../retry.js';
import type { Clock, CodeDeployLike, HookLogger, HookResult, LambdaContextLike } from '../types.js';

/**
 * What a hook pipeline is made with: the options every entry point shares, plus those of the report.
 *
 * @example
 * const options: PipelineOptions = { ...validated, reserve: validated.reserve };
 */
export interface PipelineOptions extends CommonOptions {
  readonly sequential?: boolean;
  readonly failFast?: boolean;
  readonly client?: CodeDeployLike;
  readonly retry?: RetryOptions;
  readonly random?: () => number;
}

/**
 * Emergency skip, dry-run or normal.
 *
 * @example
 * const mode: Mode = 'dry-run';
 */
export type Mode = HookResult['mode'];

/**
 * One invocation, as the pipeline began it: the IDs, when it started, its time budget, its mode and its
 * logger (every line carries the IDs; it never throws).
 *
 * @example
 * const inv = pipeline.begin({ deploymentId, lifecycleEventHookExecutionId }, context);
 * if (inv.budget.checksBudgetMs <= 0) inv.logger.warn('no time left for the checks');
 */
export interface Invocation {
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  readonly start: number;
  readonly budget: Budget;
  readonly mode: Mode;
  readonly logger: HookLogger;
  readonly lambdaContext: LambdaContextLike | undefined;
}

/**
 * The IDs an invocation is about, and any other keys every log line should carry.
 *
 * @example
 * const ids: InvocationIds = { deploymentId: event.DeploymentId, lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId };
 */
export interface InvocationIds {
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  readonly keys?: Readonly<Record<string, unknown>>;
}

/**
 * The one hook pipeline behind `createHook`, `createEcsHook` and the middy middleware: made once per handler
 * from its options, it begins each invocation (budget, mode, logger) and holds what the steps and the platform
 * adapters need (the clock, the client, the retry policy, the options). Each entry point is a thin adapter: the
 * CodeDeploy report, the ECS native `hookStatus`, or middy's `before`/`after`/`onError`.
 *
 * @example
 * const pipeline = new HookPipeline(options, defaultReserve);
 * const inv = pipeline.begin(ids, context);
 * const reports = await runCheckStep(pipeline, inv, named, contextFor, 'reporting Succeeded');
 */
export class HookPipeline {
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  private base: HookLogger | undefined;
  private mode: Mode | undefined;

  constructor(
    readonly options: PipelineOptions,
    private readonly fallbackReserve: (remainingMs: number) => number,
  ) {
    this.clock = options.clock ?? systemClock;
    this.policy = resolveRetryPolicy(options.retry, this.clock, options.random);
    this.base = options.logger;
  }

  /** The logger given, or the default one, made on the first invocation (no work at import or creation). */
  logger(): HookLogger {
    this.base ??= defaultLogger();
    return this.base;
  }

  /** The client given, or the process's default client for the current environment. */
  client(): CodeDeployLike {
    return this.options.client ?? defaultClient();
  }

  /**
   * Begins an invocation: the remaining time (a context that cannot tell it is a warning, never NaN), the
   * budget, the mode (read once per handler), and a logger with the IDs. `logger` replaces the keyed view
   * (the middleware appends the keys to a Powertools logger itself).
   */
  begin(ids: InvocationIds, context: unknown, logger?: HookLogger): Invocation {
    const { options } = this;
    const start = this.clock.now();
    const log =
      logger ??
      withKeys(this.logger(), {
        deploymentId: ids.deploymentId,
        lifecycleEventHookExecutionId: ids.lifecycleEventHookExecutionId,
        ...ids.keys,
      });
    const remaining = remainingTime(context, options.defaultRemainingMs ?? 60_000);
    if (remaining.problem) {
      log.warn('the Lambda context cannot tell the time left; see the error', {
        error: remaining.problem.message,
        code: remaining.problem.code,
      });
    }
    const budget = planBudget(start, remaining.ms, options, this.fallbackReserve);
    if (budget.reserveError !== undefined) {
      log.warn('the `reserve` function threw; the default reserve is kept instead', {
        error: describeThrown(budget.reserveError),
        reserveMs: budget.reserveMs,
      });
    }
    this.mode ??= resolveMode(options, log);
    return {
      deploymentId: ids.deploymentId,
      lifecycleEventHookExecutionId: ids.lifecycleEventHookExecutionId,
      start,
      budget,
      mode: this.mode,
      logger: log,
      lambdaContext: context as LambdaContextLike | undefined,
    };
  }
}

/**
 * Emergency skip, dry-run or normal, from the options first and the environment second; both on is dry-run
 * (nothing is skipped or reported), with a warning.
 *
 * @example
 * resolveMode({ dryRun: true }, logger); // 'dry-run'
 * resolveMode({}, logger); // 'normal' unless GREENLIGHT_SKIP_CHECKS or GREENLIGHT_DRY_RUN is `true`/`1`
 */
export function resolveMode(options: Pick<CommonOptions, 'skip' | 'dryRun'>, logger: HookLogger): Mode {
  const read = (name: string): boolean => {
    const value = envSwitch(name);
    if (value === undefined)
      logger.warn(`${name} is neither true/1 nor false/0; it is ignored`, { value: process.env[name] });
    return value === true;
  };
  const skip = options.skip ?? read('GREENLIGHT_SKIP_CHECKS');
  const dryRun = options.dryRun ?? read('GREENLIGHT_DRY_RUN');
  if (skip && dryRun) {
    logger.warn('emergency skip and dry-run are both on: dry-run wins, nothing is skipped or reported');
    return 'dry-run';
  }
  return skip ? 'skip' : dryRun ? 'dry-run' : 'normal';
}
