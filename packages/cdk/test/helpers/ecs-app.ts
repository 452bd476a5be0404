import type { Stack } from 'aws-cdk-lib';
import { EcsDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerImage,
  DeploymentControllerType,
  FargateService,
  FargateTaskDefinition,
} from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/** A minimal ECS blue/green setup: a Fargate service behind an ALB with production and test listeners. */
export interface EcsTarget {
  readonly cluster: Cluster;
  readonly service: FargateService;
  readonly taskDefinition: FargateTaskDefinition;
  readonly group: EcsDeploymentGroup;
}

export function ecsTarget(stack: Stack): EcsTarget {
  const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const cluster = new Cluster(stack, 'Cluster', { vpc, clusterName: 'shop' });
  const taskDefinition = new FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('web', {
    image: ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    portMappings: [{ containerPort: 80 }],
  });
  const service = new FargateService(stack, 'Service', {
    cluster,
    taskDefinition,
    serviceName: 'web',
    deploymentController: { type: DeploymentControllerType.CODE_DEPLOY },
  });
  const alb = new ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const blue = new ApplicationTargetGroup(stack, 'Blue', { vpc, port: 80, targetType: TargetType.IP });
  const green = new ApplicationTargetGroup(stack, 'Green', { vpc, port: 80, targetType: TargetType.IP });
  const listener = alb.addListener('Prod', {
    port: 80,
    protocol: ApplicationProtocol.HTTP,
    defaultTargetGroups: [blue],
  });
  const testListener = alb.addListener('Test', {
    port: 8080,
    protocol: ApplicationProtocol.HTTP,
    defaultTargetGroups: [blue],
  });
  service.attachToApplicationTargetGroup(blue);
  const group = new EcsDeploymentGroup(stack, 'Group', {
    service,
    blueGreenDeploymentConfig: { blueTargetGroup: blue, greenTargetGroup: green, listener, testListener },
  });
  return { cluster, service, taskDefinition, group };
}
