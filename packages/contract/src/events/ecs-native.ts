import type { EcsLifecycleStage } from '../lifecycle/ecs-native.js';

/**
 * What Amazon ECS sends a deployment lifecycle hook (ECS developer guide, "Lambda hooks for Amazon ECS
 * service deployments").
 *
 * @example
 * const event: EcsHookEvent = {
 *   executionId: 'f4fcae0f-9bec-41c6-ba87-0eaa0cef8af5',
 *   lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
 *   resourceArn: 'arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/EZe5RNVLH6PPzHXINuP28',
 *   executionDetails: {
 *     serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service',
 *     targetServiceRevisionArn: 'arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/9313423515462893900',
 *     testTrafficWeights: {},
 *     productionTrafficWeights: {},
 *   },
 * };
 */
export interface EcsHookEvent {
  readonly executionId: string;
  readonly lifecycleStage: EcsLifecycleStage;
  /** The service deployment's ARN. */
  readonly resourceArn: string;
  readonly executionDetails: {
    readonly serviceArn: string;
    readonly targetServiceRevisionArn: string;
    /** Service revision ARN → percentage of test traffic. */
    readonly testTrafficWeights: Readonly<Record<string, number>>;
    /** Service revision ARN → percentage of production traffic. */
    readonly productionTrafficWeights: Readonly<Record<string, number>>;
  };
  /** From the service's hook configuration, plus what the previous IN_PROGRESS answer returned. */
  readonly hookDetails?: Readonly<Record<string, unknown>>;
}

/**
 * The statuses an ECS native hook may answer with. Anything else (or no answer) makes ECS roll back.
 *
 * @example
 * ECS_HOOK_STATUSES.includes(response.hookStatus); // a valid answer
 */
export const ECS_HOOK_STATUSES = /* @__PURE__ */ Object.freeze([
  'SUCCEEDED',
  'FAILED',
  'IN_PROGRESS',
] as const);

/**
 * One of {@link ECS_HOOK_STATUSES}: `IN_PROGRESS` makes ECS invoke the hook again after `callBackDelay`.
 *
 * @example
 * const status: EcsHookStatus = ready ? 'SUCCEEDED' : 'IN_PROGRESS';
 */
export type EcsHookStatus = (typeof ECS_HOOK_STATUSES)[number];

/**
 * Whether `value` is one of the statuses an ECS native hook may answer with.
 *
 * @example
 * isEcsHookStatus('IN_PROGRESS'); // true
 * isEcsHookStatus('Succeeded'); // false (a CodeDeploy status)
 */
export function isEcsHookStatus(value: unknown): value is EcsHookStatus {
  return typeof value === 'string' && (ECS_HOOK_STATUSES as readonly string[]).includes(value);
}

/**
 * What an ECS native hook returns. A missing or invalid `hookStatus` makes ECS roll back.
 *
 * @example
 * const wait: EcsHookResponse = { hookStatus: 'IN_PROGRESS', callBackDelay: 30, hookDetails: { attempt: 2 } };
 */
export interface EcsHookResponse {
  readonly hookStatus: EcsHookStatus;
  /** Seconds until ECS invokes the hook again (with IN_PROGRESS). */
  readonly callBackDelay?: number;
  /** Passed back to the next invocation of this hook in this deployment. */
  readonly hookDetails?: Record<string, unknown>;
}
