import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerImage,
  CpuArchitecture,
  DeploymentControllerType,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import {
  type ApplicationListener,
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
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
 * A Fargate web service set up for CodeDeploy blue/green: a two-AZ VPC with public subnets only (no NAT
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
  /** The service, under the CODE_DEPLOY deployment controller. */
  public readonly service: FargateService;
  /** The tasks' security group: the container port from the load balancer only. */
  public readonly serviceSecurityGroup: SecurityGroup;
  /** The load balancer's security group: the two listener ports from anywhere. */
  public readonly loadBalancerSecurityGroup: SecurityGroup;
  /** The internet-facing ALB. */
  public readonly loadBalancer: ApplicationLoadBalancer;
  /** Port 80, forwarding to blue at rest (CodeDeploy switches it). */
  public readonly productionListener: ApplicationListener;
  /** Port 8080, forwarding to blue at rest (CodeDeploy points it at the replacement first). */
  public readonly testListener: ApplicationListener;
  /** The target group of the original task set. */
  public readonly blueTargetGroup: ApplicationTargetGroup;
  /** The target group of the replacement task set. */
  public readonly greenTargetGroup: ApplicationTargetGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
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
    this.productionListener = this.loadBalancer.addListener('Production', {
      port: PRODUCTION_PORT,
      protocol: ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [this.blueTargetGroup],
    });
    this.testListener = this.loadBalancer.addListener('Test', {
      port: TEST_PORT,
      protocol: ApplicationProtocol.HTTP,
      open: false,
      defaultTargetGroups: [this.blueTargetGroup],
    });

    this.service = new FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: 1,
      // With CODE_DEPLOY, CodeDeploy replaces whole task sets; this only matters while tasks drain.
      minHealthyPercent: 100,
      assignPublicIp: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      securityGroups: [this.serviceSecurityGroup],
      deploymentController: { type: DeploymentControllerType.CODE_DEPLOY },
    });
    this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
  }
}
