// The IAM statements a greenlight hook needs, one builder per use, each with the narrowest resource
// the action accepts. Sources, checked for each action (see README "Permissions"):
// - CodeDeploy user guide, "CodeDeploy permissions reference": PutLifecycleEventHookExecutionStatus,
//   GetDeployment, GetDeploymentTarget and ListDeploymentTargets all take the deployment-group ARN
//   arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/DEPLOYMENT_GROUP.
// - Service Authorization Reference: lambda:InvokeFunction -> function (qualified ARNs for versions);
//   cloudwatch:DescribeAlarms -> alarm; ecs:DescribeServices -> service; ecs:DescribeTaskSets -> task-set;
//   cloudwatch:GetMetricData and elasticloadbalancing:DescribeTargetHealth -> no resource type, so "*".
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IBaseService } from 'aws-cdk-lib/aws-ecs';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * The action the core calls once per invocation to report the verdict.
 *
 * @example
 * REPORT_ACTION; // 'codedeploy:PutLifecycleEventHookExecutionStatus'
 */
export const REPORT_ACTION = 'codedeploy:PutLifecycleEventHookExecutionStatus';

/**
 * The read-only actions behind the core's `deployment()` and `target()` look-ups.
 *
 * @example
 * LOOKUP_ACTIONS.length; // 3
 */
export const LOOKUP_ACTIONS: readonly string[] = Object.freeze([
  'codedeploy:GetDeployment',
  'codedeploy:ListDeploymentTargets',
  'codedeploy:GetDeploymentTarget',
]);

/**
 * Allows reporting the hook's verdict to deployments of exactly one deployment group.
 *
 * @param deploymentGroupArn `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP`
 * @example
 * role.addToPrincipalPolicy(reportStatement(group.deploymentGroupArn));
 */
export function reportStatement(deploymentGroupArn: string): PolicyStatement {
  return allow([REPORT_ACTION], [deploymentGroupArn]);
}

/**
 * Allows the `deployment()` and `target()` look-ups on deployments of exactly one deployment group.
 *
 * @param deploymentGroupArn `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP`
 * @example
 * role.addToPrincipalPolicy(lookupStatement(group.deploymentGroupArn));
 */
export function lookupStatement(deploymentGroupArn: string): PolicyStatement {
  return allow([...LOOKUP_ACTIONS], [deploymentGroupArn]);
}

/**
 * The unqualified function behind a function, alias or version, whose ARN `:*` covers its versions.
 *
 * @param target a function, an alias (its version's function) or a version (its function)
 * @example
 * baseFunction(alias) === fn; // true
 */
export function baseFunction(target: IFunction): IFunction {
  const candidate = target as IFunction & { version?: { lambda?: IFunction }; lambda?: IFunction };
  return candidate.version?.lambda ?? candidate.lambda ?? target;
}

/**
 * Allows invoking any version or alias of the target function (the `invokeTarget` check calls the
 * version being deployed, whose number is only known at deployment time), and nothing unqualified.
 *
 * @param target the function under deployment (an alias or version is resolved to its function)
 * @example
 * role.addToPrincipalPolicy(invokeTargetStatement(fn)); // lambda:InvokeFunction on <fn arn>:*
 */
export function invokeTargetStatement(target: IFunction): PolicyStatement {
  return allow(['lambda:InvokeFunction'], [`${baseFunction(target).functionArn}:*`]);
}

/**
 * Allows reading the state of exactly these alarms (the `alarms` check).
 *
 * @param alarms the alarms the hook watches; at least one
 * @throws TypeError when `alarms` is empty
 * @example
 * role.addToPrincipalPolicy(describeAlarmsStatement([errorsAlarm]));
 */
export function describeAlarmsStatement(alarms: readonly IAlarm[]): PolicyStatement {
  if (alarms.length === 0) throw new TypeError('Expected `alarms` to name at least one alarm');
  return allow(
    ['cloudwatch:DescribeAlarms'],
    alarms.map((alarm) => alarm.alarmArn),
  );
}

/**
 * Allows `cloudwatch:GetMetricData` (the `metric` check). The action supports no resource-level
 * permissions, so the resource is `*`.
 *
 * @example
 * role.addToPrincipalPolicy(getMetricDataStatement());
 */
export function getMetricDataStatement(): PolicyStatement {
  return allow(['cloudwatch:GetMetricData'], ['*']);
}

/**
 * Allows `elasticloadbalancing:DescribeTargetHealth` (the `targetHealth` check). The action supports
 * no resource-level permissions, so the resource is `*`.
 *
 * @example
 * role.addToPrincipalPolicy(describeTargetHealthStatement());
 */
export function describeTargetHealthStatement(): PolicyStatement {
  return allow(['elasticloadbalancing:DescribeTargetHealth'], ['*']);
}

/**
 * Allows describing exactly one ECS service and its task sets (the `ecsTaskSet` check): two statements,
 * `ecs:DescribeServices` on the service ARN and `ecs:DescribeTaskSets` on
 * `arn:aws:ecs:REGION:ACCOUNT:task-set/CLUSTER/SERVICE/*` (task set IDs are created per deployment).
 *
 * @param service the ECS service under deployment
 * @example
 * for (const s of describeEcsServiceStatements(service)) role.addToPrincipalPolicy(s);
 */
export function describeEcsServiceStatements(service: IBaseService): PolicyStatement[] {
  return [
    allow(['ecs:DescribeServices'], [service.serviceArn]),
    allow(['ecs:DescribeTaskSets'], [taskSetsArn(service)]),
  ];
}

/**
 * The ARN pattern of every task set of one ECS service.
 *
 * @param service the ECS service
 * @example
 * taskSetsArn(service); // arn:${Partition}:ecs:${Region}:${Account}:task-set/${Cluster}/${Service}/*
 */
export function taskSetsArn(service: IBaseService): string {
  return Stack.of(service).formatArn({
    service: 'ecs',
    resource: 'task-set',
    resourceName: `${service.cluster.clusterName}/${service.serviceName}/*`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    region: service.env.region,
    account: service.env.account,
  });
}

function allow(actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions, resources });
}
