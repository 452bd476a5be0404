import {
  acknowledgeNag,
  type EcsLifecycleStage,
  type HookBundlingOptions,
  HookFunction,
  type HookUses,
} from '@greenlight/cdk';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TEST_PORT, WebService } from './web-service.js';

/**
 * What the `ecs-native-post-test-traffic` example's checks read: `targetHealth` (the test target group,
 * given by name) and `http` (nothing).
 *
 * @example
 * new EcsNativeBlueGreenStack(app, 'Native', { hookEntry, uses: ECS_NATIVE_EXAMPLE_USES });
 */
export const ECS_NATIVE_EXAMPLE_USES: HookUses = Object.freeze({ targetHealth: true });

import { acknowledgeWebServiceFindings } from './web-service-nag.js';

/**
 * Properties of the {@link EcsNativeBlueGreenStack}.
 *
 * @example
 * const props: EcsNativeBlueGreenStackProps = {
 *   hookEntry: '/repo/examples/ecs-native-post-test-traffic/src/handler.ts',
 * };
 */
export interface EcsNativeBlueGreenStackProps extends StackProps {
  /** The entry file of the hook: a module exporting `handler = createEcsHook(...)`. */
  readonly hookEntry: string;
  /**
   * The lifecycle stages the hook runs at.
   * @default ['POST_TEST_TRAFFIC_SHIFT'] (the green revision answers on the test listener)
   */
  readonly stages?: readonly EcsLifecycleStage[];
  /**
   * What the hook's checks read from AWS.
   * @default ECS_NATIVE_EXAMPLE_USES (`targetHealth`, what the example's checks call)
   */
  readonly uses?: HookUses;
  /**
   * How many tasks the service runs.
   * @default 2 (the example waits for two healthy targets)
   */
  readonly desiredCount?: number;
  /**
   * The container's `greenlight.revision` Docker label: change it and deploy, and ECS runs a blue/green
   * deployment of the new task definition revision, running the hook.
   * @default '1'
   */
  readonly revision?: string;
  /**
   * How the hook is bundled (e.g. `conditions: ['@greenlight/source']` inside this repository).
   * @default HookFunction's defaults
   */
  readonly bundling?: HookBundlingOptions;
}

/**
 * An Amazon ECS native blue/green deployment guarded by a greenlight hook, no CodeDeploy: the
 * {@link WebService} under the ECS deployment controller with the `BLUE_GREEN` strategy (listener rules
 * ECS shifts between the blue and green target groups), and one `createEcsHook` hook attached to the
 * service's lifecycle hooks, invoked through a role that may invoke only that function.
 *
 * @example
 * new EcsNativeBlueGreenStack(app, 'GreenlightEcsNative', { hookEntry: entry });
 */
export class EcsNativeBlueGreenStack extends Stack {
  /** The service and its load balancing. */
  public readonly web: WebService;
  /** The lifecycle hook. */
  public readonly hook: HookFunction;

  constructor(scope: Construct, id: string, props: EcsNativeBlueGreenStackProps) {
    super(scope, id, props);
    this.web = new WebService(this, 'Web', {
      deployment: 'ecs-native',
      revision: props.revision ?? '1',
      desiredCount: props.desiredCount ?? 2,
    });
    const dns = this.web.loadBalancer.loadBalancerDnsName;
    // The variables the example reads. TEST_TARGET_GROUP is the alternate (green) group, where the first
    // deployment's new revision runs; ECS alternates the groups between deployments.
    const environment = {
      PRODUCTION_LISTENER_URL: `http://${dns}/`,
      TEST_LISTENER_URL: `http://${dns}:${TEST_PORT}/`,
      TEST_TARGET_GROUP: this.web.greenTargetGroup.targetGroupName,
    };
    this.hook = new HookFunction(this, 'Hook', {
      entry: props.hookEntry,
      description: 'greenlight ECS native lifecycle hook',
      bundling: props.bundling,
      environment,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      uses: props.uses ?? ECS_NATIVE_EXAMPLE_USES,
    });
    this.hook.attachToEcsService(this.web.service, props.stages ?? ['POST_TEST_TRAFFIC_SHIFT']);
    acknowledgeWebServiceFindings(this.web);
    if (this.web.loadBalancerRole) {
      acknowledgeNag(
        this.web.loadBalancerRole,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers]',
        "AWS's policy for ECS to shift listener rules and target groups during native blue/green " +
          'deployments, as the ECS developer guide prescribes for the load balancer infrastructure role.',
      );
    }

    new CfnOutput(this, 'ProductionUrl', { value: environment.PRODUCTION_LISTENER_URL });
    new CfnOutput(this, 'TestUrl', { value: environment.TEST_LISTENER_URL });
    new CfnOutput(this, 'ClusterName', { value: this.web.cluster.clusterName });
    new CfnOutput(this, 'ServiceName', { value: this.web.service.serviceName });
    new CfnOutput(this, 'HookFunctionName', { value: this.hook.functionName });
  }
}
