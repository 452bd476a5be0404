import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import {
  AlternateTarget,
  Cluster,
  ContainerImage,
  CpuArchitecture,
  DeploymentControllerType,
  DeploymentStrategy,
  FargateService,
  FargateTaskDefinition,
  ListenerRuleConfiguration,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import {
  type ApplicationListener,
  ApplicationListenerRule,
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  ListenerAction,
  ListenerCondition,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The demo server: Node.js from the public ECR mirror of the official image (arm64), answering every path
 * with `{"status":"ok","path":…}`, so the ECS examples' HTTP checks have something to call. (A service
 * under the CODE_DEPLOY controller cannot take a new task definition from CloudFormation: new revisions
 * are deployed with CodeDeploy, see the README.)
 *
 * @example
 * demoServerCommand(); // ['node', '-e', '...']
 */
export function demoServerCommand(): string[] {
  return [
    'node',
    '-e',
    "require('http').createServer((req, res) => { res.setHeader('content-type', 'application/json'); " +
      `res.end(JSON.stringify({ status: 'ok', path: req.url })); }).listen(${CONTAINER_PORT});`,
  ];
}

/**
 * The container name in the task definition and the AppSpec.
 *
 * @example
 * renderEcsAppSpec({ containerName: CONTAINER_NAME, containerPort: CONTAINER_PORT, taskDefinition });
 */
export const CONTAINER_NAME = 'web';
/**
 * The container port behind both target groups.
 *
 * @example
 * CONTAINER_PORT; // 80
 */
export const CONTAINER_PORT = 80;
/**
 * The production listener port.
 *
 * @example
 * `http://${dns}:${PRODUCTION_PORT}/`;
 */
export const PRODUCTION_PORT = 80;
/**
 * The test listener port (the replacement task set answers here before it gets production traffic).
 *
 * @example
 * `http://${dns}:${TEST_PORT}/`; // what the AfterAllowTestTraffic hook calls
 */
export const TEST_PORT = 8080;

/**
 * Properties of a {@link WebService}.
 *
 * @example
 * new WebService(this, 'Web', { deployment: 'ecs-native', revision: '2' });
 */
export interface WebServiceProps {
  /**
   * Who runs blue/green: CodeDeploy (deployment controller `CODE_DEPLOY`, listeners forwarding to blue;
   * CodeDeploy swaps them), or ECS itself (controller `ECS`, strategy `BLUE_GREEN`: one listener rule per
   * listener forwarding to blue and green by weight, which ECS shifts, and the role ECS needs for it).
   * @default 'codedeploy'
   */
  readonly deployment?: 'codedeploy' | 'ecs-native';
  /**
   * A label put on the container (Docker label `greenlight.revision`): changing it registers a new task
   * definition revision, which an ECS-native service deploys blue/green from CloudFormation. (A label, not an
   * environment variable: cdk-nag's AwsSolutions-ECS2 flags container environment variables.)
   * @default - no label
   */
  readonly revision?: string;
  /**
   * How many tasks the service runs.
   * @default 1
   */
  readonly desiredCount?: number;
}

/**
 * A Fargate web service set up for blue/green (CodeDeploy's, or ECS's own): a two-AZ VPC with public subnets only (no NAT
 * gateway), a cluster, one ARM64 task behind an internet-facing ALB with a production listener (80) and a
 * test listener (8080), and the blue and green target groups CodeDeploy swaps between.
 *
 * @example
 * const web = new WebService(this, 'Web');
 */
export class WebService extends Construct {
  /** Two AZs, public subnets only, no NAT gateway. */
  public readonly vpc: Vpc;
  /** The ECS cluster. */
  public readonly cluster: Cluster;
  /** The Fargate task definition (ARM64, 0.25 vCPU, 512 MB) running {@link demoServerCommand}. */
  public readonly taskDefinition: FargateTaskDefinition;
  /** The service, under the CODE_DEPLOY deployment controller (or ECS with `BLUE_GREEN`, when native). */
  public readonly service: FargateService;
  /** The tasks' security group: the container port from the load balancer only. */
  public readonly serviceSecurityGroup: SecurityGroup;
  /** The load balancer's security group: the two listener ports from anywhere. */
  public readonly loadBalancerSecurityGroup: SecurityGroup;
  /** The internet-facing ALB. */
  public readonly loadBalancer: ApplicationLoadBalancer;
  /** Port 80, forwarding to blue at rest (CodeDeploy switches it; when native, through a rule ECS shifts). */
  public readonly productionListener: ApplicationListener;
  /** Port 8080, forwarding to blue at rest (the replacement gets test traffic here first). */
  public readonly testListener: ApplicationListener;
  /** The target group of the original task set. */
  public readonly blueTargetGroup: ApplicationTargetGroup;
  /** The target group of the replacement task set. */
  public readonly greenTargetGroup: ApplicationTargetGroup;
  /**
   * ECS native only: the role ECS assumes to shift the listener rules between blue and green
   * (AWS's `AmazonECSInfrastructureRolePolicyForLoadBalancers`).
   */
  public readonly loadBalancerRole?: Role;

  constructor(scope: Construct, id: string, props: WebServiceProps = {}) {
    super(scope, id);
    const native = props.deployment === 'ecs-native';
    this.vpc = new Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 }],
    });
    this.cluster = new Cluster(this, 'Cluster', { vpc: this.vpc });
    this.taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: 256,
      memoryLimitMiB: 512,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.ARM64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.taskDefinition.addContainer(CONTAINER_NAME, {
      image: ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
      command: demoServerCommand(),
      dockerLabels: props.revision === undefined ? undefined : { 'greenlight.revision': props.revision },
      portMappings: [{ containerPort: CONTAINER_PORT }],
      logging: LogDrivers.awsLogs({ streamPrefix: CONTAINER_NAME, logGroup }),
    });

    const albSecurityGroup = new SecurityGroup(this, 'AlbSecurityGroup', {
      vpc: this.vpc,
      description: 'Public HTTP on the production and test listeners',
      allowAllOutbound: false,
    });
    this.loadBalancerSecurityGroup = albSecurityGroup;
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(PRODUCTION_PORT), 'production listener');
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(TEST_PORT), 'test listener');
    this.serviceSecurityGroup = new SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc: this.vpc,
      description: 'Tasks: HTTP from the load balancer only; outbound for image pulls',
    });
    this.serviceSecurityGroup.addIngressRule(albSecurityGroup, Port.tcp(CONTAINER_PORT), 'from the ALB');
    albSecurityGroup.addEgressRule(this.serviceSecurityGroup, Port.tcp(CONTAINER_PORT), 'to the tasks');

    this.loadBalancer = new ApplicationLoadBalancer(this, 'Alb', {
      vpc: this.vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
    });
    const targetGroup = (name: string) =>
      new ApplicationTargetGroup(this, name, {
        vpc: this.vpc,
        port: CONTAINER_PORT,
        protocol: ApplicationProtocol.HTTP,
        targetType: TargetType.IP,
        deregistrationDelay: Duration.seconds(10),
        healthCheck: { path: '/', interval: Duration.seconds(10), healthyThresholdCount: 2 },
      });
    this.blueTargetGroup = targetGroup('Blue');
    this.greenTargetGroup = targetGroup('Green');
    const listener = (name: string, port: number) =>
      this.loadBalancer.addListener(name, {
        port,
        protocol: ApplicationProtocol.HTTP,
        open: false,
        ...(native
          ? { defaultAction: ListenerAction.fixedResponse(404, { messageBody: 'no rule matched' }) }
          : { defaultTargetGroups: [this.blueTargetGroup] }),
      });
    this.productionListener = listener('Production', PRODUCTION_PORT);
    this.testListener = listener('Test', TEST_PORT);

    this.service = new FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount ?? 1,
      // Blue/green replaces whole task sets or revisions; this only matters while tasks drain.
      minHealthyPercent: 100,
      assignPublicIp: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      securityGroups: [this.serviceSecurityGroup],
      deploymentController: {
        type: native ? DeploymentControllerType.ECS : DeploymentControllerType.CODE_DEPLOY,
      },
      deploymentStrategy: native ? DeploymentStrategy.BLUE_GREEN : undefined,
    });
    if (!native) {
      this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
      return;
    }
    // ECS native blue/green: a rule per listener forwarding by weight (blue 100, green 0 at rest), which
    // ECS shifts through the load balancer role.
    const rule = (name: string, on: ApplicationListener) =>
      new ApplicationListenerRule(this, name, {
        listener: on,
        priority: 1,
        conditions: [ListenerCondition.pathPatterns(['/*'])],
        action: ListenerAction.weightedForward([
          { targetGroup: this.blueTargetGroup, weight: 100 },
          { targetGroup: this.greenTargetGroup, weight: 0 },
        ]),
      });
    this.loadBalancerRole = new Role(this, 'LoadBalancerRole', {
      assumedBy: new ServicePrincipal('ecs.amazonaws.com'),
      description: 'Lets ECS shift the listener rules between blue and green',
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('AmazonECSInfrastructureRolePolicyForLoadBalancers'),
      ],
    });
    this.service
      .loadBalancerTarget({
        containerName: CONTAINER_NAME,
        containerPort: CONTAINER_PORT,
        alternateTarget: new AlternateTarget('Alternate', {
          alternateTargetGroup: this.greenTargetGroup,
          productionListener: ListenerRuleConfiguration.applicationListenerRule(
            rule('ProductionRule', this.productionListener),
          ),
          testListener: ListenerRuleConfiguration.applicationListenerRule(
            rule('TestRule', this.testListener),
          ),
          role: this.loadBalancerRole,
        }),
      })
      .attachToApplicationTargetGroup(this.blueTargetGroup);
  }
}
