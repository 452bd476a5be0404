import { acknowledgeNag } from '@greenlight/cdk';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The demo target's code: answers the pre-traffic example's smoke tests (`{ action: 'health' }` ->
 * `{ status: 'ok' }`, `{ action: 'quote', items }` -> a positive `total`) and anything else with 200.
 *
 * @param version the version label baked into every answer
 * @example
 * targetSource('2'); // 'exports.handler = async (event) => { ... }'
 */
export function targetSource(version: string): string {
  const v = JSON.stringify(version);
  return [
    'exports.handler = async (event) => {',
    `  if (event && event.action === 'health') return { status: 'ok', version: ${v} };`,
    "  if (event && event.action === 'quote') {",
    '    const items = Array.isArray(event.items) ? event.items : [];',
    '    const total = items.reduce((sum, item) => sum + 10 * (Number(item.qty) || 0), 0);',
    `    return { total, currency: 'EUR', version: ${v} };`,
    '  }',
    `  return { statusCode: 200, body: JSON.stringify({ ok: true, version: ${v} }) };`,
    '};',
  ].join('\n');
}

/**
 * Properties of the {@link TargetFunction}.
 *
 * @example
 * const props: TargetFunctionProps = { version: '2' };
 */
export interface TargetFunctionProps {
  /**
   * A label baked into the code and description: change it to publish a new version, which CodeDeploy
   * then shifts traffic to.
   * @default '1'
   */
  readonly version?: string;
}

/**
 * The function under deployment in the Lambda stack: a tiny inline handler ({@link targetSource}) on nodejs22.x
 * ARM64, its `live` alias (the traffic CodeDeploy shifts) and two alarms on the alias that roll a
 * deployment back: any error, or a p99 duration above one second.
 *
 * @example
 * const target = new TargetFunction(this, 'Orders', { version: '2' });
 */
export class TargetFunction extends Construct {
  /** The function. */
  public readonly fn: LambdaFunction;
  /** The `live` alias, pointing at the current version. */
  public readonly alias: Alias;
  /** Errors >= 1 in a minute, on the alias. */
  public readonly errorsAlarm: Alarm;
  /** p99 duration > 1 s over a minute, on the alias. */
  public readonly latencyAlarm: Alarm;

  constructor(scope: Construct, id: string, props: TargetFunctionProps = {}) {
    super(scope, id);
    const version = props.version ?? '1';
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.fn = new LambdaFunction(this, 'Function', {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromInline(targetSource(version)),
      description: `greenlight demo target, version ${version}`,
      memorySize: 128,
      timeout: Duration.seconds(5),
      role,
      logGroup,
    });
    this.alias = new Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion });
    this.errorsAlarm = new Alarm(this, 'Errors', {
      alarmDescription: 'Any error on the live alias rolls the deployment back',
      metric: this.alias.metricErrors({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.latencyAlarm = new Alarm(this, 'Latency', {
      alarmDescription: 'p99 duration above one second on the live alias rolls the deployment back',
      metric: this.alias.metricDuration({ period: Duration.minutes(1), statistic: 'p99' }),
      threshold: 1000,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    acknowledgeNag(
      this.fn,
      'AwsSolutions-L1',
      'The demo target runs on nodejs22.x like the hooks, so one runtime is exercised end to end.',
    );
  }
}
