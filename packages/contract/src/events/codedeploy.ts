/**
 * What CodeDeploy sends a lifecycle hook: two IDs and nothing else.
 *
 * @example
 * const event: CodeDeployHookEvent = { DeploymentId: 'd-75I7MBT7C', LifecycleEventHookExecutionId: 'eyJl...' };
 */
export interface CodeDeployHookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

/**
 * The two statuses a CodeDeploy hook may report (`PutLifecycleEventHookExecutionStatus`).
 *
 * @example
 * const status: HookStatus = failed.length > 0 ? 'Failed' : 'Succeeded';
 */
export type HookStatus = 'Succeeded' | 'Failed';
