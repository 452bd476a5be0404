/**
 * The reasons greenlight gives when it acknowledges a cdk-nag finding its own permissions cause. One
 * place, so the README's table and the synthesized acknowledgments say the same thing.
 *
 * @example
 * acknowledgeNag(role, 'AwsSolutions-IAM5[Resource::*]', NAG_REASONS.noResourceLevelPermissions);
 */
export const NAG_REASONS = Object.freeze({
  /** `AwsSolutions-IAM5[Resource::*]` on the hook role. */
  noResourceLevelPermissions:
    'cloudwatch:GetMetricData, elasticloadbalancing:DescribeTargetHealth and elasticloadbalancing:' +
    'DescribeTargetGroups support no resource-level permissions (Service Authorization Reference), so ' +
    'their only valid resource is "*"; all are read-only.',
  /** `AwsSolutions-IAM5[Resource::arn:…:cloudwatch:<region>:<account>:alarm:*]` on the hook role. */
  deploymentGroupAlarms:
    "cloudwatch:DescribeAlarms (read-only) on this account and region's alarms: the alarms check reads the " +
    "deployment group's alarm names from the group at run time (GetDeploymentGroup), and they can change " +
    'outside this stack; pass the alarms to `uses.deploymentGroupAlarms` to scope it to exactly those.',
  /** `AwsSolutions-IAM5[Resource::<target>:*]` on the hook role. */
  targetVersions:
    "lambda:InvokeFunction on the target function's qualified ARNs only (<function>:*): the version " +
    'under test is published by the deployment, so its number is unknown at synth time.',
  /** `AwsSolutions-IAM5[Resource::…:task-set/<cluster>/<service>/*]` on the hook role. */
  taskSets:
    'ecs:DescribeTaskSets on the task sets of this one service only: task set IDs are created by each ' +
    'deployment, so they are unknown at synth time.',
  /** `AwsSolutions-IAM5[Resource::<hook>:*]` on a Lambda deployment group's role. */
  lambdaGroupInvoke:
    "CDK's LambdaDeploymentGroup grants CodeDeploy invoke on this hook function and its qualified " +
    'ARNs (versions/aliases) only; no other function is invocable.',
  /** `AwsSolutions-L1` on a hook with the default runtime. */
  runtime:
    'greenlight hooks run on nodejs22.x, the runtime the framework is built and tested for ' +
    '(in Lambda support until 2027); choose a newer one with the `runtime` prop.',
});
