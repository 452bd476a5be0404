/**
 * The lifecycle hooks of an ECS service's `deploymentConfiguration`, as the ECS API takes them, turned into
 * the hooks of the ECS native deployment engine: each stage's Lambda functions invoked through the local
 * Lambda, and their status kept for DescribeServiceDeployments' `lifecycleHookDetails`.
 */
import { randomUUID } from 'node:crypto';
import type { EcsHookStatus } from '@greenlight/contract';
import { parseResponse } from '../ecs-native/payload.js';
import {
  ECS_NATIVE_HOOK_STAGES,
  type EcsNativeHookConfig,
  type EcsNativeStage,
} from '../ecs-native/types.js';
import { ApiError } from '../errors.js';
import type { RunOutcome } from './lambda-run.js';
import { type Input, list, num, str, strings, struct } from './values.js';

/** One entry of `deploymentConfiguration.lifecycleHooks`, validated. */
export interface WireHook {
  /** Ours: ECS gives each configured hook an id (DescribeServiceDeployments shows it). */
  readonly hookId: string;
  readonly targetType: 'AWS_LAMBDA';
  readonly hookTargetArn: string;
  readonly roleArn: string;
  readonly lifecycleStages: readonly EcsNativeStage[];
  readonly hookDetails?: unknown;
  readonly timeoutConfiguration?: {
    readonly timeoutInMinutes?: number;
    readonly action?: 'ROLLBACK' | 'CONTINUE';
  };
}

/** DescribeServiceDeployments' `DeploymentLifecycleHookDetail`. */
export interface HookDetail {
  readonly hookId: string;
  readonly targetType: 'AWS_LAMBDA';
  readonly targetArn: string;
  /** What the hook answered (`IN_PROGRESS` while it runs), or `TIMED_OUT`. */
  status: EcsHookStatus | 'TIMED_OUT';
  readonly expiresAt: Date;
  readonly timeoutAction: 'ROLLBACK' | 'CONTINUE';
}

const invalid = (message: string) => new ApiError('InvalidParameterException', message);
const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/;
const DEFAULT_TIMEOUT_MINUTES = 1440;

/** Validates `lifecycleHooks` as ECS does (Lambda targets only; PAUSE hooks are not simulated). */
export function parseLifecycleHooks(config: Input | undefined): WireHook[] {
  if (!config) return [];
  return list(config, 'lifecycleHooks').map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw invalid(`lifecycleHooks[${i}] must be a structure.`);
    const hook = raw as Input;
    const targetType = str(hook, 'targetType') ?? 'AWS_LAMBDA';
    if (targetType === 'PAUSE') {
      throw new ApiError(
        'UnsupportedFeatureException',
        'PAUSE lifecycle hooks are not simulated by the local ECS; use a Lambda hook that answers IN_PROGRESS.',
      );
    }
    if (targetType !== 'AWS_LAMBDA')
      throw invalid(`lifecycleHooks[${i}].targetType ${targetType} is not valid.`);
    const hookTargetArn = str(hook, 'hookTargetArn');
    if (!hookTargetArn || !LAMBDA_ARN.test(hookTargetArn))
      throw invalid(`lifecycleHooks[${i}].hookTargetArn must be a Lambda function ARN.`);
    const roleArn = str(hook, 'roleArn');
    if (!roleArn) throw invalid(`lifecycleHooks[${i}].roleArn is required for a Lambda hook.`);
    const stages = strings(hook, 'lifecycleStages');
    if (stages.length === 0)
      throw invalid(`lifecycleHooks[${i}].lifecycleStages must name at least one stage.`);
    for (const stage of stages) {
      if (!(ECS_NATIVE_HOOK_STAGES as readonly string[]).includes(stage))
        throw invalid(`lifecycleHooks[${i}].lifecycleStages: ${stage} is not a lifecycle hook stage.`);
    }
    const timeout = struct(hook, 'timeoutConfiguration');
    const minutes = timeout ? num(timeout, 'timeoutInMinutes') : undefined;
    if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 20_160))
      throw invalid(`lifecycleHooks[${i}].timeoutConfiguration.timeoutInMinutes must be from 1 to 20160.`);
    const action = timeout ? str(timeout, 'action') : undefined;
    if (action !== undefined && action !== 'ROLLBACK' && action !== 'CONTINUE')
      throw invalid(`lifecycleHooks[${i}].timeoutConfiguration.action must be ROLLBACK or CONTINUE.`);
    return {
      hookId: randomUUID(),
      targetType: 'AWS_LAMBDA',
      hookTargetArn,
      roleArn,
      lifecycleStages: stages as EcsNativeStage[],
      ...(hook.hookDetails !== undefined && hook.hookDetails !== null && { hookDetails: hook.hookDetails }),
      ...(timeout && {
        timeoutConfiguration: {
          ...(minutes !== undefined && { timeoutInMinutes: minutes }),
          ...(action !== undefined && { action }),
        },
      }),
    } satisfies WireHook;
  });
}

