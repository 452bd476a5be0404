import { planBudget } from './budget.js';
import { systemClock } from './clock.js';
import { namedChecks, resolveMode } from './create-hook.js';
import { type EcsHookEvent, type EcsHookResponse, parseEcsHookEvent } from './ecs-event.js';
import { LookupError } from './errors.js';
import { defaultLogger, withKeys } from './logger.js';
import { nonNegative, unknownKeys, validateCommonOptions } from './options.js';
import { runChecksOrFail } from './run-checks.js';
import type {
  CheckReport,
  Checks,
  Clock,
  EcsNativeTargetInfo,
  HookContext,
  HookLogger,
  LambdaContextLike,
} from './types.js';
import { tidyReason } from './verdict.js';

/**
 * Options of {@link createEcsHook}: the deadline, verdict and mode options of `createHook`, plus how long to
 * keep answering IN_PROGRESS. Unknown keys are a `TypeError` that names them.
 *
 * @example
 * createEcsHook(checks, { callBackDelay: 15, maxWaitMs: 20 * 60_000 });
 */
export interface EcsHookOptions {
  /** Upper bound in ms for all checks of one invocation. @default the Lambda deadline less the reserve */
  readonly timeout?: number;
  /** Time in ms kept back to return. @default min(5000, max(250, 5% of the remaining time)) */
  readonly reserve?: number | ((remainingMs: number) => number);
  /** @default false */
  readonly sequential?: boolean;
  /** @default false */
  readonly failFast?: boolean;
  /** @default a Powertools `Logger` with service name `greenlight-hook` */
  readonly logger?: HookLogger;
  /** Emergency skip: answer SUCCEEDED without running checks. @default GREENLIGHT_SKIP_CHECKS is `true` or `1` */
  readonly skip?: boolean;
  /** Run the checks, log the verdict, and answer SUCCEEDED whatever it was. @default GREENLIGHT_DRY_RUN is `true` or `1` */
  readonly dryRun?: boolean;
  /** Seconds ECS waits before invoking the hook again after IN_PROGRESS. @default 30 */
  readonly callBackDelay?: number;
  /** How long, across invocations, a check may stay "not ready" before the hook answers FAILED. @default 3600000 (1 hour) */
  readonly maxWaitMs?: number;
  /** @default 60000 */
  readonly defaultRemainingMs?: number;
  /** @default real time with unref'd timers */
  readonly clock?: Clock;
}

const KEYS: ReadonlySet<string> = new Set([
  'timeout',
  'reserve',
  'sequential',
  'failFast',
  'logger',
  'skip',
  'dryRun',
  'callBackDelay',
  'maxWaitMs',
  'defaultRemainingMs',
  'clock',
]);

/**
 * Strict validation of {@link EcsHookOptions}: unknown keys and wrong types are a `TypeError` naming them.
 *
 * @example
 * validateEcsHookOptions({ callBackDelay: 0 });
 * // TypeError: Expected `callBackDelay` to be a positive integer, got 0
 */
export function validateEcsHookOptions(options: unknown): EcsHookOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('Expected the options of createEcsHook to be an object');
  }
  const o = options as Record<string, unknown>;
  unknownKeys(o, KEYS, '');
  validateCommonOptions(o);
  nonNegative(o.callBackDelay, 'callBackDelay', { positive: true, integer: true });
  nonNegative(o.maxWaitMs, 'maxWaitMs', { positive: true });
  return o as EcsHookOptions;
}

/** The ECS native hook's state across invocations, kept in `hookDetails.greenlight`. */
interface WaitState {
  readonly firstSeenAt: number;
  readonly attempts: number;
}

function readState(details: Readonly<Record<string, unknown>> | undefined): WaitState | undefined {
  const s = details?.greenlight as Partial<WaitState> | undefined;
  if (typeof s !== 'object' || s === null) return undefined;
  if (typeof s.firstSeenAt !== 'number' || !Number.isFinite(s.firstSeenAt)) return undefined;
  if (typeof s.attempts !== 'number' || !Number.isInteger(s.attempts) || s.attempts < 0) return undefined;
  return { firstSeenAt: s.firstSeenAt, attempts: s.attempts };
}

