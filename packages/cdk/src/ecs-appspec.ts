import {
  ECS_HOOK_EVENTS,
  type EcsLifecycleEvent,
  InvalidOptionsError,
  isEcsLifecycleEvent,
} from '@greenlight/contract';
import { Stack, Token } from 'aws-cdk-lib';
import type { ITaskDefinition } from 'aws-cdk-lib/aws-ecs';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * The network settings of an `awsvpc` task in the AppSpec (`NetworkConfiguration.AwsvpcConfiguration`).
 *
 * @example
 * const network: EcsAppSpecNetwork = { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'ENABLED' };
 */
export interface EcsAppSpecNetwork {
  /** Subnet IDs for the replacement task set. */
  readonly subnets: readonly string[];
  /**
   * Security group IDs for the replacement task set.
   * @default - none listed
   */
  readonly securityGroups?: readonly string[];
  /**
   * Whether the tasks get a public IP.
   * @default - not listed (CodeDeploy keeps the service's setting)
   */
  readonly assignPublicIp?: 'ENABLED' | 'DISABLED';
}

/**
 * What an ECS blue/green deployment deploys, and which hook runs at which event.
 *
 * @example
 * const props: EcsAppSpecProps = {
 *   taskDefinition: taskDefinition.taskDefinitionArn,
 *   containerName: 'web',
 *   containerPort: 80,
 *   hooks: { AfterAllowTestTraffic: testTrafficHook },
 * };
 */
export interface EcsAppSpecProps {
  /** The task definition to deploy: its ARN, or the construct. */
  readonly taskDefinition: string | ITaskDefinition;
  /** The container that receives traffic from the load balancer. */
  readonly containerName: string;
  /** The container port registered in the target groups. */
  readonly containerPort: number;
  /**
   * The hook per lifecycle event: a function (its name is listed) or a function name or ARN.
   * @default - no hooks
   */
  readonly hooks?: Partial<Readonly<Record<EcsLifecycleEvent, IFunction | string>>>;
  /**
   * The Fargate platform version.
   * @default - not listed (LATEST)
   */
  readonly platformVersion?: string;
  /**
   * The `awsvpc` network configuration of the replacement task set.
   * @default - not listed (the service's own configuration)
   */
  readonly network?: EcsAppSpecNetwork;
}

/**
 * An ECS AppSpec, as CodeDeploy reads it (`appSpecContent` of CreateDeployment).
 *
 * @example
 * const spec: EcsAppSpec = renderEcsAppSpec(props);
 * spec.Hooks; // [{ AfterAllowTestTraffic: 'my-hook' }]
 */
export interface EcsAppSpec {
  /** Always 0.0. */
  readonly version: number;
  /** The one ECS service target. */
  readonly Resources: readonly [{ readonly TargetService: EcsAppSpecTargetService }];
  /** One entry per hook, in lifecycle order; absent when there are no hooks. */
  readonly Hooks?: readonly Partial<Record<EcsLifecycleEvent, string>>[];
}

/**
 * The `TargetService` entry of an ECS AppSpec.
 *
 * @example
 * const target: EcsAppSpecTargetService = renderEcsAppSpec(props).Resources[0].TargetService;
 */
export interface EcsAppSpecTargetService {
  /** Always `AWS::ECS::Service`. */
  readonly Type: 'AWS::ECS::Service';
  /** The deployment's properties. */
  readonly Properties: {
    readonly TaskDefinition: string;
    readonly LoadBalancerInfo: { readonly ContainerName: string; readonly ContainerPort: number };
    readonly PlatformVersion?: string;
    readonly NetworkConfiguration?: {
      readonly AwsvpcConfiguration: {
        readonly Subnets: readonly string[];
        readonly SecurityGroups?: readonly string[];
        readonly AssignPublicIp?: 'ENABLED' | 'DISABLED';
      };
    };
  };
}

