import { defaultDeploymentStyle } from '../../engine/create-request.js';
import type { DeploymentGroupRecord, GroupDeploymentSummary } from '../../engine/region-state.js';
import { compact, list, seconds } from '../values.js';

function summary(info: GroupDeploymentSummary | undefined): Record<string, unknown> | undefined {
  if (!info) return undefined;
  return compact({
    deploymentId: info.deploymentId,
    status: info.status,
    endTime: seconds(info.endTime),
    createTime: seconds(info.createTime),
  });
}

/** Members shown as stored. */
const STORED = [
  'serviceRoleArn',
  'alarmConfiguration',
  'autoRollbackConfiguration',
  'blueGreenDeploymentConfiguration',
  'loadBalancerInfo',
  'ec2TagSet',
  'onPremisesTagSet',
  'ecsServices',
] as const;

/** A `DeploymentGroupInfo`: the stored members, AWS's defaults for the rest, and the deployments it ran. */
export function deploymentGroupInfo(group: DeploymentGroupRecord): Record<string, unknown> {
  const input = group.input;
  const stored: Record<string, unknown> = {};
  for (const key of STORED) if (input[key] !== undefined) stored[key] = input[key];
  return compact({
    applicationName: group.applicationName,
    deploymentGroupId: group.deploymentGroupId,
    deploymentGroupName: group.deploymentGroupName,
    deploymentConfigName: group.deploymentConfigName,
    ec2TagFilters: list(input.ec2TagFilters),
    onPremisesInstanceTagFilters: list(input.onPremisesInstanceTagFilters),
    autoScalingGroups: list<string>(input.autoScalingGroups).map((name) => ({ name })),
    triggerConfigurations: list(input.triggerConfigurations),
    ...stored,
    targetRevision: group.targetRevision,
    deploymentStyle: input.deploymentStyle ?? defaultDeploymentStyle(group.computePlatform),
    outdatedInstancesStrategy: input.outdatedInstancesStrategy ?? 'UPDATE',
    lastSuccessfulDeployment: summary(group.lastSuccessfulDeployment),
    lastAttemptedDeployment: summary(group.lastAttemptedDeployment),
    computePlatform: group.computePlatform,
    terminationHookEnabled: input.terminationHookEnabled ?? false,
  });
}
