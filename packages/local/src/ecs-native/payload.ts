import { type EcsHookStatus, isEcsHookStatus } from '@greenlight/contract';
import type { EcsNativeHookEvent, EcsNativeStage } from './types.js';

/** The ARNs of one simulated service deployment. */
export interface EcsNativeArns {
  readonly serviceArn: string;
  readonly resourceArn: string;
  readonly blue: string;
  readonly green: string;
}

/**
 * The traffic weights ECS puts in each stage's payload (ECS developer guide, "Lifecycle payloads"): test
 * traffic appears only at TEST_TRAFFIC_SHIFT, production traffic only around PRODUCTION_TRAFFIC_SHIFT; during a
 * rollback the traffic-shift stages show the weights moving back to blue. For a service's first deployment
 * (`initial`) there is no source revision: the weights name the target revision only.
 */
export function weightsFor(
  stage: EcsNativeStage,
  arns: EcsNativeArns,
  rollback: boolean,
  initial = false,
): Pick<EcsNativeHookEvent['executionDetails'], 'testTrafficWeights' | 'productionTrafficWeights'> {
  const { green, blue } = arns;
  const toGreen = initial ? { [green]: 100 } : { [green]: 100, [blue]: 0 };
  const toBlue = initial ? { [green]: 0 } : { [green]: 0, [blue]: 100 };
  switch (stage) {
    case 'TEST_TRAFFIC_SHIFT':
      return { testTrafficWeights: rollback ? toBlue : toGreen, productionTrafficWeights: {} };
    case 'PRE_PRODUCTION_TRAFFIC_SHIFT':
      return { testTrafficWeights: {}, productionTrafficWeights: toBlue };
    case 'PRODUCTION_TRAFFIC_SHIFT':
      return { testTrafficWeights: {}, productionTrafficWeights: rollback ? toBlue : toGreen };
    default:
      return { testTrafficWeights: {}, productionTrafficWeights: {} };
  }
}

/** The event one invocation receives. */
export function hookEvent(
  stage: EcsNativeStage,
  arns: EcsNativeArns,
  executionId: string,
  rollback: boolean,
  hookDetails: Record<string, unknown> | undefined,
  initial = false,
): EcsNativeHookEvent {
  return {
    executionId,
    lifecycleStage: stage,
    resourceArn: arns.resourceArn,
    executionDetails: {
      serviceArn: arns.serviceArn,
      targetServiceRevisionArn: arns.green,
      ...weightsFor(stage, arns, rollback, initial),
    },
    ...(hookDetails && Object.keys(hookDetails).length > 0 && { hookDetails }),
  };
}

/** What ECS accepts back: a hookStatus, an optional positive callBackDelay, optional hookDetails. */
export type ParsedResponse =
  | {
      readonly ok: true;
      readonly hookStatus: EcsHookStatus;
      readonly callBackDelay: number;
      readonly hookDetails?: Record<string, unknown>;
    }
  | { readonly ok: false; readonly reason: string };

/** Validates a hook's answer as ECS would: anything without a valid hookStatus rolls the deployment back. */
export function parseResponse(value: unknown): ParsedResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      reason: `the hook returned ${value === undefined ? 'nothing' : JSON.stringify(value)}, not an object with hookStatus`,
    };
  }
  const r = value as Record<string, unknown>;
  if (!isEcsHookStatus(r.hookStatus)) {
    return { ok: false, reason: `invalid hookStatus ${JSON.stringify(r.hookStatus)}` };
  }
  const delay = r.callBackDelay ?? 30;
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0) {
    return { ok: false, reason: `invalid callBackDelay ${JSON.stringify(r.callBackDelay)}` };
  }
  const details = r.hookDetails;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) {
    return { ok: false, reason: 'invalid hookDetails: not an object' };
  }
  return {
    ok: true,
    hookStatus: r.hookStatus,
    callBackDelay: delay,
    ...(details !== undefined && { hookDetails: details as Record<string, unknown> }),
  };
}
