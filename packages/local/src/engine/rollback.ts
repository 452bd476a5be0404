import type { EcsAppSpec, LambdaAppSpec, ServerAppSpec } from './appspec.js';
import { DEPLOYMENT_CONFIGS } from './configs.js';
import type { DeploymentRecord, TargetState } from './state.js';

/** What a new deployment needs (the engine adds ids, handle and run state). */
export type DeploymentSpec = Omit<
  DeploymentRecord,
  | 'deploymentId'
  | 'createTime'
  | 'status'
  | 'handle'
  | 'abort'
  | 'waits'
  | 'invocations'
  | 'inflight'
  | 'rollbackPending'
  | 'terminationWaitStarted'
  | 'skipTerminationWait'
>;

/**
 * The spec of the rollback of `failed`: same application and group, all at once, no hooks, the versions
 * (or task sets) swapped back, `creator: codeDeployRollback` and `rollbackInfo` naming `failed`.
 */
export function rollbackSpec(failed: DeploymentRecord): DeploymentSpec {
  const appSpec: LambdaAppSpec | EcsAppSpec | ServerAppSpec =
    failed.appSpec.kind === 'Lambda'
      ? {
          ...failed.appSpec,
          currentVersion: failed.appSpec.targetVersion,
          targetVersion: failed.appSpec.currentVersion,
          hooks: {},
        }
      : { ...failed.appSpec, hooks: {} };
  const target: TargetState = {
    ...failed.target,
    status: 'Pending',
    lifecycleEvents: failed.target.lifecycleEvents.map((e) => ({
      lifecycleEventName: e.lifecycleEventName,
      status: 'Pending',
      attempts: 0,
    })),
    ...(failed.target.lambda
      ? {
          lambda: {
            ...failed.target.lambda,
            currentVersion: failed.target.lambda.targetVersion,
            targetVersion: failed.target.lambda.currentVersion,
            targetVersionWeight: 0,
          },
        }
      : {}),
    ...(failed.target.ecs
      ? { ecs: { ...failed.target.ecs, taskSets: [...failed.target.ecs.taskSets] } }
      : {}),
  };
  const deploymentConfigName =
    failed.computePlatform === 'Lambda'
      ? 'CodeDeployDefault.LambdaAllAtOnce'
      : 'CodeDeployDefault.ECSAllAtOnce';
  return {
    region: failed.region,
    applicationName: failed.applicationName,
    deploymentGroupName: failed.deploymentGroupName,
    deploymentConfigName,
    routing: DEPLOYMENT_CONFIGS[deploymentConfigName],
    group: failed.group,
    info: { ...failed.info, previousRevision: failed.revision },
    computePlatform: failed.computePlatform,
    creator: 'codeDeployRollback',
    description: `Rollback of ${failed.deploymentId}`,
    revision: failed.revision,
    appSpec,
    autoRollback: { enabled: false, events: [] },
    alarms: [],
    options: {},
    target,
    rollbackInfo: {
      rollbackTriggeringDeploymentId: failed.deploymentId,
      rollbackMessage: `Deployment ${failed.deploymentId} was rolled back by this deployment.`,
    },
  };
}
