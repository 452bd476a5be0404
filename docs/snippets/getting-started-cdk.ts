// docs/snippets/getting-started-cdk.ts
import { HookFunction } from '@greenlight/cdk';
import type { Stack } from 'aws-cdk-lib';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Alias } from 'aws-cdk-lib/aws-lambda';

export function ordersCanary(stack: Stack, alias: Alias, hookEntry = 'orders-hook/src/handler.ts') {
  const group = new LambdaDeploymentGroup(stack, 'OrdersCanary', {
    alias,
    deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  });
  const hook = new HookFunction(stack, 'OrdersPreTraffic', {
    entry: hookEntry, // the module exporting `handler = createHook(...)`
    uses: { invokeTarget: alias },
  });
  hook.attachToLambdaDeploymentGroup(group, 'BeforeAllowTraffic');
  return group;
}
