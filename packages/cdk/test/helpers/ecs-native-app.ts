import type { Stack } from 'aws-cdk-lib';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster,
  ContainerImage,
  type DeploymentController,
  DeploymentControllerType,
  DeploymentStrategy,
  FargateService,
  FargateTaskDefinition,
} from 'aws-cdk-lib/aws-ecs';

/** A minimal Fargate service under the ECS deployment controller with the native blue/green strategy. */
export interface EcsNativeTarget {
  readonly cluster: Cluster;
  readonly service: FargateService;
}

export function ecsNativeTarget(stack: Stack): EcsNativeTarget {
  const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const cluster = new Cluster(stack, 'Cluster', { vpc, clusterName: 'shop' });
  return { cluster, service: nativeService(stack, cluster, 'Service') };
}

/** Another service on the same cluster (ECS controller and blue/green unless `controller` says otherwise). */
export function nativeService(
  stack: Stack,
  cluster: Cluster,
  id: string,
  controller: DeploymentController = { type: DeploymentControllerType.ECS },
): FargateService {
  const taskDefinition = new FargateTaskDefinition(stack, `${id}Task`);
  taskDefinition.addContainer('web', {
    image: ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    portMappings: [{ containerPort: 80 }],
  });
  return new FargateService(stack, id, {
    cluster,
    taskDefinition,
    serviceName: id.toLowerCase(),
    deploymentController: controller,
    deploymentStrategy:
      controller.type === DeploymentControllerType.ECS ? DeploymentStrategy.BLUE_GREEN : undefined,
  });
}
