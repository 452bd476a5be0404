// Generated from packages/local/model/codedeploy-2014-10-06.json by the conformance test
// (UPDATE_MODEL=1 npx jest packages/local/test/conformance). Do not edit by hand.
import type { CompactModel } from './model-types.js';

/** The implemented CodeDeploy operations and the closure of their input shapes, from the official model. */
export const MODEL: CompactModel = {
  targetPrefix: 'CodeDeploy_20141006',
  operations: {
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
    GetDeployment: {
      input: 'GetDeploymentInput',
      output: 'GetDeploymentOutput',
      errors: [
        'DeploymentIdRequiredException',
        'InvalidDeploymentIdException',
        'DeploymentDoesNotExistException',
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
  },
  shapes: {
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
    GetApplicationRevisionInput: {
      type: 'structure',
      members: {
        applicationName: 'ApplicationName',
        revision: 'RevisionLocation',
      },
      required: ['applicationName', 'revision'],
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
    GetDeploymentTargetInput: {
      type: 'structure',
      members: {
        deploymentId: 'DeploymentId',
        targetId: 'TargetId',
      },
      required: ['deploymentId', 'targetId'],
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
    InstanceAction: {
      type: 'string',
      enum: ['TERMINATE', 'KEEP_ALIVE'],
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
    TagList: {
      type: 'list',
      member: 'Tag',
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
    Value: {
      type: 'string',
    },
    VersionId: {
      type: 'string',
    },
  },
};
