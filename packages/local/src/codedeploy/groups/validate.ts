import { findConfig } from '../../engine/config-catalog.js';
import type { ApplicationRecord, DeploymentGroupRecord, RegionState } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { list, obj, str } from '../values.js';

/** Alarms per deployment group (AWS's current default quota). */
export const MAX_ALARMS = 50;
/** Trigger configurations per deployment group. */
export const MAX_TRIGGERS = 10;
/** Tag groups in an `ec2TagSet` or `onPremisesTagSet`. */
export const MAX_TAG_SETS = 3;

const fail = (type: string, message: string): never => {
  throw new ApiError(type, message);
};

/** An IAM role ARN, the form `serviceRoleArn` takes. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::[^:]*:role\/.+/;

function checkEcs(
  group: Readonly<Record<string, unknown>>,
  regional: RegionState,
  self: DeploymentGroupRecord | undefined,
): void {
  const services = list(group.ecsServices);
  const service = obj(services[0]);
  if (services.length !== 1 || !str(service.serviceName) || !str(service.clusterName)) {
    fail(
      'InvalidECSServiceException',
      'An ECS deployment group needs exactly one ECS service (clusterName and serviceName)',
    );
  }
  for (const app of regional.applications.values()) {
    for (const other of app.groups.values()) {
      const mapped = obj(list(other.input.ecsServices)[0]);
      if (
        other !== self &&
        mapped.clusterName === service.clusterName &&
        mapped.serviceName === service.serviceName
      ) {
        fail(
          'ECSServiceMappingLimitExceededException',
          `The Amazon ECS service ${String(service.clusterName)}:${String(service.serviceName)} is already associated with the deployment group ${other.deploymentGroupName}. An Amazon ECS service can be associated with only one deployment group.`,
        );
      }
    }
  }
  const pair = obj(list(obj(group.loadBalancerInfo).targetGroupPairInfoList)[0]);
  if (list(pair.targetGroups).length !== 2) {
    fail(
      'InvalidTargetGroupPairException',
      'An ECS deployment group needs a target group pair (two target groups)',
    );
  }
  if (list(obj(pair.prodTrafficRoute).listenerArns).length !== 1) {
    fail(
      'InvalidTargetGroupPairException',
      'The target group pair needs one production listener (prodTrafficRoute.listenerArns)',
    );
  }
  const style = obj(group.deploymentStyle);
  if (style.deploymentType !== 'BLUE_GREEN' || style.deploymentOption !== 'WITH_TRAFFIC_CONTROL') {
    fail(
      'InvalidDeploymentStyleException',
      'An ECS deployment group must use BLUE_GREEN with WITH_TRAFFIC_CONTROL',
    );
  }
}

function checkServer(group: Readonly<Record<string, unknown>>): void {
  if (list(group.ec2TagFilters).length > 0 && group.ec2TagSet !== undefined) {
    fail('InvalidEC2TagCombinationException', 'ec2TagFilters and ec2TagSet cannot both be specified');
  }
  if (list(group.onPremisesInstanceTagFilters).length > 0 && group.onPremisesTagSet !== undefined) {
    fail(
      'InvalidOnPremisesTagCombinationException',
      'onPremisesInstanceTagFilters and onPremisesTagSet cannot both be specified',
    );
  }
  if (
    list(obj(group.ec2TagSet).ec2TagSetList).length > MAX_TAG_SETS ||
    list(obj(group.onPremisesTagSet).onPremisesTagSetList).length > MAX_TAG_SETS
  ) {
    fail('TagSetListLimitExceededException', `A tag set can hold at most ${MAX_TAG_SETS} tag groups`);
  }
  const style = obj(group.deploymentStyle);
  const lb = obj(group.loadBalancerInfo);
  const balanced = ['elbInfoList', 'targetGroupInfoList', 'targetGroupPairInfoList'].some(
    (k) => list(lb[k]).length > 0,
  );
  if (style.deploymentOption === 'WITH_TRAFFIC_CONTROL' && !balanced) {
    fail(
      'InvalidLoadBalancerInfoException',
      'A deployment with traffic control needs loadBalancerInfo (a load balancer or target group)',
    );
  }
}

/**
 * Checks a deployment group's members (CreateDeploymentGroup's, or UpdateDeploymentGroup's merged over the
 * stored ones) as CodeDeploy does for the application's compute platform. `self` is the group being updated.
 */
export function checkGroup(
  group: Readonly<Record<string, unknown>>,
  configName: string,
  app: ApplicationRecord,
  regional: RegionState,
  self?: DeploymentGroupRecord,
): void {
  const config = findConfig(regional, configName);
  if (!config || config.computePlatform !== app.computePlatform) {
    fail(
      'DeploymentConfigDoesNotExistException',
      `No deployment configuration found for name: ${configName}`,
    );
  }
  if (!ROLE_ARN.test(String(group.serviceRoleArn))) {
    fail('InvalidRoleException', 'The service role ARN is not valid (arn:aws:iam::ACCOUNT:role/NAME)');
  }
  const alarms = obj(group.alarmConfiguration);
  if (list(alarms.alarms).length > MAX_ALARMS) {
    fail('AlarmsLimitExceededException', `A deployment group can watch at most ${MAX_ALARMS} alarms`);
  }
  if (alarms.enabled === true && list(alarms.alarms).length === 0) {
    fail('InvalidAlarmConfigException', 'The alarm configuration is enabled but names no alarm');
  }
  const triggers = list(group.triggerConfigurations);
  if (triggers.length > MAX_TRIGGERS) {
    fail(
      'TriggerTargetsLimitExceededException',
      `A deployment group can have at most ${MAX_TRIGGERS} triggers`,
    );
  }
  for (const trigger of triggers.map(obj)) {
    if (!str(trigger.triggerName) || !str(trigger.triggerTargetArn)) {
      fail('InvalidTriggerConfigException', 'Each trigger needs a triggerName and a triggerTargetArn');
    }
  }
  if (app.computePlatform === 'ECS') checkEcs(group, regional, self);
  else if (app.computePlatform === 'Server') checkServer(group);
  else {
    const style = obj(group.deploymentStyle);
    if (
      group.deploymentStyle !== undefined &&
      (style.deploymentType !== 'BLUE_GREEN' || style.deploymentOption !== 'WITH_TRAFFIC_CONTROL')
    ) {
      fail(
        'InvalidDeploymentStyleException',
        'A Lambda deployment group must use BLUE_GREEN with WITH_TRAFFIC_CONTROL',
      );
    }
  }
}
