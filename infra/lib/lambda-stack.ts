import { acknowledgeNag, type HookBundlingOptions, HookFunction } from '@greenlight/cdk';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Construct } from 'constructs';
import { TargetFunction } from './target-function.js';

/**
 * Properties of the {@link LambdaCanaryStack}.
 *
 * @example
 * const props: LambdaCanaryStackProps = {
 *   hooks: { beforeAllowTraffic: '/repo/examples/lambda-before-allow-traffic/src/handler.ts',
 *            afterAllowTraffic: '/repo/examples/lambda-after-allow-traffic/src/handler.ts' },
 * };
 */
export interface LambdaCanaryStackProps extends StackProps {
  /** The entry files of the two hooks. */
  readonly hooks: { readonly beforeAllowTraffic: string; readonly afterAllowTraffic: string };
  /**
   * How the hooks are bundled (e.g. `conditions: ['@greenlight/source']` inside this repository).
   * @default HookFunction's defaults
   */
  readonly bundling?: HookBundlingOptions;
  /**
   * The target function's version label; change it to deploy a new version through the canary.
   * @default '1'
   */
  readonly targetVersion?: string;
}

/**
 * A Lambda canary deployment guarded by greenlight hooks: the target function and its `live` alias, a
 * `LambdaDeploymentGroup` shifting 10% for five minutes then the rest, rolling back on either alarm,
 * with the pre-traffic hook (invokes the new version, reads the alarms) and the post-traffic hook (reads
 * the alarms and metrics).
 *
 * @example
 * new LambdaCanaryStack(app, 'GreenlightLambda', { hooks: { beforeAllowTraffic, afterAllowTraffic } });
 */
export class LambdaCanaryStack extends Stack {
  /** The function under deployment, its alias and alarms. */
  public readonly target: TargetFunction;
  /** The canary deployment group. */
  public readonly deploymentGroup: LambdaDeploymentGroup;
  /** The BeforeAllowTraffic hook. */
  public readonly preTrafficHook: HookFunction;
  /** The AfterAllowTraffic hook. */
  public readonly postTrafficHook: HookFunction;

  constructor(scope: Construct, id: string, props: LambdaCanaryStackProps) {
    super(scope, id, props);
    this.target = new TargetFunction(this, 'Orders', { version: props.targetVersion });
    const alarms = [this.target.errorsAlarm, this.target.latencyAlarm];
    this.deploymentGroup = new LambdaDeploymentGroup(this, 'Canary', {
      alias: this.target.alias,
      deploymentConfig: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    const environment = {
      TARGET_FUNCTION_NAME: this.target.fn.functionName,
      TARGET_ALIAS_NAME: this.target.alias.aliasName,
      ALARM_NAMES: alarms.map((a) => a.alarmName).join(','),
    };
    this.preTrafficHook = new HookFunction(this, 'PreTraffic', {
      entry: props.hooks.beforeAllowTraffic,
      bundling: props.bundling,
      environment,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      uses: { invokeTarget: this.target.fn, alarms },
    });
    this.postTrafficHook = new HookFunction(this, 'PostTraffic', {
      entry: props.hooks.afterAllowTraffic,
      bundling: props.bundling,
      environment,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      uses: { alarms, metrics: true },
    });
    this.preTrafficHook.attachToLambdaDeploymentGroup(this.deploymentGroup, 'BeforeAllowTraffic');
    this.postTrafficHook.attachToLambdaDeploymentGroup(this.deploymentGroup, 'AfterAllowTraffic');
    acknowledgeNag(
      this.deploymentGroup.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      "CDK's LambdaDeploymentGroup attaches AWS's CodeDeploy-for-Lambda service policy (alias updates, " +
        'alarm reads); greenlight adds the hook invoke grants on top of it explicitly.',
    );

    new CfnOutput(this, 'FunctionName', { value: this.target.fn.functionName });
    new CfnOutput(this, 'AliasArn', { value: this.target.alias.functionArn });
    new CfnOutput(this, 'ApplicationName', { value: this.deploymentGroup.application.applicationName });
    new CfnOutput(this, 'DeploymentGroupName', { value: this.deploymentGroup.deploymentGroupName });
    new CfnOutput(this, 'PreTrafficHookName', { value: this.preTrafficHook.functionName });
    new CfnOutput(this, 'PostTrafficHookName', { value: this.postTrafficHook.functionName });
  }
}
