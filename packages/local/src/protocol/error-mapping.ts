import { ApiError } from '../errors.js';
import type { CompactModel } from './model-types.js';
import type { ValidationIssue } from './validate.js';

/** The errors CodeDeploy names for a missing top-level member, by member name (the first the operation lists wins). */
const REQUIRED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  deploymentId: ['DeploymentIdRequiredException'],
  deploymentIds: ['DeploymentIdRequiredException'],
  applicationName: ['ApplicationNameRequiredException'],
  applicationNames: ['ApplicationNameRequiredException'],
  deploymentGroupName: ['DeploymentGroupNameRequiredException'],
  deploymentGroupNames: ['DeploymentGroupNameRequiredException'],
  currentDeploymentGroupName: ['DeploymentGroupNameRequiredException'],
  deploymentConfigName: ['DeploymentConfigNameRequiredException'],
  targetId: ['DeploymentTargetIdRequiredException'],
  targetIds: ['DeploymentTargetIdRequiredException'],
  instanceId: ['InstanceIdRequiredException'],
  instanceIds: ['InstanceIdRequiredException'],
  instanceName: ['InstanceNameRequiredException'],
  instanceNames: ['InstanceNameRequiredException'],
  revision: ['RevisionRequiredException'],
  revisions: ['RevisionRequiredException'],
  serviceRoleArn: ['RoleRequiredException'],
  tags: ['TagRequiredException'],
  Tags: ['TagRequiredException'],
  TagKeys: ['TagRequiredException'],
  ResourceArn: ['ResourceArnRequiredException'],
  tokenName: ['GitHubAccountTokenNameRequiredException'],
};

/** The errors CodeDeploy names for an invalid top-level member, by member name (the first the operation lists wins). */
const INVALID_ERRORS: Readonly<Record<string, readonly string[]>> = {
  deploymentId: ['InvalidDeploymentIdException'],
  deploymentIds: ['InvalidDeploymentIdException'],
  applicationName: ['InvalidApplicationNameException'],
  applicationNames: ['InvalidApplicationNameException'],
  newApplicationName: ['InvalidApplicationNameException'],
  deploymentGroupName: ['InvalidDeploymentGroupNameException'],
  deploymentGroupNames: ['InvalidDeploymentGroupNameException'],
  currentDeploymentGroupName: ['InvalidDeploymentGroupNameException'],
  newDeploymentGroupName: ['InvalidDeploymentGroupNameException'],
  deploymentConfigName: ['InvalidDeploymentConfigNameException'],
  status: ['InvalidLifecycleEventHookExecutionStatusException'],
  lifecycleEventHookExecutionId: ['InvalidLifecycleEventHookExecutionIdException'],
  targetId: ['InvalidDeploymentTargetIdException'],
  targetIds: ['InvalidDeploymentTargetIdException'],
  instanceId: ['InvalidInstanceNameException'],
  instanceIds: ['InvalidInstanceNameException'],
  instanceName: ['InvalidInstanceNameException'],
  instanceNames: ['InvalidInstanceNameException'],
  revision: ['InvalidRevisionException'],
  revisions: ['InvalidRevisionException'],
  computePlatform: ['InvalidComputePlatformException'],
  includeOnlyStatuses: ['InvalidDeploymentStatusException'],
  deploymentWaitType: ['InvalidDeploymentWaitTypeException'],
  targetFilters: ['InvalidTargetFilterNameException'],
  instanceStatusFilter: ['InvalidInstanceStatusException'],
  instanceTypeFilter: ['InvalidInstanceTypeException'],
  nextToken: ['InvalidNextTokenException'],
  createTimeRange: ['InvalidTimeRangeException'],
  autoRollbackConfiguration: ['InvalidAutoRollbackConfigException'],
  alarmConfiguration: ['InvalidAlarmConfigException'],
  overrideAlarmConfiguration: ['InvalidAlarmConfigException'],
  deploymentStyle: ['InvalidDeploymentStyleException'],
  loadBalancerInfo: ['InvalidLoadBalancerInfoException'],
  ecsServices: ['InvalidECSServiceException'],
  fileExistsBehavior: ['InvalidFileExistsBehaviorException'],
  tags: ['InvalidTagsToAddException', 'InvalidTagException'],
  Tags: ['InvalidTagsToAddException'],
  TagKeys: ['InvalidTagsToAddException'],
  ResourceArn: ['InvalidArnException'],
  triggerConfigurations: ['InvalidTriggerConfigException'],
  externalId: ['InvalidExternalIdException'],
  blueGreenDeploymentConfiguration: ['InvalidBlueGreenDeploymentConfigurationException'],
  serviceRoleArn: ['InvalidRoleException'],
  targetInstances: ['InvalidTargetInstancesException'],
  ignoreApplicationStopFailures: ['InvalidIgnoreApplicationStopFailuresValueException'],
  updateOutdatedInstancesOnly: ['InvalidUpdateOutdatedInstancesOnlyValueException'],
  ec2TagFilters: ['InvalidEC2TagException'],
  ec2TagSet: ['InvalidEC2TagException'],
  onPremisesInstanceTagFilters: ['InvalidTagException'],
  onPremisesTagSet: ['InvalidTagException'],
  autoScalingGroups: ['InvalidAutoScalingGroupException'],
  outdatedInstancesStrategy: ['InvalidInputException'],
  minimumHealthyHosts: ['InvalidMinimumHealthyHostValueException'],
  trafficRoutingConfig: ['InvalidTrafficRoutingConfigurationException'],
  zonalConfig: ['InvalidZonalDeploymentConfigurationException'],
  sortBy: ['InvalidSortByException'],
  sortOrder: ['InvalidSortOrderException'],
  deployed: ['InvalidDeployedStateFilterException'],
  s3Bucket: ['InvalidBucketNameFilterException'],
  s3KeyPrefix: ['InvalidKeyPrefixFilterException'],
  registrationStatus: ['InvalidRegistrationStatusException'],
  tagFilters: ['InvalidTagFilterException'],
  iamUserArn: ['InvalidIamUserArnException'],
  iamSessionArn: ['InvalidIamSessionArnException'],
  tokenName: ['InvalidGitHubAccountTokenNameException'],
  description: ['DescriptionTooLongException'],
};

