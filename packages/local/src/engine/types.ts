/** Lifecycle event status, as the model spells it. */
export type LifecycleEventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';
/** Deployment status, as the model spells it. */
export type DeploymentStatus =
  | 'Created'
  | 'Queued'
  | 'InProgress'
  | 'Baking'
  | 'Succeeded'
  | 'Failed'
  | 'Stopped'
  | 'Ready';
/** Target status, as the model spells it. */
export type TargetStatus = LifecycleEventStatus | 'Ready';

/** Lifecycle event diagnostics, as GetDeploymentTarget shows them. */
export interface Diagnostics {
  readonly errorCode:
    | 'Success'
    | 'ScriptMissing'
    | 'ScriptNotExecutable'
    | 'ScriptTimedOut'
    | 'ScriptFailed'
    | 'UnknownError';
  readonly scriptName?: string;
  readonly message: string;
  readonly logTail?: string;
}

/** A deployment's error information (`code` is a model `ErrorCode`). */
export interface ErrorInformation {
  readonly code: string;
  readonly message: string;
}

/** One lifecycle event on the deployment's timeline. */
export interface TimelineEntry {
  readonly lifecycleEvent: string;
  readonly status: LifecycleEventStatus;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly diagnostics?: Diagnostics;
  /** The hook function's name, when the event has a hook. */
  readonly hookFunction?: string;
  /**
   * Why the hook failed, when it said: the last invocation error (what the handler threw, or how the runtime
   * ended it), or the `reason` of the `HookResult` a handler returned with status Failed.
   */
  readonly hookReason?: string;
  /** How many times the hook was invoked (1 + retries so far). */
  readonly attempts: number;
}

/** How a deployment ended. */
export interface DeploymentOutcome {
  readonly status: 'Succeeded' | 'Failed' | 'Stopped';
  readonly errorInformation?: ErrorInformation;
  /** The rollback deployment's id, when auto-rollback ran. */
  readonly rollbackDeploymentId?: string;
  /** How the rollback deployment ended (the `done` promise waits for it). */
  readonly rollbackStatus?: 'Succeeded' | 'Failed' | 'Stopped';
}

/** A live update from a deployment, for timelines (the CLI) and tests. */
export type DeploymentEvent =
  | {
      readonly type: 'status';
      readonly deploymentId: string;
      readonly status: DeploymentStatus;
      readonly at: Date;
    }
  | {
      readonly type: 'lifecycle';
      readonly deploymentId: string;
      readonly entry: TimelineEntry;
      readonly at: Date;
    }
  | {
      readonly type: 'invocation';
      readonly deploymentId: string;
      readonly lifecycleEvent: string;
      readonly attempt: number;
      readonly result: 'started' | 'returned' | 'error';
      readonly error?: string;
      readonly at: Date;
    }
  | {
      readonly type: 'report';
      readonly deploymentId: string;
      readonly lifecycleEvent: string;
      readonly status: string;
      readonly outcome: string;
      readonly at: Date;
    }
  | {
      readonly type: 'traffic';
      readonly deploymentId: string;
      /** Percentage of production traffic on the target version / replacement task set. */
      readonly targetWeight: number;
      /** For ECS: which listener moved. */
      readonly listener?: 'production' | 'test';
      readonly at: Date;
    }
  | {
      readonly type: 'outcome';
      readonly deploymentId: string;
      readonly outcome: DeploymentOutcome;
      readonly at: Date;
    };

/** A pending hook event for a `manual` runner. */
export interface PendingHookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
  readonly lifecycleEvent: string;
}

/** One PutLifecycleEventHookExecutionStatus call the server received. */
export interface HookReport {
  readonly deploymentId: string | undefined;
  readonly lifecycleEventHookExecutionId: string | undefined;
  readonly status: string | undefined;
  /** `accepted`, or the AWS error name answered. */
  readonly outcome: string;
  readonly at: Date;
}
