import { ApiError } from '../errors.js';
import type { CompactModel } from './model-types.js';
import type { ValidationIssue } from './validate.js';

/** The error CodeDeploy names for a missing top-level member, by member name. */
const REQUIRED_ERRORS: Readonly<Record<string, string>> = {
  deploymentId: 'DeploymentIdRequiredException',
  deploymentIds: 'DeploymentIdRequiredException',
  applicationName: 'ApplicationNameRequiredException',
  deploymentGroupName: 'DeploymentGroupNameRequiredException',
  targetId: 'DeploymentTargetIdRequiredException',
  targetIds: 'DeploymentTargetIdRequiredException',
  revision: 'RevisionRequiredException',
  serviceRoleArn: 'RoleRequiredException',
};

/** The error CodeDeploy names for an invalid top-level member, by member name. */
const INVALID_ERRORS: Readonly<Record<string, string>> = {
  deploymentId: 'InvalidDeploymentIdException',
  deploymentIds: 'InvalidDeploymentIdException',
  applicationName: 'InvalidApplicationNameException',
  deploymentGroupName: 'InvalidDeploymentGroupNameException',
  deploymentConfigName: 'InvalidDeploymentConfigNameException',
  status: 'InvalidLifecycleEventHookExecutionStatusException',
  lifecycleEventHookExecutionId: 'InvalidLifecycleEventHookExecutionIdException',
  targetId: 'InvalidDeploymentTargetIdException',
  targetIds: 'InvalidDeploymentTargetIdException',
  revision: 'InvalidRevisionException',
  computePlatform: 'InvalidComputePlatformException',
  includeOnlyStatuses: 'InvalidDeploymentStatusException',
  deploymentWaitType: 'InvalidDeploymentWaitTypeException',
  targetFilters: 'InvalidTargetFilterNameException',
  nextToken: 'InvalidNextTokenException',
  createTimeRange: 'InvalidTimeRangeException',
  autoRollbackConfiguration: 'InvalidAutoRollbackConfigException',
  alarmConfiguration: 'InvalidAlarmConfigException',
  overrideAlarmConfiguration: 'InvalidAlarmConfigException',
  deploymentStyle: 'InvalidDeploymentStyleException',
  loadBalancerInfo: 'InvalidLoadBalancerInfoException',
  ecsServices: 'InvalidECSServiceException',
  fileExistsBehavior: 'InvalidFileExistsBehaviorException',
  tags: 'InvalidTagsToAddException',
  triggerConfigurations: 'InvalidTriggerConfigException',
  externalId: 'InvalidExternalIdException',
  blueGreenDeploymentConfiguration: 'InvalidBlueGreenDeploymentConfigurationException',
  serviceRoleArn: 'InvalidRoleException',
  targetInstances: 'InvalidTargetInstancesException',
  ignoreApplicationStopFailures: 'InvalidIgnoreApplicationStopFailuresValueException',
  updateOutdatedInstancesOnly: 'InvalidUpdateOutdatedInstancesOnlyValueException',
  ec2TagFilters: 'InvalidEC2TagException',
  ec2TagSet: 'InvalidEC2TagException',
  autoScalingGroups: 'InvalidAutoScalingGroupException',
  outdatedInstancesStrategy: 'InvalidInputException',
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
  const named = Object.hasOwn(table, top) ? table[top] : undefined;
  if (named && listed.includes(named)) return new ApiError(named, issue.message);
  if (listed.includes('InvalidInputException')) return new ApiError('InvalidInputException', issue.message);
  return new ApiError('ValidationException', issue.message);
}

/** Every error name {@link errorForIssue} can answer for `operation` (for the conformance test). */
export function possibleValidationErrors(model: CompactModel, operation: string): string[] {
  const listed = model.operations[operation]?.errors ?? [];
  const names = new Set<string>(['SerializationException', 'ValidationException']);
  for (const name of [
    ...Object.values(REQUIRED_ERRORS),
    ...Object.values(INVALID_ERRORS),
    'InvalidInputException',
  ]) {
    if (listed.includes(name)) names.add(name);
  }
  return [...names];
}
