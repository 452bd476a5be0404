// packages/cdk/test/snippets/ecs-native.ts
import { HookFunction } from '@greenlight/cdk';
import type { Stack } from 'aws-cdk-lib';
import type { FargateService } from 'aws-cdk-lib/aws-ecs';

// `service` uses the ECS deployment controller with `deploymentStrategy: DeploymentStrategy.BLUE_GREEN`.
export function postTestTrafficHook(stack: Stack, service: FargateService, hookEntry: string) {
  const hook = new HookFunction(stack, 'PostTestTraffic', {
    entry: hookEntry, // a module exporting `handler = createEcsHook(...)`
    environment: { TEST_URL: 'http://my-alb.example.com:8080/' },
  });
  // ECS invokes the hook through a role that may invoke only this function; the hook returns its
  // status to ECS, so it gets no CodeDeploy permission.
  hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { hookDetails: { suite: 'smoke' } });
  return hook;
}