/** Cluster and service from `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE` (or the old `service/SERVICE`). */
function serviceName(serviceArn: string): { cluster: string; service: string } {
  const resource = serviceArn.split(':').slice(5).join(':');
  const [, ...parts] = resource.split('/');
  if (parts.length >= 2) return { cluster: parts[0] ?? '', service: parts.slice(1).join('/') };
  return { cluster: 'default', service: parts[0] ?? serviceArn };
}

/**
 * The target a check sees: the service, the revision being deployed, the weights, and whether ECS is rolling back.
 *
 * @example
 * const { cluster, service, targetServiceRevisionArn, rollingBack } = ecsNativeTarget(parseEcsHookEvent(event));
 */
export function ecsNativeTarget(event: EcsHookEvent): EcsNativeTargetInfo {
  const {
    serviceArn,
    targetServiceRevisionArn: target,
    testTrafficWeights,
    productionTrafficWeights,
  } = event.executionDetails;
  const movingAway = (weights: Readonly<Record<string, number>>) =>
    weights[target] === 0 && Object.entries(weights).some(([arn, w]) => arn !== target && w > 0);
  const rollingBack =
    (event.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && movingAway(productionTrafficWeights)) ||
    (event.lifecycleStage === 'TEST_TRAFFIC_SHIFT' && movingAway(testTrafficWeights));
  return {
    kind: 'ecs-native',
    targetId: serviceArn,
    targetArn: serviceArn,
    status: 'InProgress',
    lifecycleEvent: event.lifecycleStage,
    lifecycleEvents: [{ name: event.lifecycleStage, status: 'InProgress' }],
    ...serviceName(serviceArn),
    serviceArn,
    targetServiceRevisionArn: target,
    testTrafficWeights,
    productionTrafficWeights,
    rollingBack,
    hookDetails: Object.fromEntries(
      Object.entries(event.hookDetails ?? {}).filter(([key]) => key !== 'greenlight'),
    ),
  };
}

const ecsReserve = (remainingMs: number) => Math.min(5_000, Math.max(250, remainingMs * 0.05));

/**
 * What an ECS native hook handler is: it answers ECS by returning.
 *
 * @example
 * export const handler: EcsHookHandler = createEcsHook({ smoke });
 * const { hookStatus } = await handler(event, context); // 'SUCCEEDED', 'FAILED' or 'IN_PROGRESS'
 */
export type EcsHookHandler = (event: EcsHookEvent, context?: LambdaContextLike) => Promise<EcsHookResponse>;

/**
 * Turns the same checks as {@link createHook} into an Amazon ECS native blue/green lifecycle hook. ECS reads
 * the returned `hookStatus`: SUCCEEDED, FAILED, or IN_PROGRESS when a check answered "not ready"
 * (`{ passed: false, pending: true }`), so ECS calls again after `callBackDelay` seconds instead of the Lambda
 * waiting. Across invocations, the first attempt's time and the count are kept in `hookDetails.greenlight`;
 * past `maxWaitMs` the hook answers FAILED with the last reason.
 *
 * @throws InvalidHookEventError for a payload that is not an ECS lifecycle hook event (ECS then rolls back).
 * @example
 * export const handler = createEcsHook({
 *   testListener: async ({ signal }) => (await fetch(process.env.TEST_LISTENER_URL!, { signal })).ok,
 * });
 */
