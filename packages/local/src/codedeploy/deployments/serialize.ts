import type { DeploymentRecord, LifecycleEventState } from '../../engine/state.js';
import { compact, seconds } from '../values.js';

/** A `DeploymentInfo` for GetDeployment / BatchGetDeployments. */
export function deploymentInfo(dep: DeploymentRecord): Record<string, unknown> {
  const overview = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  const status = dep.target.status;
  if (dep.computePlatform !== 'Server' && status in overview) overview[status as keyof typeof overview] = 1;
  const info = dep.info;
  return compact({
    applicationName: dep.applicationName,
    deploymentGroupName: dep.deploymentGroupName,
    deploymentConfigName: dep.deploymentConfigName,
    deploymentId: dep.deploymentId,
    previousRevision: info.previousRevision,
    revision: dep.revision,
    status: dep.status,
    errorInformation: dep.errorInformation,
    createTime: seconds(dep.createTime),
    startTime: seconds(dep.startTime),
    completeTime: seconds(dep.completeTime),
    deploymentOverview: overview,
    description: dep.description,
    creator: dep.creator,
    ignoreApplicationStopFailures: info.ignoreApplicationStopFailures,
    autoRollbackConfiguration: { enabled: dep.autoRollback.enabled, events: [...dep.autoRollback.events] },
    updateOutdatedInstancesOnly: info.updateOutdatedInstancesOnly,
    rollbackInfo: dep.rollbackInfo ? compact({ ...dep.rollbackInfo }) : undefined,
    deploymentStyle: info.deploymentStyle,
    targetInstances: info.targetInstances,
    instanceTerminationWaitTimeStarted: dep.terminationWaitStarted,
    blueGreenDeploymentConfiguration: info.blueGreenDeploymentConfiguration,
    loadBalancerInfo: info.loadBalancerInfo,
    fileExistsBehavior: info.fileExistsBehavior,
    deploymentStatusMessages: [],
    computePlatform: dep.computePlatform,
    overrideAlarmConfiguration: info.overrideAlarmConfiguration,
  });
}

/** A `LifecycleEvent`. */
export function lifecycleEvent(ev: LifecycleEventState): Record<string, unknown> {
  return compact({
    lifecycleEventName: ev.lifecycleEventName,
    diagnostics: ev.diagnostics ? compact({ ...ev.diagnostics }) : undefined,
    startTime: seconds(ev.startTime),
    endTime: seconds(ev.endTime),
    status: ev.status,
  });
}

/** A `DeploymentTarget` for GetDeploymentTarget / BatchGetDeploymentTargets. */
export function deploymentTarget(dep: DeploymentRecord): Record<string, unknown> {
  const t = dep.target;
  const common = {
    deploymentId: dep.deploymentId,
    targetId: t.targetId,
    targetArn: t.targetArn,
    status: t.status,
    lastUpdatedAt: seconds(t.lastUpdatedAt),
    lifecycleEvents: t.lifecycleEvents.map(lifecycleEvent),
  };
  if (t.lambda) {
    return {
      deploymentTargetType: 'LambdaTarget',
      lambdaTarget: { ...common, lambdaFunctionInfo: { ...t.lambda } },
    };
  }
  return {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      ...common,
      taskSetsInfo: (t.ecs?.taskSets ?? []).map((s) => ({
        identifer: s.identifer,
        desiredCount: s.desiredCount,
        pendingCount: s.pendingCount,
        runningCount: s.runningCount,
        status: s.status,
        trafficWeight: s.trafficWeight,
        targetGroup: { name: s.targetGroup },
        taskSetLabel: s.taskSetLabel,
      })),
    },
  };
}
