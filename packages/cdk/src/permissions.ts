import { InvalidOptionsError } from '@greenlight/contract';
// The IAM statements a greenlight hook needs, one builder per use, each with the narrowest resource
// the action accepts. Sources, checked for each action (see README "Permissions"):
// - CodeDeploy user guide, "CodeDeploy permissions reference": PutLifecycleEventHookExecutionStatus,
//   GetDeployment, GetDeploymentTarget and ListDeploymentTargets all take the deployment-group ARN
//   arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/DEPLOYMENT_GROUP.
// - Service Authorization Reference: lambda:InvokeFunction -> function (qualified ARNs for versions);
//   cloudwatch:DescribeAlarms -> alarm; ecs:DescribeServices -> service; ecs:DescribeTaskSets -> task-set;
//   cloudwatch:GetMetricData, elasticloadbalancing:DescribeTargetHealth and
//   elasticloadbalancing:DescribeTargetGroups -> no resource type, so "*";
//   codedeploy:GetDeploymentGroup -> deploymentgroup (arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APP/GROUP).
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IBaseService } from 'aws-cdk-lib/aws-ecs';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

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
 * @throws InvalidOptionsError (`alarms`) when `alarms` is empty
 * @example
 * role.addToPrincipalPolicy(describeAlarmsStatement([errorsAlarm]));
 */
export function describeAlarmsStatement(alarms: readonly IAlarm[]): PolicyStatement {
  if (alarms.length === 0)
    throw new InvalidOptionsError('alarms', 'Expected `alarms` to name at least one alarm');
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
 * The actions of the `targetHealth` check: `DescribeTargetHealth` always, and `DescribeTargetGroups`
 * whenever the target group is given by name or comes from the deployment (the check turns the name
 * into an ARN).
 *
 * @example
 * TARGET_HEALTH_ACTIONS[1]; // 'elasticloadbalancing:DescribeTargetHealth'
 */
export const TARGET_HEALTH_ACTIONS: readonly string[] = Object.freeze([
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
]);

/**
 * Allows the `targetHealth` check: `elasticloadbalancing:DescribeTargetHealth` and
 * `elasticloadbalancing:DescribeTargetGroups` (the name-to-ARN look-up). Neither action supports
 * resource-level permissions, so the resource is `*`.
 *
 * @example
 * role.addToPrincipalPolicy(describeTargetHealthStatement());
 */
export function describeTargetHealthStatement(): PolicyStatement {
  return allow([...TARGET_HEALTH_ACTIONS], ['*']);
}

/**
 * Allows reading one deployment group's configuration (`codedeploy:GetDeploymentGroup`), which the core's
 * `deploymentGroup()` look-up calls and the `alarms` check uses when it is given no names and no prefix.
 *
 * @param deploymentGroupArn `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP`
 * @example
 * role.addToPrincipalPolicy(getDeploymentGroupStatement(group.deploymentGroupArn));
 */
export function getDeploymentGroupStatement(deploymentGroupArn: string): PolicyStatement {
  return allow(['codedeploy:GetDeploymentGroup'], [deploymentGroupArn]);
}

/**
 * The ARN pattern of every CloudWatch alarm in the account and region of `scope`'s stack.
 *
 * @param scope any construct in the stack that holds the policy
 * @example
 * allAlarmsArn(stack); // arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:*
 */
export function allAlarmsArn(scope: IConstruct): string {
  return Stack.of(scope).formatArn({
    service: 'cloudwatch',
    resource: 'alarm',
    resourceName: '*',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * Allows `cloudwatch:DescribeAlarms` on every alarm of the stack's account and region: for the `alarms`
 * check reading a deployment group's own alarms, whose names are read from the group at run time.
 *
 * @param scope any construct in the stack that holds the policy
 * @example
 * role.addToPrincipalPolicy(describeAllAlarmsStatement(stack));
 */
export function describeAllAlarmsStatement(scope: IConstruct): PolicyStatement {
  return allow(['cloudwatch:DescribeAlarms'], [allAlarmsArn(scope)]);
}

/**
 * Allows invoking exactly one function, unqualified (what Amazon ECS calls: a lifecycle hook's
 * `hookTargetArn` is the function's ARN), and none of its versions or aliases.
 *
 * @param fn the hook function
 * @example
 * ecsInvokeRole.addToPrincipalPolicy(invokeExactlyStatement(hook));
 */
export function invokeExactlyStatement(fn: IFunction): PolicyStatement {
  return allow(['lambda:InvokeFunction'], [fn.functionArn]);
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