/**
 * Renders the AppSpec of an ECS blue/green deployment: the task definition, the container and port
 * behind the load balancer, and the hooks in lifecycle order. Values may hold CDK tokens; use
 * {@link renderEcsAppSpecJson} to turn them into a CloudFormation value (e.g. a stack output).
 *
 * Listing a hook here is half the wiring: CodeDeploy's role must also be allowed to invoke it, which
 * {@link HookFunction.attachToEcsDeploymentGroup} does.
 *
 * @param props what to deploy and the hooks
 * @throws InvalidOptionsError naming an unknown hook event, or an invalid container name or port
 * @example
 * const spec = renderEcsAppSpec({
 *   taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
 *   containerName: 'web',
 *   containerPort: 80,
 *   hooks: { BeforeInstall: 'web-before-install', AfterAllowTestTraffic: 'web-test-traffic' },
 * });
 */
export function renderEcsAppSpec(props: EcsAppSpecProps): EcsAppSpec {
  if (typeof props.containerName !== 'string' || props.containerName.length === 0) {
    throw new InvalidOptionsError('containerName', 'Expected `containerName` to be a non-empty string');
  }
  const port = props.containerPort;
  if (!Token.isUnresolved(port) && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new InvalidOptionsError(
      'containerPort',
      `Expected \`containerPort\` to be an integer from 1 to 65535, got ${String(port)}`,
    );
  }
  const hooks = props.hooks ?? {};
  for (const key of Object.keys(hooks)) {
    if (!isEcsLifecycleEvent(key)) {
      throw new InvalidOptionsError(
        `hooks.${key}`,
        `Unknown hook event \`${key}\`; ECS hook events: ${ECS_HOOK_EVENTS.join(', ')}`,
      );
    }
  }
  const entries = ECS_HOOK_EVENTS.flatMap((event) => {
    const hook = hooks[event];
    return hook === undefined ? [] : [{ [event]: typeof hook === 'string' ? hook : hook.functionName }];
  });
  const taskDefinition =
    typeof props.taskDefinition === 'string' ? props.taskDefinition : props.taskDefinition.taskDefinitionArn;
  const network = props.network;
  const target: EcsAppSpecTargetService = {
    Type: 'AWS::ECS::Service',
    Properties: {
      TaskDefinition: taskDefinition,
      LoadBalancerInfo: { ContainerName: props.containerName, ContainerPort: port },
      ...(props.platformVersion ? { PlatformVersion: props.platformVersion } : {}),
      ...(network
        ? {
            NetworkConfiguration: {
              AwsvpcConfiguration: {
                Subnets: [...network.subnets],
                ...(network.securityGroups ? { SecurityGroups: [...network.securityGroups] } : {}),
                ...(network.assignPublicIp ? { AssignPublicIp: network.assignPublicIp } : {}),
              },
            },
          }
        : {}),
    },
  };
  return {
    version: 0.0,
    Resources: [{ TargetService: target }],
    ...(entries.length > 0 ? { Hooks: entries } : {}),
  };
}

/**
 * Renders the AppSpec as JSON text with `"version": 0.0` spelled as CodeDeploy documents it. Without a
 * scope the props must be plain strings; with a scope, CDK tokens become a CloudFormation value.
 *
 * @param props what to deploy and the hooks
 * @param scope a construct in the stack that will hold the value (needed when props hold tokens)
 * @throws InvalidOptionsError (`scope`) when props hold tokens and no scope is given
 * @example
 * new CfnOutput(this, 'AppSpec', { value: renderEcsAppSpecJson({ ...props }, this) });
 */
export function renderEcsAppSpecJson(props: EcsAppSpecProps, scope?: IConstruct): string {
  const { Resources, Hooks } = renderEcsAppSpec(props);
  const toJson = (value: unknown): string => {
    if (scope) return Stack.of(scope).toJsonString(value);
    const text = JSON.stringify(value);
    if (Token.isUnresolved(text)) {
      throw new InvalidOptionsError(
        'scope',
        'The AppSpec holds CDK tokens: pass a `scope` to render it as a CloudFormation value',
      );
    }
    return text;
  };
  const hooks = Hooks ? `,"Hooks":${toJson(Hooks)}` : '';
  return `{"version":0.0,"Resources":${toJson(Resources)}${hooks}}`;
}
