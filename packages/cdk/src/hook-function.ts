import {
  ECS_HOOK_EVENTS,
  type EcsLifecycleEvent,
  type EcsLifecycleStage,
  InvalidOptionsError,
  isEcsLifecycleEvent,
  LAMBDA_HOOK_EVENTS,
  type LambdaLifecycleEvent,
} from '@greenlight/contract';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IEcsDeploymentGroup, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { BaseService, IBaseService } from 'aws-cdk-lib/aws-ecs';
import { Effect, type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleHookCode, hookHandlerSetting } from './bundle.js';
import {
  type AttachToEcsServiceOptions,
  addServiceLifecycleHook,
  validateAttachToEcsServiceOptions,
} from './ecs-service-hook.js';
import { normaliseEcsStages } from './ecs-stages.js';
import { acknowledgeNag, nagResourceFinding } from './nag.js';
import { NAG_REASONS } from './nag-reasons.js';
import {
  allAlarmsArn,
  baseFunction,
  describeAlarmsStatement,
  describeAllAlarmsStatement,
  describeEcsServiceStatements,
  describeTargetHealthStatement,
  getDeploymentGroupStatement,
  getMetricDataStatement,
  invokeExactlyStatement,
  invokeTargetStatement,
  lookupStatement,
  reportStatement,
  taskSetsArn,
} from './permissions.js';
import { type HookFunctionProps, validateHookFunctionProps } from './props.js';
import { resolveHookTimeout } from './timeout.js';

/**
 * Options for {@link HookFunction.attachToEcsDeploymentGroup}.
 *
 * @example
 * hook.attachToEcsDeploymentGroup(importedGroup, 'AfterAllowTestTraffic', { serviceRole });
 */
export interface AttachToEcsOptions {
  /**
   * CodeDeploy's service role for this deployment group, which gets `lambda:InvokeFunction` on the hook.
   * @default the group's `role` (set on groups created with `new EcsDeploymentGroup`)
   */
  readonly serviceRole?: IRole;
}

/**
 * A CodeDeploy lifecycle-hook Lambda function built for greenlight hooks: bundled with esbuild (minified,
 * source maps), nodejs22.x on ARM64, a timeout that leaves the core room to report, a log group with a
 * retention, explicit asynchronous retries, and a role that holds only what the hook uses.
 *
 * Attach it with {@link HookFunction.attachToLambdaDeploymentGroup} or
 * {@link HookFunction.attachToEcsDeploymentGroup}: that grants the hook the report and look-up calls on
 * exactly that deployment group, and grants CodeDeploy's role invoke on exactly this function, so the
 * function may have any name (no `CodeDeployHook_` prefix).
 *
 * For Amazon ECS native blue/green deployments (no CodeDeploy), attach a `createEcsHook` handler with
 * {@link HookFunction.attachToEcsService}: ECS invokes it through a role that may invoke only this function.
 *
 * @example
 * const hook = new HookFunction(this, 'PreTraffic', {
 *   entry: path.join(root, 'examples/lambda-before-allow-traffic/src/handler.ts'),
 *   uses: { invokeTarget: fn, alarms: [errorsAlarm] },
 * });
 * hook.attachToLambdaDeploymentGroup(group, 'BeforeAllowTraffic');
 */
export class HookFunction extends LambdaFunction {
  /** The hook's own role: assumable by Lambda, no managed policies, only explicit statements. */
  public readonly hookRole: Role;
  private readonly reported = new Set<string>();
  private readonly lookedUp = new Set<string>();
  private readonly invokers = new Set<string>();
  private readonly acknowledged = new Set<string>();
  private readonly events = new Set<EcsLifecycleEvent>();
  private readonly groupsRead = new Set<string>();
  private readonly readsGroupAlarms: boolean;
  private invokeRoleForEcs?: Role;