export function createEcsHook(checks: Checks, options?: EcsHookOptions): EcsHookHandler {
  const named = namedChecks(checks);
  const opts = validateEcsHookOptions(options);
  const clock = opts.clock ?? systemClock;
  const callBackDelay = opts.callBackDelay ?? 30;
  const maxWaitMs = opts.maxWaitMs ?? 3_600_000;
  let baseLogger: HookLogger | undefined = opts.logger;

  return async function greenlightEcsHook(event, context?: LambdaContextLike): Promise<EcsHookResponse> {
    const start = clock.now();
    const parsed = parseEcsHookEvent(event);
    baseLogger ??= defaultLogger();
    const logger = withKeys(baseLogger, {
      deploymentId: parsed.resourceArn,
      lifecycleEventHookExecutionId: parsed.executionId,
      lifecycleStage: parsed.lifecycleStage,
    });
    const previous = readState(parsed.hookDetails);
    if (parsed.hookDetails?.greenlight !== undefined && !previous) {
      logger.warn('hookDetails.greenlight is unreadable; the wait starts again', {
        greenlight: parsed.hookDetails.greenlight,
      });
    }
    const state: WaitState = {
      firstSeenAt: previous?.firstSeenAt ?? start,
      attempts: (previous?.attempts ?? 0) + 1,
    };
    const remaining =
      typeof context?.getRemainingTimeInMillis === 'function'
        ? context.getRemainingTimeInMillis()
        : (opts.defaultRemainingMs ?? 60_000);
    const budget = planBudget(start, remaining, { ...opts, reserve: opts.reserve ?? ecsReserve });
    const mode = resolveMode(opts, logger);
    const target = ecsNativeTarget(parsed);

    let reports: CheckReport[];
    if (mode === 'skip') {
      logger.warn('EMERGENCY SKIP: answering SUCCEEDED without running any check', {
        checks: named.map(([n]) => n),
      });
      reports = named.map(([name]) => ({ name, status: 'Skipped', reason: 'emergency skip', durationMs: 0 }));
    } else {
      const contextFor = (checkName: string, signal: AbortSignal): HookContext => ({
        platform: 'ecs-native',
        deploymentId: parsed.resourceArn,
        lifecycleEventHookExecutionId: parsed.executionId,
        checkName,
        signal,
        logger,
        lambdaContext: context,
        deadline: budget.checksDeadline,
        remainingTimeMs: () => Math.max(0, budget.checksDeadline - clock.now()),
        deployment: async () => ({
          deploymentId: parsed.resourceArn,
          computePlatform: 'ECS',
          status: 'InProgress',
        }),
        target: async () => target,
        deploymentGroup: () =>
          Promise.reject(
            new LookupError('an Amazon ECS native deployment has no CodeDeploy deployment group'),
          ),
      });
      reports = await runChecksOrFail({
        checks: named,
        contextFor,
        budgetMs: budget.checksBudgetMs,
        sequential: opts.sequential ?? false,
        failFast: opts.failFast ?? false,
        clock,
        logger,
      });
    }

    const failed = reports.filter((r) => r.status === 'Failed');
    const pending = reports.filter((r) => r.status === 'Pending');
    const why = (list: CheckReport[]) => tidyReason(list.map((r) => `${r.name}: ${r.reason}`).join('; '));
    const waitedMs = clock.now() - state.firstSeenAt;
    let response: EcsHookResponse;
    let reason: string | undefined;
    if (failed.length > 0) {
      reason = why(failed);
      response = { hookStatus: 'FAILED' };
    } else if (pending.length > 0 && waitedMs + callBackDelay * 1000 > maxWaitMs) {
      reason = tidyReason(
        `still not ready after ${state.attempts} attempt(s) over ${Math.round(waitedMs / 1000)} s: ${why(pending)}`,
      );
      response = { hookStatus: 'FAILED' };
    } else if (pending.length > 0) {
      reason = why(pending);
      response = {
        hookStatus: 'IN_PROGRESS',
        callBackDelay,
        hookDetails: { ...parsed.hookDetails, greenlight: state },
      };
    } else {
      reason = mode === 'skip' ? 'emergency skip' : undefined;
      response = { hookStatus: 'SUCCEEDED' };
    }
    const summary = {
      hookStatus: response.hookStatus,
      reason,
      checks: reports,
      durationMs: clock.now() - start,
      attempts: state.attempts,
      mode,
    };
    if (mode === 'dry-run') {
      logger.info('greenlight ECS hook verdict (dry run: answering SUCCEEDED)', summary);
      return { hookStatus: 'SUCCEEDED' };
    }
    if (response.hookStatus === 'FAILED') logger.warn('greenlight ECS hook verdict', summary);
    else logger.info('greenlight ECS hook verdict', summary);
    return response;
  };
}
