// Generated from packages/local/model/codedeploy-2014-10-06.json by the conformance test
// (UPDATE_MODEL=1 npx jest packages/local/test/conformance). Do not edit by hand.
import type { CompactModel } from './model-types.js';

/** The implemented CodeDeploy operations and the closure of their input shapes, from the official model. */
export const MODEL: CompactModel = {
  targetPrefix: 'CodeDeploy_20141006',
  operations: {
    AddTagsToOnPremisesInstances: {
      input: 'AddTagsToOnPremisesInstancesInput',
      errors: [
        'InstanceNameRequiredException',
        'InvalidInstanceNameException',
        'TagRequiredException',
        'InvalidTagException',
        'TagLimitExceededException',
        'InstanceLimitExceededException',
        'InstanceNotRegisteredException',
      ],
    },
    BatchGetApplicationRevisions: {
      input: 'BatchGetApplicationRevisionsInput',
      output: 'BatchGetApplicationRevisionsOutput',
      errors: [
        'ApplicationDoesNotExistException',
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'RevisionRequiredException',
        'InvalidRevisionException',
        'BatchLimitExceededException',
      ],
    },
    BatchGetApplications: {
      input: 'BatchGetApplicationsInput',
      output: 'BatchGetApplicationsOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'BatchLimitExceededException',
      ],
    },
    BatchGetDeploymentGroups: {
      input: 'BatchGetDeploymentGroupsInput',
      output: 'BatchGetDeploymentGroupsOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupNameRequiredException',
        'InvalidDeploymentGroupNameException',
        'BatchLimitExceededException',
        'DeploymentConfigDoesNotExistException',
      ],
    },
    BatchGetDeploymentInstances: {
      input: 'BatchGetDeploymentInstancesInput',
      output: 'BatchGetDeploymentInstancesOutput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'InstanceIdRequiredException',
        'InvalidDeploymentIdException',
        'InvalidInstanceNameException',
        'BatchLimitExceededException',
        'InvalidComputePlatformException',
      ],
    },
    BatchGetDeploymentTargets: {
      input: 'BatchGetDeploymentTargetsInput',
      output: 'BatchGetDeploymentTargetsOutput',
      errors: [
        'InvalidDeploymentIdException',
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentNotStartedException',
        'DeploymentTargetIdRequiredException',
        'InvalidDeploymentTargetIdException',
        'DeploymentTargetDoesNotExistException',
        'DeploymentTargetListSizeExceededException',
        'InstanceDoesNotExistException',
      ],
    },
    BatchGetDeployments: {
      input: 'BatchGetDeploymentsInput',
      output: 'BatchGetDeploymentsOutput',
      errors: [
        'DeploymentIdRequiredException',
        'InvalidDeploymentIdException',
        'BatchLimitExceededException',
      ],
    },
    BatchGetOnPremisesInstances: {
      input: 'BatchGetOnPremisesInstancesInput',
      output: 'BatchGetOnPremisesInstancesOutput',
      errors: [
        'InstanceNameRequiredException',
        'InvalidInstanceNameException',
        'BatchLimitExceededException',
      ],
    },
    ContinueDeployment: {
      input: 'ContinueDeploymentInput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentAlreadyCompletedException',
        'InvalidDeploymentIdException',
        'DeploymentIsNotInReadyStateException',
        'UnsupportedActionForDeploymentTypeException',
        'InvalidDeploymentWaitTypeException',
        'InvalidDeploymentStatusException',
      ],
    },
    CreateApplication: {
      input: 'CreateApplicationInput',
      output: 'CreateApplicationOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationAlreadyExistsException',
        'ApplicationLimitExceededException',
        'InvalidComputePlatformException',
        'InvalidTagsToAddException',
      ],
    },
    CreateDeployment: {
      input: 'CreateDeploymentInput',
      output: 'CreateDeploymentOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupNameRequiredException',
        'InvalidDeploymentGroupNameException',
        'DeploymentGroupDoesNotExistException',
        'RevisionRequiredException',
        'RevisionDoesNotExistException',
        'InvalidRevisionException',
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigDoesNotExistException',
        'DescriptionTooLongException',
        'DeploymentLimitExceededException',
        'InvalidTargetInstancesException',
        'InvalidAlarmConfigException',
        'AlarmsLimitExceededException',
        'InvalidAutoRollbackConfigException',
        'InvalidLoadBalancerInfoException',
        'InvalidFileExistsBehaviorException',
        'InvalidRoleException',
        'InvalidAutoScalingGroupException',
        'ThrottlingException',
        'InvalidUpdateOutdatedInstancesOnlyValueException',
        'InvalidIgnoreApplicationStopFailuresValueException',
        'InvalidGitHubAccountTokenException',
        'InvalidTrafficRoutingConfigurationException',
      ],
    },
    CreateDeploymentConfig: {
      input: 'CreateDeploymentConfigInput',
      output: 'CreateDeploymentConfigOutput',
      errors: [
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigNameRequiredException',
        'DeploymentConfigAlreadyExistsException',
        'InvalidMinimumHealthyHostValueException',
        'DeploymentConfigLimitExceededException',
        'InvalidComputePlatformException',
        'InvalidTrafficRoutingConfigurationException',
        'InvalidZonalDeploymentConfigurationException',
      ],
    },
    CreateDeploymentGroup: {
      input: 'CreateDeploymentGroupInput',
      output: 'CreateDeploymentGroupOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupNameRequiredException',
        'InvalidDeploymentGroupNameException',
        'DeploymentGroupAlreadyExistsException',
        'InvalidEC2TagException',
        'InvalidTagException',
        'InvalidAutoScalingGroupException',
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigDoesNotExistException',
        'RoleRequiredException',
        'InvalidRoleException',
        'DeploymentGroupLimitExceededException',
        'LifecycleHookLimitExceededException',
        'InvalidTriggerConfigException',
        'TriggerTargetsLimitExceededException',
        'InvalidAlarmConfigException',
        'AlarmsLimitExceededException',
        'InvalidAutoRollbackConfigException',
        'InvalidLoadBalancerInfoException',
        'InvalidDeploymentStyleException',
        'InvalidBlueGreenDeploymentConfigurationException',
        'InvalidEC2TagCombinationException',
        'InvalidOnPremisesTagCombinationException',
        'TagSetListLimitExceededException',
        'InvalidInputException',
        'ThrottlingException',
        'InvalidECSServiceException',
        'InvalidTargetGroupPairException',
        'ECSServiceMappingLimitExceededException',
        'InvalidTagsToAddException',
        'InvalidTrafficRoutingConfigurationException',
      ],
    },
    DeleteApplication: {
      input: 'DeleteApplicationInput',
      errors: ['ApplicationNameRequiredException', 'InvalidApplicationNameException', 'InvalidRoleException'],
    },
    DeleteDeploymentConfig: {
      input: 'DeleteDeploymentConfigInput',
      errors: [
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigNameRequiredException',
        'DeploymentConfigInUseException',
        'InvalidOperationException',
      ],
    },
    DeleteDeploymentGroup: {
      input: 'DeleteDeploymentGroupInput',
      output: 'DeleteDeploymentGroupOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'DeploymentGroupNameRequiredException',
        'InvalidDeploymentGroupNameException',
        'InvalidRoleException',
      ],
    },
    DeleteGitHubAccountToken: {
      input: 'DeleteGitHubAccountTokenInput',
      output: 'DeleteGitHubAccountTokenOutput',
      errors: [
        'GitHubAccountTokenNameRequiredException',
        'GitHubAccountTokenDoesNotExistException',
        'InvalidGitHubAccountTokenNameException',
        'ResourceValidationException',
        'OperationNotSupportedException',
      ],
    },
    DeleteResourcesByExternalId: {
      input: 'DeleteResourcesByExternalIdInput',
      output: 'DeleteResourcesByExternalIdOutput',
      errors: [],
    },
    DeregisterOnPremisesInstance: {
      input: 'DeregisterOnPremisesInstanceInput',
      errors: ['InstanceNameRequiredException', 'InvalidInstanceNameException'],
    },
    GetApplication: {
      input: 'GetApplicationInput',
      output: 'GetApplicationOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
      ],
    },
    GetApplicationRevision: {
      input: 'GetApplicationRevisionInput',
      output: 'GetApplicationRevisionOutput',
      errors: [
        'ApplicationDoesNotExistException',
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'RevisionDoesNotExistException',
        'RevisionRequiredException',
        'InvalidRevisionException',
      ],
    },
    GetDeployment: {
      input: 'GetDeploymentInput',
      output: 'GetDeploymentOutput',
      errors: [
        'DeploymentIdRequiredException',
        'InvalidDeploymentIdException',
        'DeploymentDoesNotExistException',
      ],
    },
    GetDeploymentConfig: {
      input: 'GetDeploymentConfigInput',
      output: 'GetDeploymentConfigOutput',
      errors: [
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigNameRequiredException',
        'DeploymentConfigDoesNotExistException',
        'InvalidComputePlatformException',
      ],
    },
    GetDeploymentGroup: {
      input: 'GetDeploymentGroupInput',
      output: 'GetDeploymentGroupOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupNameRequiredException',
        'InvalidDeploymentGroupNameException',
        'DeploymentGroupDoesNotExistException',
        'DeploymentConfigDoesNotExistException',
      ],
    },
    GetDeploymentInstance: {
      input: 'GetDeploymentInstanceInput',
      output: 'GetDeploymentInstanceOutput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'InstanceIdRequiredException',
        'InvalidDeploymentIdException',
        'InstanceDoesNotExistException',
        'InvalidInstanceNameException',
        'InvalidComputePlatformException',
      ],
    },
    GetDeploymentTarget: {
      input: 'GetDeploymentTargetInput',
      output: 'GetDeploymentTargetOutput',
      errors: [
        'InvalidDeploymentIdException',
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentNotStartedException',
        'DeploymentTargetIdRequiredException',
        'InvalidDeploymentTargetIdException',
        'DeploymentTargetDoesNotExistException',
        'InvalidInstanceNameException',
      ],
    },
    GetOnPremisesInstance: {
      input: 'GetOnPremisesInstanceInput',
      output: 'GetOnPremisesInstanceOutput',
      errors: [
        'InstanceNameRequiredException',
        'InstanceNotRegisteredException',
        'InvalidInstanceNameException',
      ],
    },
    ListApplicationRevisions: {
      input: 'ListApplicationRevisionsInput',
      output: 'ListApplicationRevisionsOutput',
      errors: [
        'ApplicationDoesNotExistException',
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'InvalidSortByException',
        'InvalidSortOrderException',
        'InvalidBucketNameFilterException',
        'InvalidKeyPrefixFilterException',
        'BucketNameFilterRequiredException',
        'InvalidDeployedStateFilterException',
        'InvalidNextTokenException',
      ],
    },
    ListApplications: {
      input: 'ListApplicationsInput',
      output: 'ListApplicationsOutput',
      errors: ['InvalidNextTokenException'],
    },
    ListDeploymentConfigs: {
      input: 'ListDeploymentConfigsInput',
      output: 'ListDeploymentConfigsOutput',
      errors: ['InvalidNextTokenException'],
    },
    ListDeploymentGroups: {
      input: 'ListDeploymentGroupsInput',
      output: 'ListDeploymentGroupsOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'InvalidNextTokenException',
      ],
    },
    ListDeploymentInstances: {
      input: 'ListDeploymentInstancesInput',
      output: 'ListDeploymentInstancesOutput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentNotStartedException',
        'InvalidNextTokenException',
        'InvalidDeploymentIdException',
        'InvalidInstanceStatusException',
        'InvalidInstanceTypeException',
        'InvalidDeploymentInstanceTypeException',
        'InvalidTargetFilterNameException',
        'InvalidComputePlatformException',
      ],
    },
    ListDeploymentTargets: {
      input: 'ListDeploymentTargetsInput',
      output: 'ListDeploymentTargetsOutput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentNotStartedException',
        'InvalidNextTokenException',
        'InvalidDeploymentIdException',
        'InvalidInstanceStatusException',
        'InvalidInstanceTypeException',
        'InvalidDeploymentInstanceTypeException',
        'InvalidTargetFilterNameException',
      ],
    },
    ListDeployments: {
      input: 'ListDeploymentsInput',
      output: 'ListDeploymentsOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'InvalidDeploymentGroupNameException',
        'DeploymentGroupDoesNotExistException',
        'DeploymentGroupNameRequiredException',
        'InvalidTimeRangeException',
        'InvalidDeploymentStatusException',
        'InvalidNextTokenException',
        'InvalidExternalIdException',
        'InvalidInputException',
      ],
    },
    ListGitHubAccountTokenNames: {
      input: 'ListGitHubAccountTokenNamesInput',
      output: 'ListGitHubAccountTokenNamesOutput',
      errors: ['InvalidNextTokenException', 'ResourceValidationException', 'OperationNotSupportedException'],
    },
    ListOnPremisesInstances: {
      input: 'ListOnPremisesInstancesInput',
      output: 'ListOnPremisesInstancesOutput',
      errors: [
        'InvalidRegistrationStatusException',
        'InvalidTagFilterException',
        'InvalidNextTokenException',
      ],
    },
    ListTagsForResource: {
      input: 'ListTagsForResourceInput',
      output: 'ListTagsForResourceOutput',
      errors: ['ArnNotSupportedException', 'InvalidArnException', 'ResourceArnRequiredException'],
    },
    PutLifecycleEventHookExecutionStatus: {
      input: 'PutLifecycleEventHookExecutionStatusInput',
      output: 'PutLifecycleEventHookExecutionStatusOutput',
      errors: [
        'InvalidLifecycleEventHookExecutionStatusException',
        'InvalidLifecycleEventHookExecutionIdException',
        'LifecycleEventAlreadyCompletedException',
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'InvalidDeploymentIdException',
        'UnsupportedActionForDeploymentTypeException',
      ],
    },
    RegisterApplicationRevision: {
      input: 'RegisterApplicationRevisionInput',
      errors: [
        'ApplicationDoesNotExistException',
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'DescriptionTooLongException',
        'RevisionRequiredException',
        'InvalidRevisionException',
      ],
    },
    RegisterOnPremisesInstance: {
      input: 'RegisterOnPremisesInstanceInput',
      errors: [
        'InstanceNameAlreadyRegisteredException',
        'IamArnRequiredException',
        'IamSessionArnAlreadyRegisteredException',
        'IamUserArnAlreadyRegisteredException',
        'InstanceNameRequiredException',
        'IamUserArnRequiredException',
        'InvalidInstanceNameException',
        'InvalidIamSessionArnException',
        'InvalidIamUserArnException',
        'MultipleIamArnsProvidedException',
      ],
    },
    RemoveTagsFromOnPremisesInstances: {
      input: 'RemoveTagsFromOnPremisesInstancesInput',
      errors: [
        'InstanceNameRequiredException',
        'InvalidInstanceNameException',
        'TagRequiredException',
        'InvalidTagException',
        'TagLimitExceededException',
        'InstanceLimitExceededException',
        'InstanceNotRegisteredException',
      ],
    },
    SkipWaitTimeForInstanceTermination: {
      input: 'SkipWaitTimeForInstanceTerminationInput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentAlreadyCompletedException',
        'InvalidDeploymentIdException',
        'DeploymentNotStartedException',
        'UnsupportedActionForDeploymentTypeException',
      ],
    },
    StopDeployment: {
      input: 'StopDeploymentInput',
      output: 'StopDeploymentOutput',
      errors: [
        'DeploymentIdRequiredException',
        'DeploymentDoesNotExistException',
        'DeploymentGroupDoesNotExistException',
        'DeploymentAlreadyCompletedException',
        'InvalidDeploymentIdException',
        'UnsupportedActionForDeploymentTypeException',
      ],
    },
    TagResource: {
      input: 'TagResourceInput',
      output: 'TagResourceOutput',
      errors: [
        'ResourceArnRequiredException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupDoesNotExistException',
        'DeploymentConfigDoesNotExistException',
        'TagRequiredException',
        'InvalidTagsToAddException',
        'ArnNotSupportedException',
        'InvalidArnException',
      ],
    },
    UntagResource: {
      input: 'UntagResourceInput',
      output: 'UntagResourceOutput',
      errors: [
        'ResourceArnRequiredException',
        'ApplicationDoesNotExistException',
        'DeploymentGroupDoesNotExistException',
        'DeploymentConfigDoesNotExistException',
        'TagRequiredException',
        'InvalidTagsToAddException',
        'ArnNotSupportedException',
        'InvalidArnException',
      ],
    },
    UpdateApplication: {
      input: 'UpdateApplicationInput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationAlreadyExistsException',
        'ApplicationDoesNotExistException',
      ],
    },
    UpdateDeploymentGroup: {
      input: 'UpdateDeploymentGroupInput',
      output: 'UpdateDeploymentGroupOutput',
      errors: [
        'ApplicationNameRequiredException',
        'InvalidApplicationNameException',
        'ApplicationDoesNotExistException',
        'InvalidDeploymentGroupNameException',
        'DeploymentGroupAlreadyExistsException',
        'DeploymentGroupNameRequiredException',
        'DeploymentGroupDoesNotExistException',
        'InvalidEC2TagException',
        'InvalidTagException',
        'InvalidAutoScalingGroupException',
        'InvalidDeploymentConfigNameException',
        'DeploymentConfigDoesNotExistException',
        'InvalidRoleException',
        'LifecycleHookLimitExceededException',
        'InvalidTriggerConfigException',
        'TriggerTargetsLimitExceededException',
        'InvalidAlarmConfigException',
        'AlarmsLimitExceededException',
        'InvalidAutoRollbackConfigException',
        'InvalidLoadBalancerInfoException',
        'InvalidDeploymentStyleException',
        'InvalidBlueGreenDeploymentConfigurationException',
        'InvalidEC2TagCombinationException',
        'InvalidOnPremisesTagCombinationException',
        'TagSetListLimitExceededException',
        'InvalidInputException',
        'ThrottlingException',
        'InvalidECSServiceException',
        'InvalidTargetGroupPairException',
        'ECSServiceMappingLimitExceededException',
        'InvalidTrafficRoutingConfigurationException',
      ],
    },
  },
  shapes: {
    AddTagsToOnPremisesInstancesInput: {
      type: 'structure',
      members: {
        tags: 'TagList',
        instanceNames: 'InstanceNameList',
      },
      required: ['tags', 'instanceNames'],
    },
    Alarm: {
      type: 'structure',
      members: {
        name: 'AlarmName',
      },
    },
    AlarmConfiguration: {
      type: 'structure',
      members: {
        enabled: 'Boolean',
        ignorePollAlarmFailure: 'Boolean',
        alarms: 'AlarmList',
      },
    },
    AlarmList: {
      type: 'list',
      member: 'Alarm',
    },
    AlarmName: {
      type: 'string',
    },
    AppSpecContent: {
      type: 'structure',
      members: {
        content: 'RawStringContent',
        sha256: 'RawStringSha256',
      },
    },
    ApplicationName: {
      type: 'string',
      min: 1,
      max: 100,
    },
    ApplicationRevisionSortBy: {
      type: 'string',
      enum: ['registerTime', 'firstUsedTime', 'lastUsedTime'],
    },
    ApplicationsList: {
      type: 'list',
      member: 'ApplicationName',
    },
    Arn: {
      type: 'string',
      min: 1,
      max: 1011,
    },
    AutoRollbackConfiguration: {
      type: 'structure',
      members: {
        enabled: 'Boolean',
        events: 'AutoRollbackEventsList',
      },
    },
    AutoRollbackEvent: {
      type: 'string',
      enum: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'],
    },
    AutoRollbackEventsList: {
      type: 'list',
      member: 'AutoRollbackEvent',
    },
    AutoScalingGroupName: {
      type: 'string',
    },
    AutoScalingGroupNameList: {
      type: 'list',
      member: 'AutoScalingGroupName',
    },
    BatchGetApplicationRevisionsInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        revisions: 'RevisionLocationList',
      },
      required: ['applicationName', 'revisions'],
    },
    BatchGetApplicationsInput: {
      type: 'structure',
      members: {
        applicationNames: 'ApplicationsList',
      },
      required: ['applicationNames'],
    },
    BatchGetDeploymentGroupsInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupNames: 'DeploymentGroupsList',
      },
      required: ['applicationName', 'deploymentGroupNames'],
    },
    BatchGetDeploymentInstancesInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        instanceIds: 'InstancesList',
      },
      required: ['deploymentId', 'instanceIds'],
    },
    BatchGetDeploymentTargetsInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        targetIds: 'TargetIdList',
      },
      required: ['deploymentId', 'targetIds'],
    },
    BatchGetDeploymentsInput: {
      type: 'structure',
      members: {
        deploymentIds: 'DeploymentsList',
      },
      required: ['deploymentIds'],
    },
    BatchGetOnPremisesInstancesInput: {
      type: 'structure',
      members: {
        instanceNames: 'InstanceNameList',
      },
      required: ['instanceNames'],
    },
    BlueGreenDeploymentConfiguration: {
      type: 'structure',
      members: {
        terminateBlueInstancesOnDeploymentSuccess: 'BlueInstanceTerminationOption',
        deploymentReadyOption: 'DeploymentReadyOption',
        greenFleetProvisioningOption: 'GreenFleetProvisioningOption',
      },
    },
    BlueInstanceTerminationOption: {
      type: 'structure',
      members: {
        action: 'InstanceAction',
        terminationWaitTimeInMinutes: 'Duration',
      },
    },
    Boolean: {
      type: 'boolean',
    },
    BundleType: {
      type: 'string',
      enum: ['tar', 'tgz', 'zip', 'YAML', 'JSON'],
    },
    CommitId: {
      type: 'string',
    },
    ComputePlatform: {
      type: 'string',
      enum: ['Server', 'Lambda', 'ECS'],
    },
    ContinueDeploymentInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        deploymentWaitType: 'DeploymentWaitType',
      },
    },
    CreateApplicationInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        computePlatform: 'ComputePlatform',
        tags: 'TagList',
      },
      required: ['applicationName'],
    },
    CreateDeploymentConfigInput: {
      type: 'structure',
      members: {
        deploymentConfigName: 'DeploymentConfigName',
        minimumHealthyHosts: 'MinimumHealthyHosts',
        trafficRoutingConfig: 'TrafficRoutingConfig',
        computePlatform: 'ComputePlatform',
        zonalConfig: 'ZonalConfig',
      },
      required: ['deploymentConfigName'],
    },
    CreateDeploymentGroupInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupName: 'DeploymentGroupName',
        deploymentConfigName: 'DeploymentConfigName',
        ec2TagFilters: 'EC2TagFilterList',
        onPremisesInstanceTagFilters: 'TagFilterList',
        autoScalingGroups: 'AutoScalingGroupNameList',
        serviceRoleArn: 'Role',
        triggerConfigurations: 'TriggerConfigList',
        alarmConfiguration: 'AlarmConfiguration',
        autoRollbackConfiguration: 'AutoRollbackConfiguration',
        outdatedInstancesStrategy: 'OutdatedInstancesStrategy',
        deploymentStyle: 'DeploymentStyle',
        blueGreenDeploymentConfiguration: 'BlueGreenDeploymentConfiguration',
        loadBalancerInfo: 'LoadBalancerInfo',
        ec2TagSet: 'EC2TagSet',
        ecsServices: 'ECSServiceList',
        onPremisesTagSet: 'OnPremisesTagSet',
        tags: 'TagList',
        terminationHookEnabled: 'NullableBoolean',
      },
      required: ['applicationName', 'deploymentGroupName', 'serviceRoleArn'],
    },
    CreateDeploymentInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupName: 'DeploymentGroupName',
        revision: 'RevisionLocation',
        deploymentConfigName: 'DeploymentConfigName',
        description: 'Description',
        ignoreApplicationStopFailures: 'Boolean',
        targetInstances: 'TargetInstances',
        autoRollbackConfiguration: 'AutoRollbackConfiguration',
        updateOutdatedInstancesOnly: 'Boolean',
        fileExistsBehavior: 'FileExistsBehavior',
        overrideAlarmConfiguration: 'AlarmConfiguration',
      },
      required: ['applicationName'],
    },
    DeleteApplicationInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
      },
      required: ['applicationName'],
    },
    DeleteDeploymentConfigInput: {
      type: 'structure',
      members: {
        deploymentConfigName: 'DeploymentConfigName',
      },
      required: ['deploymentConfigName'],
    },
    DeleteDeploymentGroupInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupName: 'DeploymentGroupName',
      },
      required: ['applicationName', 'deploymentGroupName'],
    },
    DeleteGitHubAccountTokenInput: {
      type: 'structure',
      members: {
        tokenName: 'GitHubAccountTokenName',
      },
    },
    DeleteResourcesByExternalIdInput: {
      type: 'structure',
      members: {
        externalId: 'ExternalId',
      },
    },
    DeploymentConfigName: {
      type: 'string',
      min: 1,
      max: 100,
    },
    DeploymentGroupName: {
      type: 'string',
      min: 1,
      max: 100,
    },
    DeploymentGroupsList: {
      type: 'list',
      member: 'DeploymentGroupName',
    },
    DeploymentId: {
      type: 'string',
    },
    DeploymentOption: {
      type: 'string',
      enum: ['WITH_TRAFFIC_CONTROL', 'WITHOUT_TRAFFIC_CONTROL'],
    },
    DeploymentReadyAction: {
      type: 'string',
      enum: ['CONTINUE_DEPLOYMENT', 'STOP_DEPLOYMENT'],
    },
    DeploymentReadyOption: {
      type: 'structure',
      members: {
        actionOnTimeout: 'DeploymentReadyAction',
        waitTimeInMinutes: 'Duration',
      },
    },
    DeploymentStatus: {
      type: 'string',
      enum: ['Created', 'Queued', 'InProgress', 'Baking', 'Succeeded', 'Failed', 'Stopped', 'Ready'],
    },
    DeploymentStatusList: {
      type: 'list',
      member: 'DeploymentStatus',
    },
    DeploymentStyle: {
      type: 'structure',
      members: {
        deploymentType: 'DeploymentType',
        deploymentOption: 'DeploymentOption',
      },
    },
    DeploymentType: {
      type: 'string',
      enum: ['IN_PLACE', 'BLUE_GREEN'],
    },
    DeploymentWaitType: {
      type: 'string',
      enum: ['READY_WAIT', 'TERMINATION_WAIT'],
    },
    DeploymentsList: {
      type: 'list',
      member: 'DeploymentId',
    },
    DeregisterOnPremisesInstanceInput: {
      type: 'structure',
      members: {
        instanceName: 'InstanceName',
      },
      required: ['instanceName'],
    },
    Description: {
      type: 'string',
    },
    Duration: {
      type: 'integer',
    },
    EC2TagFilter: {
      type: 'structure',
      members: {
        Key: 'Key',
        Value: 'Value',
        Type: 'EC2TagFilterType',
      },
    },
    EC2TagFilterList: {
      type: 'list',
      member: 'EC2TagFilter',
    },
    EC2TagFilterType: {
      type: 'string',
      enum: ['KEY_ONLY', 'VALUE_ONLY', 'KEY_AND_VALUE'],
    },
    EC2TagSet: {
      type: 'structure',
      members: {
        ec2TagSetList: 'EC2TagSetList',
      },
    },
    EC2TagSetList: {
      type: 'list',
      member: 'EC2TagFilterList',
    },
    ECSClusterName: {
      type: 'string',
    },
    ECSService: {
      type: 'structure',
      members: {
        serviceName: 'ECSServiceName',
        clusterName: 'ECSClusterName',
      },
    },
    ECSServiceList: {
      type: 'list',
      member: 'ECSService',
    },
    ECSServiceName: {
      type: 'string',
    },
    ELBInfo: {
      type: 'structure',
      members: {
        name: 'ELBName',
      },
    },
    ELBInfoList: {
      type: 'list',
      member: 'ELBInfo',
    },
    ELBName: {
      type: 'string',
    },
    ETag: {
      type: 'string',
    },
    ExternalId: {
      type: 'string',
    },
    FileExistsBehavior: {
      type: 'string',
      enum: ['DISALLOW', 'OVERWRITE', 'RETAIN'],
    },
    FilterValue: {
      type: 'string',
    },
    FilterValueList: {
      type: 'list',
      member: 'FilterValue',
    },
    GetApplicationInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
      },
      required: ['applicationName'],
    },
    GetApplicationRevisionInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        revision: 'RevisionLocation',
      },
      required: ['applicationName', 'revision'],
    },
    GetDeploymentConfigInput: {
      type: 'structure',
      members: {
        deploymentConfigName: 'DeploymentConfigName',
      },
      required: ['deploymentConfigName'],
    },
    GetDeploymentGroupInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupName: 'DeploymentGroupName',
      },
      required: ['applicationName', 'deploymentGroupName'],
    },
    GetDeploymentInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
      },
      required: ['deploymentId'],
    },
    GetDeploymentInstanceInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        instanceId: 'InstanceId',
      },
      required: ['deploymentId', 'instanceId'],
    },
    GetDeploymentTargetInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        targetId: 'TargetId',
      },
      required: ['deploymentId', 'targetId'],
    },
    GetOnPremisesInstanceInput: {
      type: 'structure',
      members: {
        instanceName: 'InstanceName',
      },
      required: ['instanceName'],
    },
    GitHubAccountTokenName: {
      type: 'string',
    },
    GitHubLocation: {
      type: 'structure',
      members: {
        repository: 'Repository',
        commitId: 'CommitId',
      },
    },
    GreenFleetProvisioningAction: {
      type: 'string',
      enum: ['DISCOVER_EXISTING', 'COPY_AUTO_SCALING_GROUP'],
    },
    GreenFleetProvisioningOption: {
      type: 'structure',
      members: {
        action: 'GreenFleetProvisioningAction',
      },
    },
    IamSessionArn: {
      type: 'string',
    },
    IamUserArn: {
      type: 'string',
    },
    InstanceAction: {
      type: 'string',
      enum: ['TERMINATE', 'KEEP_ALIVE'],
    },
    InstanceId: {
      type: 'string',
    },
    InstanceName: {
      type: 'string',
    },
    InstanceNameList: {
      type: 'list',
      member: 'InstanceName',
    },
    InstanceStatus: {
      type: 'string',
      enum: ['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown', 'Ready'],
    },
    InstanceStatusList: {
      type: 'list',
      member: 'InstanceStatus',
    },
    InstanceType: {
      type: 'string',
      enum: ['Blue', 'Green'],
    },
    InstanceTypeList: {
      type: 'list',
      member: 'InstanceType',
    },
    InstancesList: {
      type: 'list',
      member: 'InstanceId',
    },
    Key: {
      type: 'string',
    },
    LifecycleEventHookExecutionId: {
      type: 'string',
    },
    LifecycleEventStatus: {
      type: 'string',
      enum: ['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown'],
    },
    ListApplicationRevisionsInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        sortBy: 'ApplicationRevisionSortBy',
        sortOrder: 'SortOrder',
        s3Bucket: 'S3Bucket',
        s3KeyPrefix: 'S3Key',
        deployed: 'ListStateFilterAction',
        nextToken: 'NextToken',
      },
      required: ['applicationName'],
    },
    ListApplicationsInput: {
      type: 'structure',
      members: {
        nextToken: 'NextToken',
      },
    },
    ListDeploymentConfigsInput: {
      type: 'structure',
      members: {
        nextToken: 'NextToken',
      },
    },
    ListDeploymentGroupsInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        nextToken: 'NextToken',
      },
      required: ['applicationName'],
    },
    ListDeploymentInstancesInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        nextToken: 'NextToken',
        instanceStatusFilter: 'InstanceStatusList',
        instanceTypeFilter: 'InstanceTypeList',
      },
      required: ['deploymentId'],
    },
    ListDeploymentTargetsInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        nextToken: 'NextToken',
        targetFilters: 'TargetFilters',
      },
      required: ['deploymentId'],
    },
    ListDeploymentsInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        deploymentGroupName: 'DeploymentGroupName',
        externalId: 'ExternalId',
        includeOnlyStatuses: 'DeploymentStatusList',
        createTimeRange: 'TimeRange',
        nextToken: 'NextToken',
      },
    },
    ListGitHubAccountTokenNamesInput: {
      type: 'structure',
      members: {
        nextToken: 'NextToken',
      },
    },
    ListOnPremisesInstancesInput: {
      type: 'structure',
      members: {
        registrationStatus: 'RegistrationStatus',
        tagFilters: 'TagFilterList',
        nextToken: 'NextToken',
      },
    },
    ListStateFilterAction: {
      type: 'string',
      enum: ['include', 'exclude', 'ignore'],
    },
    ListTagsForResourceInput: {
      type: 'structure',
      members: {
        ResourceArn: 'Arn',
        NextToken: 'NextToken',
      },
      required: ['ResourceArn'],
    },
    ListenerArn: {
      type: 'string',
    },
    ListenerArnList: {
      type: 'list',
      member: 'ListenerArn',
    },
    LoadBalancerInfo: {
      type: 'structure',
      members: {
        elbInfoList: 'ELBInfoList',
        targetGroupInfoList: 'TargetGroupInfoList',
        targetGroupPairInfoList: 'TargetGroupPairInfoList',
      },
    },
    MinimumHealthyHosts: {
      type: 'structure',
      members: {
        type: 'MinimumHealthyHostsType',
        value: 'MinimumHealthyHostsValue',
      },
    },
    MinimumHealthyHostsPerZone: {
      type: 'structure',
      members: {
        type: 'MinimumHealthyHostsPerZoneType',
        value: 'MinimumHealthyHostsPerZoneValue',
      },
    },
    MinimumHealthyHostsPerZoneType: {
      type: 'string',
      enum: ['HOST_COUNT', 'FLEET_PERCENT'],
    },
    MinimumHealthyHostsPerZoneValue: {
      type: 'integer',
    },
    MinimumHealthyHostsType: {
      type: 'string',
      enum: ['HOST_COUNT', 'FLEET_PERCENT'],
    },
    MinimumHealthyHostsValue: {
      type: 'integer',
    },
    NextToken: {
      type: 'string',
    },
    NullableBoolean: {
      type: 'boolean',
    },
    OnPremisesTagSet: {
      type: 'structure',
      members: {
        onPremisesTagSetList: 'OnPremisesTagSetList',
      },
    },
    OnPremisesTagSetList: {
      type: 'list',
      member: 'TagFilterList',
    },
    OutdatedInstancesStrategy: {
      type: 'string',
      enum: ['UPDATE', 'IGNORE'],
    },
    Percentage: {
      type: 'integer',
    },
    PutLifecycleEventHookExecutionStatusInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        lifecycleEventHookExecutionId: 'LifecycleEventHookExecutionId',
        status: 'LifecycleEventStatus',
      },
    },
    RawString: {
      type: 'structure',
      members: {
        content: 'RawStringContent',
        sha256: 'RawStringSha256',
      },
    },
    RawStringContent: {
      type: 'string',
    },
    RawStringSha256: {
      type: 'string',
    },
    RegisterApplicationRevisionInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        description: 'Description',
        revision: 'RevisionLocation',
      },
      required: ['applicationName', 'revision'],
    },
    RegisterOnPremisesInstanceInput: {
      type: 'structure',
      members: {
        instanceName: 'InstanceName',
        iamSessionArn: 'IamSessionArn',
        iamUserArn: 'IamUserArn',
      },
      required: ['instanceName'],
    },
    RegistrationStatus: {
      type: 'string',
      enum: ['Registered', 'Deregistered'],
    },
    RemoveTagsFromOnPremisesInstancesInput: {
      type: 'structure',
      members: {
        tags: 'TagList',
        instanceNames: 'InstanceNameList',
      },
      required: ['tags', 'instanceNames'],
    },
    Repository: {
      type: 'string',
    },
    RevisionLocation: {
      type: 'structure',
      members: {
        revisionType: 'RevisionLocationType',
        s3Location: 'S3Location',
        gitHubLocation: 'GitHubLocation',
        string: 'RawString',
        appSpecContent: 'AppSpecContent',
      },
    },
    RevisionLocationList: {
      type: 'list',
      member: 'RevisionLocation',
    },
    RevisionLocationType: {
      type: 'string',
      enum: ['S3', 'GitHub', 'String', 'AppSpecContent'],
    },
    Role: {
      type: 'string',
    },
    S3Bucket: {
      type: 'string',
    },
    S3Key: {
      type: 'string',
    },
    S3Location: {
      type: 'structure',
      members: {
        bucket: 'S3Bucket',
        key: 'S3Key',
        bundleType: 'BundleType',
        version: 'VersionId',
        eTag: 'ETag',
      },
    },
    SkipWaitTimeForInstanceTerminationInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
      },
    },
    SortOrder: {
      type: 'string',
      enum: ['ascending', 'descending'],
    },
    StopDeploymentInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        autoRollbackEnabled: 'NullableBoolean',
      },
      required: ['deploymentId'],
    },
    Tag: {
      type: 'structure',
      members: {
        Key: 'Key',
        Value: 'Value',
      },
    },
    TagFilter: {
      type: 'structure',
      members: {
        Key: 'Key',
        Value: 'Value',
        Type: 'TagFilterType',
      },
    },
    TagFilterList: {
      type: 'list',
      member: 'TagFilter',
    },
    TagFilterType: {
      type: 'string',
      enum: ['KEY_ONLY', 'VALUE_ONLY', 'KEY_AND_VALUE'],
    },
    TagKeyList: {
      type: 'list',
      member: 'Key',
    },
    TagList: {
      type: 'list',
      member: 'Tag',
    },
    TagResourceInput: {
      type: 'structure',
      members: {
        ResourceArn: 'Arn',
        Tags: 'TagList',
      },
      required: ['ResourceArn', 'Tags'],
    },
    TargetFilterName: {
      type: 'string',
      enum: ['TargetStatus', 'ServerInstanceLabel'],
    },
    TargetFilters: {
      type: 'map',
      key: 'TargetFilterName',
      value: 'FilterValueList',
    },
    TargetGroupInfo: {
      type: 'structure',
      members: {
        name: 'TargetGroupName',
      },
    },
    TargetGroupInfoList: {
      type: 'list',
      member: 'TargetGroupInfo',
    },
    TargetGroupName: {
      type: 'string',
    },
    TargetGroupPairInfo: {
      type: 'structure',
      members: {
        targetGroups: 'TargetGroupInfoList',
        prodTrafficRoute: 'TrafficRoute',
        testTrafficRoute: 'TrafficRoute',
      },
    },
    TargetGroupPairInfoList: {
      type: 'list',
      member: 'TargetGroupPairInfo',
    },
    TargetId: {
      type: 'string',
    },
    TargetIdList: {
      type: 'list',
      member: 'TargetId',
    },
    TargetInstances: {
      type: 'structure',
      members: {
        tagFilters: 'EC2TagFilterList',
        autoScalingGroups: 'AutoScalingGroupNameList',
        ec2TagSet: 'EC2TagSet',
      },
    },
    TimeBasedCanary: {
      type: 'structure',
      members: {
        canaryPercentage: 'Percentage',
        canaryInterval: 'WaitTimeInMins',
      },
    },
    TimeBasedLinear: {
      type: 'structure',
      members: {
        linearPercentage: 'Percentage',
        linearInterval: 'WaitTimeInMins',
      },
    },
    TimeRange: {
      type: 'structure',
      members: {
        start: 'Timestamp',
        end: 'Timestamp',
      },
    },
    Timestamp: {
      type: 'timestamp',
    },
    TrafficRoute: {
      type: 'structure',
      members: {
        listenerArns: 'ListenerArnList',
      },
    },
    TrafficRoutingConfig: {
      type: 'structure',
      members: {
        type: 'TrafficRoutingType',
        timeBasedCanary: 'TimeBasedCanary',
        timeBasedLinear: 'TimeBasedLinear',
      },
    },
    TrafficRoutingType: {
      type: 'string',
      enum: ['TimeBasedCanary', 'TimeBasedLinear', 'AllAtOnce'],
    },
    TriggerConfig: {
      type: 'structure',
      members: {
        triggerName: 'TriggerName',
        triggerTargetArn: 'TriggerTargetArn',
        triggerEvents: 'TriggerEventTypeList',
      },
    },
    TriggerConfigList: {
      type: 'list',
      member: 'TriggerConfig',
    },
    TriggerEventType: {
      type: 'string',
      enum: [
        'DeploymentStart',
        'DeploymentSuccess',
        'DeploymentFailure',
        'DeploymentStop',
        'DeploymentRollback',
        'DeploymentReady',
        'InstanceStart',
        'InstanceSuccess',
        'InstanceFailure',
        'InstanceReady',
      ],
    },
    TriggerEventTypeList: {
      type: 'list',
      member: 'TriggerEventType',
    },
    TriggerName: {
      type: 'string',
    },
    TriggerTargetArn: {
      type: 'string',
    },
    UntagResourceInput: {
      type: 'structure',
      members: {
        ResourceArn: 'Arn',
        TagKeys: 'TagKeyList',
      },
      required: ['ResourceArn', 'TagKeys'],
    },
    UpdateApplicationInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        newApplicationName: 'ApplicationName',
      },
    },
    UpdateDeploymentGroupInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        currentDeploymentGroupName: 'DeploymentGroupName',
        newDeploymentGroupName: 'DeploymentGroupName',
        deploymentConfigName: 'DeploymentConfigName',
        ec2TagFilters: 'EC2TagFilterList',
        onPremisesInstanceTagFilters: 'TagFilterList',
        autoScalingGroups: 'AutoScalingGroupNameList',
        serviceRoleArn: 'Role',
        triggerConfigurations: 'TriggerConfigList',
        alarmConfiguration: 'AlarmConfiguration',
        autoRollbackConfiguration: 'AutoRollbackConfiguration',
        outdatedInstancesStrategy: 'OutdatedInstancesStrategy',
        deploymentStyle: 'DeploymentStyle',
        blueGreenDeploymentConfiguration: 'BlueGreenDeploymentConfiguration',
        loadBalancerInfo: 'LoadBalancerInfo',
        ec2TagSet: 'EC2TagSet',
        ecsServices: 'ECSServiceList',
        onPremisesTagSet: 'OnPremisesTagSet',
        terminationHookEnabled: 'NullableBoolean',
      },
      required: ['applicationName', 'currentDeploymentGroupName'],
    },
    Value: {
      type: 'string',
    },
    VersionId: {
      type: 'string',
    },
    WaitTimeInMins: {
      type: 'integer',
    },
    WaitTimeInSeconds: {
      type: 'long',
    },
    ZonalConfig: {
      type: 'structure',
      members: {
        firstZoneMonitorDurationInSeconds: 'WaitTimeInSeconds',
        monitorDurationInSeconds: 'WaitTimeInSeconds',
        minimumHealthyHostsPerZone: 'MinimumHealthyHostsPerZone',
      },
    },
  },
};
