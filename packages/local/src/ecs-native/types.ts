import type { Clock, EcsHookEvent, EcsLifecycleStage, EcsNativeLifecycleStep } from '@greenlight/contract';
import type { DeploymentOutcome } from '../engine/types.js';
import type { LambdaLikeContext } from '../runners/types.js';
import type { EcsNativeArns } from './payload.js';

// The stages, steps and event of an ECS native deployment are the contract's (one definition, shared with
// core's createEcsHook and the CDK construct); local names them as it always has.
export { ECS_LIFECYCLE_STAGES as ECS_NATIVE_HOOK_STAGES } from '@greenlight/contract';

/**
 * One of the eight stages at which an Amazon ECS native deployment invokes a hook: `EcsLifecycleStage` of
 * `@greenlight/contract`.
 *
 * @example
 * ```ts
 * const stage: EcsNativeStage = 'POST_TEST_TRAFFIC_SHIFT';
 * ```
 */
export type EcsNativeStage = EcsLifecycleStage;

/**
 * A step of a deployment: a hook stage, or one of ECS's own steps between them (`EcsNativeLifecycleStep` of
 * `@greenlight/contract`).
 *
 * @example
 * ```ts
 * const step: EcsNativeStep | undefined = deployment.lifecycleStage; // e.g. 'BAKE_TIME'
 * ```
 */
export type EcsNativeStep = EcsNativeLifecycleStep;

/**
 * The payload ECS sends a lifecycle hook (ECS developer guide, "Lambda hooks for Amazon ECS service
 * deployments"): `EcsHookEvent` of `@greenlight/contract`, the type `createEcsHook` handlers take.
 *
 * @example
 * ```ts
 * const handler = (event: EcsNativeHookEvent) => ({ hookStatus: event.hookDetails ? 'SUCCEEDED' : 'FAILED' });
 * ```
 */
export type EcsNativeHookEvent = EcsHookEvent;

/** A hook: what a Lambda handler is. ECS reads its return value. */
export type EcsNativeHandler = (event: EcsNativeHookEvent, context: LambdaLikeContext) => unknown;

/** A hook with the service's lifecycle-hook configuration. */
export interface EcsNativeHookConfig {
  readonly handler: EcsNativeHandler;
  /** Passed to every invocation (the service definition's `hookDetails`). */
  readonly hookDetails?: Record<string, unknown>;
  /** `timeoutConfiguration.timeoutInMinutes`: 1 to 1,440. @default 1440 */
  readonly timeoutInMinutes?: number;
  /** `timeoutConfiguration.action`. @default 'ROLLBACK' */
  readonly timeoutAction?: 'ROLLBACK' | 'CONTINUE';
  /** The function's own timeout (real milliseconds) for its Lambda-like context. @default 60000 */
  readonly functionTimeoutMs?: number;
}

/** What {@link simulateEcsNativeDeployment} takes. */
export interface EcsNativeDeploymentOptions {
  /** @default 'default' */
  readonly cluster?: string;
  readonly service: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** One hook per stage at most (a function, or a function with its configuration). */
  readonly hooks?: Partial<Record<EcsNativeStage, EcsNativeHandler | EcsNativeHookConfig>>;
  /** The service's first deployment: no source revision, so the payload weights name the target only. @default false */
  readonly initial?: boolean;
  /** Run RECONCILE_SERVICE (ECS does only when more than one revision is active). @default false */
  readonly reconcile?: boolean;
  /** Service time spent scaling up and cleaning up, per step (and baking, unless `bakeTimeMs`). @default 60000 */
  readonly stepMs?: number;
  /** Service time of BAKE_TIME (the service's `bakeTimeInMinutes`). @default stepMs */
  readonly bakeTimeMs?: number;
  /**
   * The ARNs to use (service, service deployment as `resourceArn`, source revision as `blue`, target
   * revision as `green`), e.g. a service's real revisions. @default generated for `cluster` and `service`
   */
  readonly arns?: Partial<EcsNativeArns>;
  /** 1 = real time, 0 = no waiting. @default 1 */
  readonly timeScale?: number;
  readonly clock?: Clock;
}

/** The service deployment statuses ECS reports (DescribeServiceDeployments). */
export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOP_REQUESTED'
  | 'STOPPED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

/** How an ECS native deployment ended: the CLI's outcome shape, plus the ECS status. */
export interface EcsNativeOutcome extends DeploymentOutcome {
  readonly serviceDeploymentStatus: ServiceDeploymentStatus;
}

/** One invocation of a hook and what it answered. */
export interface EcsNativeInvocation {
  readonly stage: EcsNativeStage;
  readonly rollback: boolean;
  readonly event: EcsNativeHookEvent;
  readonly response?: unknown;
  readonly error?: string;
  readonly at: Date;
}
