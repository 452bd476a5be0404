/**
 * The slices of other AWS services that greenlight's checks call, speaking each service's real protocol so
 * the real SDK clients and the AWS CLI work against them: Lambda Invoke, CloudWatch DescribeAlarms and
 * GetMetricData, ELBv2 DescribeTargetHealth (and DescribeTargetGroups), ECS DescribeServices and
 * DescribeTaskSets.
 */
import type { ReadonlyEngineState, SimulatedEcsService, SimulatedFunction } from '../engine/state.js';
import type { ServiceHandler } from '../http/types.js';
import type { LambdaHandler } from '../runners/types.js';
import { cloudWatchService } from './cloudwatch.js';
import { type AlarmDefinition, AlarmStore } from './cloudwatch-alarms.js';
import { type MetricData, MetricStore } from './cloudwatch-metrics.js';
import { EcsSlice, ecsService } from './ecs.js';
import { Elbv2Slice, elbv2Service, type TargetHealthInput } from './elbv2.js';
import { type AliasRouting, type InvocationRecord, LambdaSlice, lambdaService } from './lambda.js';
import {
  type AlarmStateValue,
  type AwsServicesOptions,
  type AwsServicesState,
  createServicesState,
  resolveServicesOptions,
} from './state.js';

export type { AlarmDefinition } from './cloudwatch-alarms.js';
export type { MetricData, MetricPoint } from './cloudwatch-metrics.js';
export type { TargetHealthInput, TargetHealthState } from './elbv2.js';
export type { AliasRouting, InvocationRecord } from './lambda.js';
export type { SimulatedLambdaContext } from './lambda-run.js';
export {
  type AlarmStateValue,
  type AwsServicesOptions,
  type AwsServicesState,
  createServicesState,
} from './state.js';

/**
 * The service slices, their handlers to mount, and what a test may set.
 *
 * @example
 * const services = createAwsServices(createServicesState());
 * services.cloudwatch.setAlarm('orders-errors', 'ALARM', 'Threshold crossed: 3 errors');
 */
export interface AwsServices {
  /** Mount these on a local server (`local.mount(h)` for each, or use {@link mountAwsServices}). */
  readonly handlers: readonly ServiceHandler[];
  /** The state the slices read and write (the engine's, when they were given it). */
  readonly state: AwsServicesState;
  readonly lambda: {
    /** Adds versions (with their handler code) and aliases to a simulated function. */
    registerFunction(
      name: string,
      versions: Readonly<Record<string, LambdaHandler | undefined>>,
      aliases?: Readonly<Record<string, string | AliasRouting>>,
    ): SimulatedFunction;
    /** Every invocation so far, in order. */
    readonly invocations: readonly InvocationRecord[];
    /** Resolves once every `Event` (asynchronous) invocation has ended. */
    idle(): Promise<void>;
  };
  readonly cloudwatch: {
    /** Creates or updates an alarm with this state; the engine sees the state too. */
    setAlarm(name: string, state: AlarmStateValue, reason?: string, definition?: AlarmDefinition): void;
    /** Adds data points to a metric, for GetMetricData. */
    putMetricData(data: MetricData): void;
  };
  readonly elbv2: {
    /** Sets a target group's targets and their health (by name or ARN). */
    setTargetHealth(targetGroup: string, targets: readonly TargetHealthInput[]): void;
    /** The ARN DescribeTargetGroups gives a target group name. */
    targetGroupArn(name: string): string;
  };
  readonly ecs: {
    /** Adds or replaces a simulated ECS service (ECS deployments in the engine make their own). */
    putService(service: SimulatedEcsService): void;
    /** Changes a task set's counts or status. */
    updateTaskSet: EcsSlice['updateTaskSet'];
  };
  /** Stops every ECS service deployment still running (without rollback) and waits for their ends. */
  close(): Promise<void>;
}

/**
 * Creates the slices over `state`: the engine's state (so deployments and slices agree), or a state of
 * their own ({@link createServicesState}) when omitted.
 *
 * @example
 * const services = createAwsServices(undefined, { region: 'eu-west-1' });
 * for (const handler of services.handlers) server.mount(handler);
 */
export function createAwsServices(
  state: AwsServicesState = createServicesState(),
  options: AwsServicesOptions = {},
): AwsServices {
  const o = resolveServicesOptions(options);
  const alarms = new AlarmStore(state, o);
  const metrics = new MetricStore();
  const lambda = new LambdaSlice(state, o, (data) => metrics.put(data));
  const elbv2 = new Elbv2Slice(state, o);
  const ecs = new EcsSlice(
    state,
    o,
    (name) => elbv2.arnOf(name),
    (arn, event) => lambda.invokeAs(arn, event),
  );
  return {
    handlers: [
      lambdaService(lambda),
      cloudWatchService(alarms, metrics),
      elbv2Service(elbv2),
      ecsService(ecs),
    ],
    state,
    lambda: {
      registerFunction: (name, versions, aliases) => lambda.registerFunction(name, versions, aliases),
      invocations: lambda.invocations,
      idle: () => lambda.idle(),
    },
    cloudwatch: {
      setAlarm: (name, value, reason, definition) => alarms.set(name, value, reason, definition),
      putMetricData: (data) => metrics.put(data),
    },
    elbv2: {
      setTargetHealth: (group, targets) => elbv2.setTargetHealth(group, targets),
      targetGroupArn: (name) => elbv2.arnOf(name),
    },
    ecs: {
      putService: (service) => ecs.putService(service),
      updateTaskSet: (cluster, service, taskSet, patch) =>
        ecs.updateTaskSet(cluster, service, taskSet, patch),
    },
    close: () => ecs.native.close(),
  };
}

/**
 * What {@link mountAwsServices} needs of a running local CodeDeploy (a `LocalCodeDeploy` fits).
 *
 * @example
 * const target: MountTarget = await startLocalCodeDeploy();
 */
export interface MountTarget {
  mount(handler: ServiceHandler): void;
  /** The slices already mounted (startLocalCodeDeploy mounts them): returned as they are. */
  readonly services?: AwsServices | undefined;
  readonly state: ReadonlyEngineState;
  readonly region: string;
}

/**
 * Creates the slices over a running local CodeDeploy's engine state and mounts them on its server, so one
 * endpoint answers CodeDeploy, Lambda, CloudWatch, ELBv2 and ECS.
 *
 * @example
 * const local = await startLocalCodeDeploy({ timeScale: 0 });
 * const services = mountAwsServices(local);
 * services.lambda.registerFunction('orders', { '1': v1, '2': v2 });
 */
export function mountAwsServices(
  local: MountTarget,
  options: Omit<AwsServicesOptions, 'region'> = {},
): AwsServices {
  if (local.services) return local.services;
  const { lambdaFunctions, ecsServices, alarms } = local.state;
  // The engine hands out its state read-only; the maps are the engine's own, which the slices must share.
  if (!(lambdaFunctions instanceof Map && ecsServices instanceof Map && alarms instanceof Map)) {
    throw new TypeError(
      'Expected the local CodeDeploy state to hold Maps (lambdaFunctions, ecsServices, alarms)',
    );
  }
  const state: AwsServicesState = { lambdaFunctions, ecsServices, alarms };
  const services = createAwsServices(state, { ...options, region: local.region });
  for (const handler of services.handlers) local.mount(handler);
  return services;
}