  constructor(scope: Construct, id: string, props: HookFunctionProps) {
    validateHookFunctionProps(props);
    const runtime = props.runtime ?? Runtime.NODEJS_22_X;
    const sourceMap = props.bundling?.sourceMap ?? true;
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'greenlight hook role: only what the hook uses',
    });
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      code: bundleHookCode(props.entry, { ...props.bundling }),
      handler: hookHandlerSetting(props.handler ?? 'handler'),
      runtime,
      architecture: Architecture.ARM_64,
      functionName: props.functionName,
      description: props.description ?? 'greenlight CodeDeploy lifecycle hook',
      timeout: resolveHookTimeout(props.timeout),
      memorySize: props.memorySize ?? 256,
      environment: {
        ...(sourceMap ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
      role,
      logGroup,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(1),
    });
    this.hookRole = role;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    if (runtime === Runtime.NODEJS_22_X) {
      acknowledgeNag(this, 'AwsSolutions-L1', NAG_REASONS.runtime);
    }
    const uses = props.uses ?? {};
    if (uses.invokeTarget) this.allowInvokeTarget(uses.invokeTarget);
    if (uses.alarms && uses.alarms.length > 0) this.allowDescribeAlarms(...uses.alarms);
    const groupAlarms = uses.deploymentGroupAlarms;
    this.readsGroupAlarms = groupAlarms !== undefined && groupAlarms !== false;
    if (groupAlarms === true) this.allowDescribeAllAlarms();
    else if (Array.isArray(groupAlarms) && groupAlarms.length > 0) this.allowDescribeAlarms(...groupAlarms);
    if (uses.metrics) this.allowGetMetricData();
    if (uses.targetHealth) this.allowDescribeTargetHealth();
    for (const service of uses.ecsServices ?? []) this.allowDescribeEcsService(service);
  }

  /**
   * The ECS lifecycle events this hook was attached for, in the order they were attached.
   *
   * @example
   * hook.ecsEvents; // ['AfterAllowTestTraffic']
   */
  public get ecsEvents(): readonly EcsLifecycleEvent[] {
    return [...this.events];
  }

  /**
   * The role ECS assumes to invoke this hook at native lifecycle stages, once
   * {@link HookFunction.attachToEcsService} created it (undefined before, or when every attachment
   * passed its own `role`).
   *
   * @example
   * hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT');
   * hook.ecsInvokeRole?.roleArn; // the roleArn in the service's lifecycle hook
   */
  public get ecsInvokeRole(): Role | undefined {
    return this.invokeRoleForEcs;
  }

  /**
   * Runs this hook at `event` of a Lambda deployment group: registers it with the group (which grants
   * CodeDeploy's role invoke on this function and its versions, and this hook
   * `PutLifecycleEventHookExecutionStatus` on the group) and grants the look-ups on the group's ARN.
   *
   * @param group the deployment group (created with `new LambdaDeploymentGroup`)
   * @param event `BeforeAllowTraffic` (pre-traffic) or `AfterAllowTraffic` (post-traffic)
   * @throws InvalidOptionsError (`event`) for another event; CDK's error when the group already has a hook for
   * the event
   * @example
   * hook.attachToLambdaDeploymentGroup(group, 'BeforeAllowTraffic');
   */
  public attachToLambdaDeploymentGroup(group: LambdaDeploymentGroup, event: LambdaLifecycleEvent): void {
    if (event === 'BeforeAllowTraffic') group.addPreHook(this);
    else if (event === 'AfterAllowTraffic') group.addPostHook(this);
    else {
      throw new InvalidOptionsError(
        'event',
        `Expected \`event\` to be one of ${LAMBDA_HOOK_EVENTS.join(', ')}, got ${String(event)}`,
      );
    }
    // addPreHook/addPostHook granted the report on exactly group.deploymentGroupArn.
    this.reported.add(group.deploymentGroupArn);
    this.allowLookups(group.deploymentGroupArn);
    if (this.readsGroupAlarms) this.allowGetDeploymentGroup(group.deploymentGroupArn);
    acknowledgeNag(
      group.role,
      `AwsSolutions-IAM5[${nagResourceFinding(group.role, `${this.functionArn}:*`)}]`,
      NAG_REASONS.lambdaGroupInvoke,
    );
  }

  /**
   * Runs this hook at `event` of an ECS blue/green deployment group: grants CodeDeploy's role
   * `lambda:InvokeFunction` on exactly this function (AWSCodeDeployRoleForECS alone only allows functions
   * named `CodeDeployHook_*`), and this hook the report and look-ups on the group's ARN. List the hook in
   * the deployment's AppSpec with {@link renderEcsAppSpec}.
   *
   * @param group the ECS deployment group
   * @param event one of the five ECS hook events
   * @param options the service role, for groups that do not expose one
   * @throws InvalidOptionsError for an unknown event (`event`) or when no service role is known
   * (`options.serviceRole`)
   * @example
   * hook.attachToEcsDeploymentGroup(group, 'AfterAllowTestTraffic');
   */
  public attachToEcsDeploymentGroup(
    group: IEcsDeploymentGroup,
    event: EcsLifecycleEvent,
    options: AttachToEcsOptions = {},
  ): void {
    if (!isEcsLifecycleEvent(event)) {
      throw new InvalidOptionsError(
        'event',
        `Expected \`event\` to be one of ${ECS_HOOK_EVENTS.join(', ')}, got ${String(event)}`,
      );
    }
    const role = options.serviceRole ?? (group as IEcsDeploymentGroup & { role?: IRole }).role;
    if (!role) {
      throw new InvalidOptionsError(
        'options.serviceRole',
        'Expected `options.serviceRole`: CodeDeploy must be granted lambda:InvokeFunction on this hook, ' +
          'and this deployment group does not expose its role',
      );
    }
    this.allowReportingTo(group.deploymentGroupArn);
    this.grantInvokeToServiceRole(role);
    this.events.add(event);
  }

  /**
   * Runs this hook at `stages` of an Amazon ECS native deployment (deployment controller `ECS`, strategy
   * `BLUE_GREEN`, `LINEAR` or `CANARY`): adds it to the service's `deploymentConfiguration.lifecycleHooks`
   * (through CDK's `addLifecycleHook`) with a role ECS assumes, which may `lambda:InvokeFunction` exactly
   * this function. The handler is a `createEcsHook` handler: it returns its status to ECS, so the hook
   * gets no CodeDeploy permission. Attaching again to the same service adds the stages to the same entry.
   *
   * @param service the service (created in this app: imported services cannot take lifecycle hooks)
   * @param stages one stage or several
   * @param options `hookDetails` passed to every invocation; a `role` of your own
   * @throws InvalidOptionsError for an unknown or empty stage, invalid options, or the same service with another
   * role or other `hookDetails`; CDK's ValidationError when the service does not use the ECS controller
   * @example
   * hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { hookDetails: { path: '/health' } });
   */
  public attachToEcsService(
    service: BaseService,
    stages: EcsLifecycleStage | readonly EcsLifecycleStage[],
    options: AttachToEcsServiceOptions = {},
  ): void {
    const list = normaliseEcsStages(stages);
    validateAttachToEcsServiceOptions(options);
    const role = options.role ?? this.defaultEcsInvokeRole();
    if (options.role) this.grantInvokeToServiceRole(options.role, 'EcsInvoke');
    addServiceLifecycleHook(service, this, role, list, options.hookDetails);
  }

  /**
   * Allows the hook to report to, and look up deployments of, a deployment group created elsewhere (by
   * hand, SAM or another stack): `PutLifecycleEventHookExecutionStatus` and the three look-ups on exactly
   * this ARN. The attach methods call this for you.
   *
   * @param deploymentGroupArn `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP`
   * @example
   * hook.allowReportingTo('arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:shop/orders');
   */
  public allowReportingTo(deploymentGroupArn: string): void {
    if (!this.reported.has(deploymentGroupArn)) {
      this.reported.add(deploymentGroupArn);
      this.hookRole.addToPrincipalPolicy(reportStatement(deploymentGroupArn));
    }
    this.allowLookups(deploymentGroupArn);
    if (this.readsGroupAlarms) this.allowGetDeploymentGroup(deploymentGroupArn);
  }

  /**
   * Allows the core's `deploymentGroup()` look-up (`codedeploy:GetDeploymentGroup`) on exactly one
   * deployment group. With `uses.deploymentGroupAlarms`, the attach methods and `allowReportingTo` call
   * this for you.
   *
   * @param deploymentGroupArn `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP`
   * @example
   * hook.allowGetDeploymentGroup(group.deploymentGroupArn);
   */
  public allowGetDeploymentGroup(deploymentGroupArn: string): void {
    if (this.groupsRead.has(deploymentGroupArn)) return;
    this.groupsRead.add(deploymentGroupArn);
    this.hookRole.addToPrincipalPolicy(getDeploymentGroupStatement(deploymentGroupArn));
  }

  /**
   * Allows `cloudwatch:DescribeAlarms` on every alarm of the hook's account and region (for the `alarms`
   * check reading a deployment group's own alarms, whose names are only known at run time). Prefer
   * {@link HookFunction.allowDescribeAlarms} when you know the alarms.
   *
   * @example
   * hook.allowDescribeAllAlarms();
   */
  public allowDescribeAllAlarms(): void {
    this.hookRole.addToPrincipalPolicy(describeAllAlarmsStatement(this));
    this.acknowledgeOnce(
      nagResourceFinding(this.hookRole, allAlarmsArn(this)),
      NAG_REASONS.deploymentGroupAlarms,
    );
  }

  /**
   * Allows the `invokeTarget` check: `lambda:InvokeFunction` on the versions and aliases of `target`.
   *
   * @param target the function under deployment (an alias or version is resolved to its function)
   * @example
   * hook.allowInvokeTarget(fn);
   */
  public allowInvokeTarget(target: IFunction): void {
    this.hookRole.addToPrincipalPolicy(invokeTargetStatement(target));
    this.acknowledgeOnce(
      nagResourceFinding(this.hookRole, `${baseFunction(target).functionArn}:*`),
      NAG_REASONS.targetVersions,
    );
  }

  /**
   * Allows the `alarms` check: `cloudwatch:DescribeAlarms` on exactly these alarms.
   *
   * @param alarms the alarms the hook reads
   * @example
   * hook.allowDescribeAlarms(errorsAlarm, latencyAlarm);
   */
  public allowDescribeAlarms(...alarms: IAlarm[]): void {
    this.hookRole.addToPrincipalPolicy(describeAlarmsStatement(alarms));
  }

  /**
   * Allows the `metric` check: `cloudwatch:GetMetricData` (no resource-level permissions: `*`).
   *
   * @example
   * hook.allowGetMetricData();
   */
  public allowGetMetricData(): void {
    this.hookRole.addToPrincipalPolicy(getMetricDataStatement());
    this.acknowledgeOnce('Resource::*', NAG_REASONS.noResourceLevelPermissions);
  }

  /**
   * Allows the `targetHealth` check: `elasticloadbalancing:DescribeTargetHealth` and
   * `elasticloadbalancing:DescribeTargetGroups` (no resource-level permissions: `*`).
   *
   * @example
   * hook.allowDescribeTargetHealth();
   */
  public allowDescribeTargetHealth(): void {
    this.hookRole.addToPrincipalPolicy(describeTargetHealthStatement());
    this.acknowledgeOnce('Resource::*', NAG_REASONS.noResourceLevelPermissions);
  }

  /**
   * Allows the `ecsTaskSet` check on one service: `ecs:DescribeServices` on the service and
   * `ecs:DescribeTaskSets` on its task sets.
   *
   * @param service the ECS service under deployment
   * @example
   * hook.allowDescribeEcsService(service);
   */
  public allowDescribeEcsService(service: IBaseService): void {
    for (const statement of describeEcsServiceStatements(service))
      this.hookRole.addToPrincipalPolicy(statement);
    this.acknowledgeOnce(nagResourceFinding(this.hookRole, taskSetsArn(service)), NAG_REASONS.taskSets);
  }

  private allowLookups(deploymentGroupArn: string): void {
    if (this.lookedUp.has(deploymentGroupArn)) return;
    this.lookedUp.add(deploymentGroupArn);
    this.hookRole.addToPrincipalPolicy(lookupStatement(deploymentGroupArn));
  }

  private defaultEcsInvokeRole(): Role {
    if (!this.invokeRoleForEcs) {
      this.invokeRoleForEcs = new Role(this, 'EcsInvokeRole', {
        assumedBy: new ServicePrincipal('ecs.amazonaws.com'),
        description: 'greenlight: lets Amazon ECS invoke this one lifecycle hook',
      });
      this.invokeRoleForEcs.addToPrincipalPolicy(invokeExactlyStatement(this));
    }
    return this.invokeRoleForEcs;
  }

  private grantInvokeToServiceRole(role: IRole, idPrefix = 'CodeDeployInvoke'): void {
    const key = Stack.of(this).resolve(role.roleArn);
    const keyString = JSON.stringify(key);
    if (this.invokers.has(keyString)) return;
    this.invokers.add(keyString);
    if (role instanceof Role) {
      role.addToPrincipalPolicy(invokeExactlyStatement(this));
      return;
    }
    // A role imported by ARN may be immutable (CDK then drops identity statements silently), so allow it
    // through the function's resource policy, which works for any role.
    this.addPermission(`${idPrefix}${this.invokers.size}`, {
      principal: role,
      action: 'lambda:InvokeFunction',
    });
  }

  private acknowledgeOnce(finding: string, reason: string): void {
    if (this.acknowledged.has(finding)) return;
    this.acknowledged.add(finding);
    acknowledgeNag(this.hookRole, `AwsSolutions-IAM5[${finding}]`, reason);
  }
}
