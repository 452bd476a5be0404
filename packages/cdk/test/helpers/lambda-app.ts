import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';

/** A function under deployment: an inline function, its `live` alias, an errors alarm and a canary group. */
export interface LambdaTarget {
  readonly fn: LambdaFunction;
  readonly alias: Alias;
  readonly alarm: Alarm;
  readonly group: LambdaDeploymentGroup;
}

export function lambdaTarget(stack: Stack): LambdaTarget {
  const fn = new LambdaFunction(stack, 'Target', {
    functionName: 'orders',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => "ok";'),
  });
  const alias = new Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
  const alarm = new Alarm(stack, 'Errors', {
    alarmName: 'orders-errors',
    metric: alias.metricErrors({ period: Duration.minutes(1) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  const group = new LambdaDeploymentGroup(stack, 'Group', {
    alias,
    deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
    alarms: [alarm],
  });
  return { fn, alias, alarm, group };
}
