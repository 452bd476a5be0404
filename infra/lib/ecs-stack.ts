import {
  acknowledgeNag,
  ECS_LIFECYCLE_EVENTS,
  type EcsLifecycleEvent,
  type HookBundlingOptions,
  HookFunction,
  renderEcsAppSpecJson,
} from '@greenlight/cdk';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { EcsDeploymentConfig, EcsDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Construct } from 'constructs';
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

  constructor(scope: Construct, id: string, props: EcsBlueGreenStackProps) {
    super(scope, id, props);
    this.web = new WebService(this, 'Web');
    const web = this.web;
    this.deploymentGroup = new EcsDeploymentGroup(this, 'BlueGreen', {
      service: web.service,
      deploymentConfig: EcsDeploymentConfig.ALL_AT_ONCE,
      blueGreenDeploymentConfig: {
        blueTargetGroup: web.blueTargetGroup,
        greenTargetGroup: web.greenTargetGroup,
        listener: web.productionListener,
        testListener: web.testListener,
        terminationWaitTime: Duration.minutes(5),
      },
      autoRollback: { failedDeployment: true, stoppedDeployment: true },
    });
    const dns = web.loadBalancer.loadBalancerDnsName;
    const environment = {
      PRODUCTION_URL: `http://${dns}/`,
      DEPENDENCY_HEALTH_URL: `http://${dns}/health`,
      TEST_URL: `http://${dns}:${TEST_PORT}/`,
      CLUSTER_NAME: web.cluster.clusterName,
      SERVICE_NAME: web.service.serviceName,
      BLUE_TARGET_GROUP_ARN: web.blueTargetGroup.targetGroupArn,
      GREEN_TARGET_GROUP_ARN: web.greenTargetGroup.targetGroupArn,
    };
    for (const event of ECS_LIFECYCLE_EVENTS) {
      const entry = props.hooks[event];
      if (entry === undefined) continue;
      const hook = new HookFunction(this, event, {
        entry,
        bundling: props.bundling,
        environment,
        logRemovalPolicy: RemovalPolicy.DESTROY,
        uses: { ecsServices: [web.service], targetHealth: true },
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

    new CfnOutput(this, 'ProductionUrl', { value: environment.PRODUCTION_URL });
    new CfnOutput(this, 'TestUrl', { value: environment.TEST_URL });
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
