import {
  acknowledgeNag,
  ECS_LIFECYCLE_EVENTS,
  type EcsLifecycleEvent,
  type HookBundlingOptions,
  HookFunction,
  renderEcsAppSpecJson,
} from '@greenlight/cdk';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EcsDeploymentConfig, EcsDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { HttpCodeTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { ECS_EXAMPLE_NEEDS, type EcsHookNeed } from './examples.js';
import { CONTAINER_NAME, CONTAINER_PORT, TEST_PORT, WebService } from './web-service.js';
import { acknowledgeWebServiceFindings } from './web-service-nag.js';

/**
 * Properties of the {@link EcsBlueGreenStack}.
 *
 * @example
 * const props: EcsBlueGreenStackProps = {
 *   hooks: { AfterAllowTestTraffic: '/repo/examples/ecs-after-allow-test-traffic/src/handler.ts' },
 * };
 */
export interface EcsBlueGreenStackProps extends StackProps {
  /** The entry file of the hook for each ECS lifecycle event that should run one. */
  readonly hooks: Partial<Readonly<Record<EcsLifecycleEvent, string>>>;
  /**
   * What each hook's checks read from AWS; each hook gets exactly those permissions.
   * @default ECS_EXAMPLE_NEEDS (what the examples' checks call)
   */
  readonly needs?: Partial<Readonly<Record<EcsLifecycleEvent, readonly EcsHookNeed[]>>>;
  /**
   * How the hooks are bundled (e.g. `conditions: ['@greenlight/source']` inside this repository).
   * @default HookFunction's defaults
   */
  readonly bundling?: HookBundlingOptions;
}

/**
 * An ECS blue/green deployment guarded by greenlight hooks: the {@link WebService} (VPC, cluster, Fargate
 * service with the CODE_DEPLOY controller, ALB with production and test listeners, blue and green target
 * groups), an `EcsDeploymentGroup`, one hook per configured lifecycle event, and the AppSpec that lists
 * them as a stack output.
 *
 * @example
 * new EcsBlueGreenStack(app, 'GreenlightEcs', { hooks: { AfterAllowTestTraffic: entry } });
 */
export class EcsBlueGreenStack extends Stack {
  /** The service and its load balancing. */
  public readonly web: WebService;
  /** The blue/green deployment group. */
  public readonly deploymentGroup: EcsDeploymentGroup;
  /** The hooks, by lifecycle event. */
  public readonly hooks: Partial<Record<EcsLifecycleEvent, HookFunction>> = {};
  /** Target 5xx responses (any in a minute) and p99 target response time above one second. */
  public readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: EcsBlueGreenStackProps) {
    super(scope, id, props);
    this.web = new WebService(this, 'Web');
    const web = this.web;
    const metrics = web.loadBalancer.metrics;
    this.alarms = [
      new Alarm(this, 'Target5xx', {
        alarmDescription: 'Any 5xx from the tasks stops the deployment',
        metric: metrics.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, { period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'TargetLatency', {
        alarmDescription: 'p99 target response time above one second stops the deployment',
        metric: metrics.targetResponseTime({ period: Duration.minutes(1), statistic: 'p99' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    this.deploymentGroup = new EcsDeploymentGroup(this, 'BlueGreen', {
      service: web.service,
      alarms: [...this.alarms],
      deploymentConfig: EcsDeploymentConfig.ALL_AT_ONCE,
      blueGreenDeploymentConfig: {
        blueTargetGroup: web.blueTargetGroup,
        greenTargetGroup: web.greenTargetGroup,
        listener: web.productionListener,
        testListener: web.testListener,
        terminationWaitTime: Duration.minutes(5),
      },
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    const dns = web.loadBalancer.loadBalancerDnsName;
    // The variables the examples read; ecsTaskSet and targetHealth find the task sets and target groups
    // through the deployment itself.
    const environment = {
      PRODUCTION_LISTENER_URL: `http://${dns}/`,
      TEST_LISTENER_URL: `http://${dns}:${TEST_PORT}/`,
      DEPENDENCY_HEALTH_URL: `http://${dns}/health`,
      ALARM_NAMES: this.alarms.map((a) => a.alarmName).join(','),
    };
    for (const event of ECS_LIFECYCLE_EVENTS) {
      const entry = props.hooks[event];
      if (entry === undefined) continue;
      const needs = props.needs?.[event] ?? ECS_EXAMPLE_NEEDS[event];
      const hook = new HookFunction(this, event, {
        entry,
        bundling: props.bundling,
        environment,
        logRemovalPolicy: RemovalPolicy.DESTROY,
        uses: {
          ecsServices: needs.includes('taskSets') ? [web.service] : undefined,
          targetHealth: needs.includes('targetHealth'),
          alarms: needs.includes('alarms') ? this.alarms : undefined,
        },
      });
      hook.attachToEcsDeploymentGroup(this.deploymentGroup, event);
      this.hooks[event] = hook;
    }
    acknowledgeNag(
      this.deploymentGroup.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSCodeDeployRoleForECS]',
      "CDK's EcsDeploymentGroup attaches AWS's CodeDeploy-for-ECS service policy (task sets, listeners, " +
        'target groups); it only allows invoking CodeDeployHook_* functions, so greenlight grants invoke on ' +
        'each hook explicitly.',
    );
    acknowledgeWebServiceFindings(web);

    new CfnOutput(this, 'ProductionUrl', { value: environment.PRODUCTION_LISTENER_URL });
    new CfnOutput(this, 'TestUrl', { value: environment.TEST_LISTENER_URL });
    new CfnOutput(this, 'ApplicationName', { value: this.deploymentGroup.application.applicationName });
    new CfnOutput(this, 'DeploymentGroupName', { value: this.deploymentGroup.deploymentGroupName });
    new CfnOutput(this, 'AppSpec', {
      description: 'The AppSpec for `aws deploy create-deployment` (redeploys the current task definition)',
      value: renderEcsAppSpecJson(
        {
          taskDefinition: web.taskDefinition,
          containerName: CONTAINER_NAME,
          containerPort: CONTAINER_PORT,
          hooks: this.hooks,
          network: {
            subnets: web.vpc.publicSubnets.map((s) => s.subnetId),
            securityGroups: [web.serviceSecurityGroup.securityGroupId],
            assignPublicIp: 'ENABLED',
          },
        },
        this,
      ),
    });
  }
}
