// packages/cdk/test/snippets/lambda-canary.ts
import { HookFunction } from '@greenlight/cdk';
import { Duration, type Stack } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Alias } from 'aws-cdk-lib/aws-lambda';

export function guardWithGreenlight(stack: Stack, alias: Alias, errors: IAlarm, hookEntry: string) {
  const group = new LambdaDeploymentGroup(stack, 'Canary', {
    alias,
    deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
    alarms: [errors],
  });
  const preTraffic = new HookFunction(stack, 'PreTraffic', {
    entry: hookEntry, // a module exporting `handler = createHook(...)`
    functionName: 'orders-pre-traffic', // any name: no CodeDeployHook_ prefix needed
    timeout: Duration.minutes(2), // the checks get 1 min 36 s, the report 24 s
    uses: { invokeTarget: alias, alarms: [errors] }, // what the checks call, nothing more
  });
  preTraffic.attachToLambdaDeploymentGroup(group, 'BeforeAllowTraffic');
  return { group, preTraffic };
}
