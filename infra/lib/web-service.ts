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

/** The container name in the task definition and the AppSpec. */
export const CONTAINER_NAME = 'web';
/** The container port behind both target groups. */
export const CONTAINER_PORT = 80;
/** The production listener port. */
export const PRODUCTION_PORT = 80;
/** The test listener port (the replacement task set answers here before it gets production traffic). */
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
  public readonly vpc: Vpc;
  public readonly cluster: Cluster;
  public readonly taskDefinition: FargateTaskDefinition;
  public readonly service: FargateService;
  public readonly serviceSecurityGroup: SecurityGroup;
  public readonly loadBalancerSecurityGroup: SecurityGroup;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly productionListener: ApplicationListener;
  public readonly testListener: ApplicationListener;
  public readonly blueTargetGroup: ApplicationTargetGroup;
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
