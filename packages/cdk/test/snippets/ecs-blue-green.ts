// packages/cdk/test/snippets/ecs-blue-green.ts
import { HookFunction, renderEcsAppSpecJson } from '@greenlight/cdk';
import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type { EcsDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { FargateService, TaskDefinition } from 'aws-cdk-lib/aws-ecs';

export function testTrafficHook(
  stack: Stack,
  group: EcsDeploymentGroup,
  service: FargateService,
  taskDefinition: TaskDefinition,
  hookEntry: string,
) {
  const hook = new HookFunction(stack, 'TestTraffic', {
    entry: hookEntry,
    environment: { TEST_URL: 'http://my-alb.example.com:8080/' },
    uses: { ecsServices: [service], targetHealth: true },
  });
  // Grants CodeDeploy's ECS role invoke on this function, and the hook its report on this group.
  hook.attachToEcsDeploymentGroup(group, 'AfterAllowTestTraffic');
  // The AppSpec a deployment passes to CodeDeploy, listing the hook at its event.
  new CfnOutput(stack, 'AppSpec', {
    value: renderEcsAppSpecJson(
      { taskDefinition, containerName: 'web', containerPort: 80, hooks: { AfterAllowTestTraffic: hook } },
      stack,
    ),
  });
  return hook;
}