/** What the hooks of one service deployment need. */
export interface HookWiring {
  /** Invokes a Lambda function (RequestResponse) through the local Lambda. */
  readonly invoke: (functionArn: string, event: unknown) => Promise<RunOutcome>;
  /** A function's own timeout, real milliseconds. */
  readonly functionTimeoutMs: number;
  /** Now, and real milliseconds for an amount of service time (for `expiresAt`). */
  readonly now: () => number;
  readonly scaled: (serviceMs: number) => number;
  /** The hook details of the stage running now (DescribeServiceDeployments' `lifecycleHookDetails`). */
  readonly details: HookDetail[];
}

/** A Lambda answer as the hook's return value; a function error as a thrown error. */
function answerOf(outcome: RunOutcome, arn: string): unknown {
  if (!outcome.ok) {
    let message = outcome.payload;
    try {
      message = String((JSON.parse(outcome.payload) as { errorMessage?: unknown }).errorMessage ?? message);
    } catch {
      // not JSON: the raw payload is the message
    }
    throw new Error(`${arn}: ${outcome.errorType}: ${message}`);
  }
  return outcome.payload === '' ? undefined : (JSON.parse(outcome.payload) as unknown);
}

/**
 * The engine hooks for these wire hooks: per stage, one engine hook that invokes every Lambda configured
 * for the stage with its own `hookDetails`, until each has answered SUCCEEDED. The stage fails when any
 * answers FAILED, answers something invalid or errors; it is re-invoked (for those not yet done) while any
 * answers IN_PROGRESS, after the shortest `callBackDelay` asked. With several hooks on one stage, the
 * shortest timeout applies, and ROLLBACK wins over CONTINUE.
 */
export function engineHooks(
  hooks: readonly WireHook[],
  wiring: HookWiring,
): Partial<Record<EcsNativeStage, EcsNativeHookConfig>> {
  const out: Partial<Record<EcsNativeStage, EcsNativeHookConfig>> = {};
  for (const stage of ECS_NATIVE_HOOK_STAGES) {
    const mine = hooks.filter((h) => h.lifecycleStages.includes(stage));
    if (mine.length === 0) continue;
    const minutes = Math.min(
      ...mine.map((h) => h.timeoutConfiguration?.timeoutInMinutes ?? DEFAULT_TIMEOUT_MINUTES),
    );
    const action = mine.some((h) => (h.timeoutConfiguration?.action ?? 'ROLLBACK') === 'ROLLBACK')
      ? 'ROLLBACK'
      : 'CONTINUE';
    // Per stage run (one executionId): which hooks are done, and the hookDetails each asked to get back.
    let execution: string | undefined;
    const done = new Set<string>();
    const carried = new Map<string, Record<string, unknown>>();
    const handler = async (event: Parameters<EcsNativeHookConfig['handler']>[0]) => {
      if (event.executionId !== execution) {
        execution = event.executionId;
        done.clear();
        carried.clear();
        const expiresAt = new Date(wiring.now() + wiring.scaled(minutes * 60_000));
        wiring.details.length = 0;
        for (const h of mine) {
          wiring.details.push({
            hookId: h.hookId,
            targetType: 'AWS_LAMBDA',
            targetArn: h.hookTargetArn,
            status: 'IN_PROGRESS',
            expiresAt,
            timeoutAction: h.timeoutConfiguration?.action ?? 'ROLLBACK',
          });
        }
      }
      const detail = (h: WireHook) => wiring.details.find((d) => d.hookId === h.hookId);
      let delay: number | undefined;
      for (const h of mine) {
        if (done.has(h.hookId)) continue;
        const details =
          typeof h.hookDetails === 'object' && h.hookDetails !== null && !Array.isArray(h.hookDetails)
            ? { ...(h.hookDetails as Record<string, unknown>), ...carried.get(h.hookId) }
            : carried.get(h.hookId);
        const { hookDetails: _, ...rest } = event;
        const own = details && Object.keys(details).length > 0 ? { ...rest, hookDetails: details } : rest;
        let answer: unknown;
        try {
          answer = answerOf(await wiring.invoke(h.hookTargetArn, own), h.hookTargetArn);
        } catch (error) {
          const d = detail(h);
          if (d) d.status = 'FAILED';
          throw error;
        }
        const parsed = parseResponse(answer);
        if (!parsed.ok || parsed.hookStatus === 'FAILED') {
          const d = detail(h);
          if (d) d.status = 'FAILED';
          return answer;
        }
        if (parsed.hookStatus === 'SUCCEEDED') {
          done.add(h.hookId);
          const d = detail(h);
          if (d) d.status = 'SUCCEEDED';
          continue;
        }
        if (parsed.hookDetails) carried.set(h.hookId, parsed.hookDetails);
        delay = Math.min(delay ?? Number.POSITIVE_INFINITY, parsed.callBackDelay);
      }
      return delay === undefined
        ? { hookStatus: 'SUCCEEDED' }
        : { hookStatus: 'IN_PROGRESS', callBackDelay: delay };
    };
    Object.defineProperty(handler, 'name', {
      value: mine.map((h) => h.hookTargetArn.split(':')[6]).join('+'),
    });
    out[stage] = {
      handler,
      timeoutInMinutes: minutes,
      timeoutAction: action,
      functionTimeoutMs: wiring.functionTimeoutMs * mine.length + 1_000,
    };
  }
  return out;
}
