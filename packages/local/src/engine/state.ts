import type { HookStatus } from '@greenlight/contract';
import type { HookRunner, LambdaHandler } from '../runners/types.js';
import type { EcsAppSpec, LambdaAppSpec, ServerAppSpec } from './appspec.js';
import type { TrafficRouting } from './configs.js';
import type { DeploymentHandle } from './handle.js';
import { type ComputePlatform, type DeploymentGroupRecord, RegionState } from './region-state.js';
import type {
  DeploymentStatus,
  Diagnostics,
  ErrorInformation,
  LifecycleEventStatus,
  TargetStatus,
} from './types.js';

/** One lifecycle event of a deployment target (mutable engine state; the timeline is a copy). */
export interface LifecycleEventState {
  readonly lifecycleEventName: string;
  status: LifecycleEventStatus;
  startTime?: number;
  endTime?: number;
  diagnostics?: Diagnostics;
  hookFunction?: string;
  hookReason?: string;
  /** The last invocation's output, when its runner captured it. */
  hookLogTail?: string;
  attempts: number;
}

/** An ECS task set as the deployment target shows it. */
export interface TaskSetState {
  readonly identifer: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  trafficWeight: number;
  readonly targetGroup: string;
  readonly taskSetLabel: 'Blue' | 'Green';
  readonly taskDefinition: string;
  /** The container the load balancer routes to (the AppSpec's `LoadBalancerInfo`), when known. */
  readonly container?: { readonly name: string; readonly port: number };
}

/** A deployment's single target: a Lambda function alias or an ECS service (none for EC2/on-premises). */
export interface TargetState {
  readonly targetId: string;
  readonly targetArn: string;
  status: TargetStatus;
  lastUpdatedAt: number;
  readonly lifecycleEvents: LifecycleEventState[];
  readonly lambda?: {
    functionName: string;
    functionAlias: string;
    currentVersion: string;
    targetVersion: string;
    targetVersionWeight: number;
  };
  readonly ecs?: {
    cluster: string;
    service: string;
    taskSets: TaskSetState[];
    targetGroups: readonly [string, string];
    testListener: boolean;
  };
}

/** A deployment. */
export interface DeploymentRecord {
  readonly deploymentId: string;
  /** The region the deployment belongs to (the one its CreateDeployment was signed for). */
  readonly region: string;
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly deploymentConfigName: string;
  readonly computePlatform: ComputePlatform;
  readonly creator: 'user' | 'codeDeployRollback';
  readonly description: string | undefined;
  readonly revision: Readonly<Record<string, unknown>>;
  readonly appSpec: LambdaAppSpec | EcsAppSpec | ServerAppSpec;
  /** How traffic moves (Lambda and ECS; none for EC2/on-premises). */
  readonly routing: TrafficRouting | undefined;
  /** The deployment group (the record itself, so renames and deletes do not lose it). */
  readonly group: DeploymentGroupRecord | undefined;
  /** DeploymentInfo members the engine only shows (deploymentStyle, loadBalancerInfo, fileExistsBehavior, …). */
  readonly info: Readonly<Record<string, unknown>>;
  readonly autoRollback: { readonly enabled: boolean; readonly events: readonly string[] };
  readonly alarms: readonly string[];
  readonly createTime: number;
  status: DeploymentStatus;
  startTime?: number;
  completeTime?: number;
  errorInformation?: ErrorInformation;
  rollbackInfo?: {
    rollbackDeploymentId?: string;
    rollbackTriggeringDeploymentId?: string;
    rollbackMessage?: string;
  };
  readonly target: TargetState;
  readonly handle: DeploymentHandle;
  /** Aborted by StopDeployment (and close). */
  readonly abort: AbortController;
  /** Resolvers for ContinueDeployment, by wait type. */
  readonly waits: Map<'READY_WAIT' | 'TERMINATION_WAIT', () => void>;
  /** Hook invocations still running (including retries after the event completed). */
  readonly invocations: Set<Promise<void>>;
  /** Hook invocations in flight right now (a handler running, a hook process alive); `done` waits for them. */
  readonly inflight: Set<Promise<void>>;
  /** A StopDeployment asked for a rollback that has not been created yet: the group stays busy. */
  rollbackPending?: boolean;
  /** Whether the wait before the original (blue) task set is terminated has started. */
  terminationWaitStarted: boolean;
  /** SkipWaitTimeForInstanceTermination was called: terminate as soon as traffic has moved. */
  skipTerminationWait: boolean;
  readonly options: {
    readonly readyWaitMinutes?: number;
    readonly readyTimeoutAction?: string;
    readonly terminationWaitMinutes?: number;
  };
}

/** A hook execution: one lifecycle event's wait for PutLifecycleEventHookExecutionStatus. */
export interface HookExecution {
  readonly id: string;
  readonly deploymentId: string;
  readonly lifecycleEvent: string;
  completed: boolean;
  /** Called by the report path with `Succeeded` or `Failed`, once. */
  readonly settle: (status: HookStatus) => void;
}

/** A simulated Lambda function (for the Lambda Invoke slice): versions and aliases with weights. */
export interface SimulatedFunction {
  readonly functionName: string;
  /** Version → the handler code (undefined when only the number is known). */
  readonly versions: Map<string, LambdaHandler | undefined>;
  /** Alias → its version and routing config (`additionalVersionWeights`, fractions 0..1 as Lambda has them). */
  readonly aliases: Map<string, { version: string; additionalVersionWeights: Record<string, number> }>;
}

/** A simulated ECS service (for the ECS slice): task sets and target groups from ECS deployments. */
export interface SimulatedEcsService {
  readonly cluster: string;
  readonly service: string;
  taskSets: TaskSetState[];
  readonly targetGroups: readonly [string, string];
  /** Which target group each listener routes to. */
  productionTargetGroup: string;
  testTargetGroup: string | undefined;
}

/** Everything the engine knows. Other service slices read it (see `ReadonlyEngineState`). */
export class EngineState {
  /** CodeDeploy's resources, per region (see {@link EngineState.region}). */
  readonly regions = new Map<string, RegionState>();
  /** Every deployment by id (ids are unique across regions; each record names its region). */
  readonly deployments = new Map<string, DeploymentRecord>();
  readonly executions = new Map<string, HookExecution>();
  /** Hook functions by name, as AppSpecs refer to them. */
  readonly hookFunctions = new Map<string, HookRunner>();
  readonly lambdaFunctions = new Map<string, SimulatedFunction>();
  readonly ecsServices = new Map<string, SimulatedEcsService>();
  /** CloudWatch alarm states (a CloudWatch slice may set them); `ALARM` during traffic shifting stops a deployment. */
  readonly alarms = new Map<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>();

  /** The resources of `region` (created empty on first use). */
  region(region: string): RegionState {
    let regional = this.regions.get(region);
    if (!regional) {
      regional = new RegionState(region);
      this.regions.set(region, regional);
    }
    return regional;
  }

  lambdaFunction(name: string): SimulatedFunction {
    let fn = this.lambdaFunctions.get(name);
    if (!fn) {
      fn = { functionName: name, versions: new Map(), aliases: new Map() };
      this.lambdaFunctions.set(name, fn);
    }
    return fn;
  }
}

/** The read-only view of the engine's state that service slices and tests get. */
export interface ReadonlyEngineState {
  readonly lambdaFunctions: ReadonlyMap<string, Readonly<SimulatedFunction>>;
  readonly ecsServices: ReadonlyMap<string, Readonly<SimulatedEcsService>>;
  readonly alarms: ReadonlyMap<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>;
  readonly hookFunctions: ReadonlyMap<string, HookRunner>;
}
