import {
  describeThrown,
  type EcsHookEvent,
  type EcsHookResponse,
  ecsReserve,
  tidyText,
} from '@greenlight/contract';
import { parseEcsHookEvent } from './ecs-event.js';
import { LookupError } from './errors.js';
import { type EcsHookOptions, validateEcsHookOptions } from './options.js';
import { HookPipeline, type Invocation } from './pipeline/pipeline.js';
import { type CheckRun, namedChecks, runCheckStep } from './pipeline/run-checks.js';
import type {
  CheckReport,
  Checks,
  EcsNativeHookContext,
  EcsNativeTargetInfo,
  HookLogger,
  LambdaContextLike,
} from './types.js';

/** The ECS native hook's state across invocations, kept in `hookDetails.greenlight`. */
interface WaitState {
  readonly firstSeenAt: number;
  readonly attempts: number;
}

/**
 * The previous invocations' state, when readable: a finite `firstSeenAt` (one in the future, e.g. 1e300, is
 * taken as now, with a warning, so the wait cannot be stretched forever) and a safe-integer count.
 */
function readState(
  details: Readonly<Record<string, unknown>> | undefined,
  now: number,
  logger: HookLogger,
): WaitState | undefined {
  const s = details?.greenlight as Partial<WaitState> | undefined;
  if (s === undefined) return undefined;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    typeof s.firstSeenAt === 'number' &&
    Number.isFinite(s.firstSeenAt) &&
    Number.isSafeInteger(s.attempts) &&
    (s.attempts as number) >= 0;
  if (!ok) {
    logger.warn('hookDetails.greenlight is unreadable; the wait starts again', {
      greenlight: describeThrown(s),
    });
    return undefined;
  }
  if ((s.firstSeenAt as number) > now) {
    logger.warn('hookDetails.greenlight.firstSeenAt is in the future; the wait is counted from now', {
      firstSeenAt: s.firstSeenAt,
    });
    return { firstSeenAt: now, attempts: s.attempts as number };
  }
  return { firstSeenAt: s.firstSeenAt as number, attempts: s.attempts as number };
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

/**
 * What an ECS native hook handler is: it answers ECS by returning.
 *
 * @example
 * export const handler: EcsHookHandler = createEcsHook({ smoke });
 * const { hookStatus } = await handler(event, context); // 'SUCCEEDED', 'FAILED' or 'IN_PROGRESS'
 */
export type EcsHookHandler = (event: EcsHookEvent, context?: LambdaContextLike) => Promise<EcsHookResponse>;

/**
 * Turns the same checks as `createHook` into an Amazon ECS native blue/green lifecycle hook. ECS reads
 * the returned `hookStatus`: SUCCEEDED, FAILED, or IN_PROGRESS when a check answered "not ready"
 * (`{ passed: false, pending: true }`), so ECS calls again after `callBackDelay` seconds instead of the Lambda
 * waiting. Across invocations, the first attempt's time and the count are kept in `hookDetails.greenlight`;
 * once the wait (by the clock, and by the count × `callBackDelay`) would pass `maxWaitMs`, the hook answers
 * FAILED with the last reason.
 *
 * @throws InvalidHookEventError for a payload that is not an ECS lifecycle hook event (ECS then rolls back).
 * @example
 * export const handler = createEcsHook({
 *   testListener: async ({ signal }) => (await fetch(process.env.TEST_LISTENER_URL!, { signal })).ok,
 * });
 */
export function createEcsHook(
  checks: Checks<EcsNativeHookContext>,
  options?: EcsHookOptions,
): EcsHookHandler {
  const named = namedChecks(checks);
  const opts = validateEcsHookOptions(options);
  const pipeline = new HookPipeline(opts, ecsReserve);
  const callBackDelay = opts.callBackDelay ?? 30;
  const maxWaitMs = opts.maxWaitMs ?? 3_600_000;

  return async function greenlightEcsHook(event, context?: LambdaContextLike): Promise<EcsHookResponse> {
    const parsed = parseEcsHookEvent(event);
    const inv = pipeline.begin(
      {
        deploymentId: parsed.resourceArn,
        lifecycleEventHookExecutionId: parsed.executionId,
        keys: { lifecycleStage: parsed.lifecycleStage },
      },
      context,
    );
    const previous = readState(parsed.hookDetails, inv.start, inv.logger);
    const state: WaitState = {
      firstSeenAt: previous?.firstSeenAt ?? inv.start,
      attempts: (previous?.attempts ?? 0) + 1,
    };
    const reports = await runCheckStep(
      pipeline,
      inv,
      named,
      ecsContexts(pipeline, inv, ecsNativeTarget(parsed)),
      'answering SUCCEEDED',
    );
    return answerEcs(pipeline, inv, reports, state, parsed.hookDetails, callBackDelay, maxWaitMs);
  };
}

function ecsContexts(
  pipeline: HookPipeline,
  inv: Invocation,
  target: EcsNativeTargetInfo,
): (name: string, run: CheckRun) => EcsNativeHookContext {
  const deadline = inv.budget.checksDeadline;
  const deployment = { deploymentId: inv.deploymentId, computePlatform: 'ECS', status: 'InProgress' };
  return (checkName, run) =>
    ({
      platform: 'ecs-native',
      deploymentId: inv.deploymentId,
      lifecycleEventHookExecutionId: inv.lifecycleEventHookExecutionId,
      checkName,
      get signal() {
        return run.signal();
      },
      logger: inv.logger,
      lambdaContext: inv.lambdaContext,
      deadline,
      remainingTimeMs: () => Math.max(0, deadline - pipeline.clock.now()),
      deployment: async () => deployment,
      target: async () => target,
      // Not in the type (a compile error in TypeScript); JavaScript callers get a clear rejection.
      deploymentGroup: () =>
        Promise.reject(new LookupError('an Amazon ECS native deployment has no CodeDeploy deployment group')),
    }) as EcsNativeHookContext;
}

/** The ECS answer: FAILED, IN_PROGRESS (with the wait state) or SUCCEEDED, logged as one summary line. */
function answerEcs(
  pipeline: HookPipeline,
  inv: Invocation,
  reports: CheckReport[],
  state: WaitState,
  hookDetails: Readonly<Record<string, unknown>> | undefined,
  callBackDelay: number,
  maxWaitMs: number,
): EcsHookResponse {
  const { logger, mode } = inv;
  const failed = reports.filter((r) => r.status === 'Failed');
  const pending = reports.filter((r) => r.status === 'Pending');
  const why = (list: CheckReport[]) => tidyText(list.map((r) => `${r.name}: ${r.reason}`).join('; '));
  // The wait so far: by the clock, and at least the callbacks ECS already waited for.
  const elapsedMs = pipeline.clock.now() - state.firstSeenAt;
  const waitedMs = Math.max(elapsedMs, (state.attempts - 1) * callBackDelay * 1000);
  let response: EcsHookResponse;
  let reason: string | undefined;
  if (failed.length > 0) {
    reason = why(failed);
    response = { hookStatus: 'FAILED' };
  } else if (pending.length > 0 && waitedMs + callBackDelay * 1000 > maxWaitMs) {
    reason = tidyText(
      `still not ready after ${state.attempts} attempt(s) over ${Math.round(elapsedMs / 1000)} s: ${why(pending)}`,
    );
    response = { hookStatus: 'FAILED' };
  } else if (pending.length > 0) {
    reason = why(pending);
    response = {
      hookStatus: 'IN_PROGRESS',
      callBackDelay,
      hookDetails: { ...hookDetails, greenlight: state },
    };
  } else {
    reason = mode === 'skip' ? 'emergency skip' : undefined;
    response = { hookStatus: 'SUCCEEDED' };
  }
  const summary = {
    hookStatus: response.hookStatus,
    reason,
    checks: reports,
    durationMs: pipeline.clock.now() - inv.start,
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
}
