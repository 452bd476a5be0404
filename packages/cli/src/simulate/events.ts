/**
 * The shapes the timeline reads from @greenlight/local's deployment events, restated structurally so the
 * printer can be tested on its own and stays readable. @greenlight/local's `DeploymentEvent` is assignable
 * to {@link TimelineEvent}.
 */

/** One lifecycle event's state, as the local CodeDeploy's timeline has it. */
export interface TimelineEntryLike {
  readonly lifecycleEvent: string;
  readonly status: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly diagnostics?: { readonly errorCode?: string; readonly message?: string };
  readonly hookFunction?: string;
  readonly hookReason?: string;
  readonly attempts: number;
}

/** How a deployment ended. */
export interface OutcomeLike {
  readonly status: string;
  readonly errorInformation?: { readonly code: string; readonly message: string };
  readonly rollbackDeploymentId?: string;
  readonly rollbackStatus?: string;
  /** An ECS native deployment's status: SUCCESSFUL, ROLLBACK_SUCCESSFUL… */
  readonly serviceDeploymentStatus?: string;
}

/** A live event of a deployment. */
export type TimelineEvent =
  | { readonly type: 'status'; readonly deploymentId: string; readonly status: string; readonly at: Date }
  | {
      readonly type: 'lifecycle';
      readonly deploymentId: string;
      readonly entry: TimelineEntryLike;
      readonly at: Date;
    }
  | {
      readonly type: 'invocation';
      readonly deploymentId: string;
      readonly lifecycleEvent: string;
      readonly attempt: number;
      readonly result: string;
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
      readonly targetWeight: number;
      readonly listener?: string;
      readonly at: Date;
    }
  | {
      readonly type: 'outcome';
      readonly deploymentId: string;
      readonly outcome: OutcomeLike;
      readonly at: Date;
    };

/** One check's outcome as a greenlight hook returns it. */
export interface CheckReportLike {
  readonly name: string;
  readonly status: string;
  readonly reason?: string;
  readonly durationMs?: number;
}

/** What one hook invocation returned (or threw), as the bundled wrapper recorded it. */
export interface HookResultLine {
  readonly deploymentId?: string;
  readonly executionId?: string;
  /** Epoch milliseconds when the handler ended. */
  readonly at?: number;
  readonly ok: boolean;
  /** The handler's return value: a greenlight `HookResult` when built with createHook. */
  readonly result?: {
    readonly status?: string;
    readonly reason?: string;
    readonly checks?: readonly CheckReportLike[];
    readonly mode?: string;
  } | null;
  readonly error?: string;
}