/**
 * Turns a validation issue into the error CodeDeploy answers for this operation: the member's own
 * error when the model lists it for the operation (`DeploymentIdRequiredException`,
 * `InvalidLifecycleEventHookExecutionStatusException`, …), else `InvalidInputException` when listed,
 * else `ValidationException`. JSON type mismatches are `SerializationException`, as on AWS.
 */
export function errorForIssue(model: CompactModel, operation: string, issue: ValidationIssue): ApiError {
  if (issue.kind === 'type') return new ApiError('SerializationException', issue.message);
  const listed = model.operations[operation]?.errors ?? [];
  const top = issue.path[0] ?? '';
  const table = issue.kind === 'required' && issue.path.length === 1 ? REQUIRED_ERRORS : INVALID_ERRORS;
  const named = (Object.hasOwn(table, top) ? table[top] : undefined)?.find((name) => listed.includes(name));
  if (named) return new ApiError(named, issue.message);
  if (listed.includes('InvalidInputException')) return new ApiError('InvalidInputException', issue.message);
  return new ApiError('ValidationException', issue.message);
}

/** Every error name {@link errorForIssue} can answer for `operation` (for the conformance test). */
export function possibleValidationErrors(model: CompactModel, operation: string): string[] {
  const listed = model.operations[operation]?.errors ?? [];
  const names = new Set<string>(['SerializationException', 'ValidationException']);
  for (const name of [
    ...Object.values(REQUIRED_ERRORS).flat(),
    ...Object.values(INVALID_ERRORS).flat(),
    'InvalidInputException',
  ]) {
    if (listed.includes(name)) names.add(name);
  }
  return [...names];
}
