import type { DeploymentGroupRecord, DeploymentRecord, LifecycleEventState } from '../engine/state.js';

/** Epoch milliseconds → epoch seconds, as awsJson1_1 sends timestamps. */
export const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;

/** Drops `undefined` members so the JSON has only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** A `DeploymentInfo` for GetDeployment / BatchGetDeployments. */
export function deploymentInfo(dep: DeploymentRecord): Record<string, unknown> {
  const status = dep.target.status;
  const overview = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  if (status in overview) overview[status as keyof typeof overview] = 1;
  return compact({
    applicationName: dep.applicationName,
    deploymentGroupName: dep.deploymentGroupName,
    deploymentConfigName: dep.deploymentConfigName,
    deploymentId: dep.deploymentId,
    revision: dep.revision,
    status: dep.status,
    errorInformation: dep.errorInformation,
    createTime: seconds(dep.createTime),
    startTime: seconds(dep.startTime),
    completeTime: seconds(dep.completeTime),
    deploymentOverview: overview,
    description: dep.description,
    creator: dep.creator,
    ignoreApplicationStopFailures: false,
    autoRollbackConfiguration: { enabled: dep.autoRollback.enabled, events: [...dep.autoRollback.events] },
    updateOutdatedInstancesOnly: false,
    rollbackInfo: dep.rollbackInfo ? compact({ ...dep.rollbackInfo }) : undefined,
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    instanceTerminationWaitTimeStarted: false,
    deploymentStatusMessages: [],
    computePlatform: dep.computePlatform,
  });
}

function lifecycleEvent(ev: LifecycleEventState): Record<string, unknown> {
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

function lastDeployment(
  info: DeploymentGroupRecord['lastAttemptedDeployment'],
): Record<string, unknown> | undefined {
  if (!info) return undefined;
  return compact({
    deploymentId: info.deploymentId,
    status: info.status,
    endTime: seconds(info.endTime),
    createTime: seconds(info.createTime),
  });
}

const GROUP_MEMBERS = [
  'ec2TagFilters',
  'onPremisesInstanceTagFilters',
  'serviceRoleArn',
  'triggerConfigurations',
  'alarmConfiguration',
  'autoRollbackConfiguration',
  'deploymentStyle',
  'outdatedInstancesStrategy',
  'blueGreenDeploymentConfiguration',
  'loadBalancerInfo',
  'ec2TagSet',
  'onPremisesTagSet',
  'ecsServices',
  'terminationHookEnabled',
] as const;

/** A `DeploymentGroupInfo` for GetDeploymentGroup. */
export function deploymentGroupInfo(group: DeploymentGroupRecord): Record<string, unknown> {
  const copied: Record<string, unknown> = {};
  for (const key of GROUP_MEMBERS) if (group.input[key] !== undefined) copied[key] = group.input[key];
  const autoScalingGroups = Array.isArray(group.input.autoScalingGroups)
    ? group.input.autoScalingGroups.map((name) => ({ name }))
    : undefined;
  return compact({
    applicationName: group.applicationName,
    deploymentGroupId: group.deploymentGroupId,
    deploymentGroupName: group.deploymentGroupName,
    deploymentConfigName: group.deploymentConfigName,
    ...copied,
    autoScalingGroups,
    lastAttemptedDeployment: lastDeployment(group.lastAttemptedDeployment),
    lastSuccessfulDeployment: lastDeployment(group.lastSuccessfulDeployment),
    computePlatform: group.computePlatform,
  });
}
