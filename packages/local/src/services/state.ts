import {
  type Clock,
  is,
  nonEmptyString,
  type OptionSpec,
  systemClock,
  validateOptions,
} from '@greenlight/contract';
import type { SimulatedEcsService, SimulatedFunction } from '../engine/state.js';

/**
 * A CloudWatch alarm state, as the API spells it.
 *
 * @example
 * services.cloudwatch.setAlarm('orders-errors', 'ALARM' satisfies AlarmStateValue);
 */
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/**
 * What the service slices read and write. The engine's `EngineState` has this shape, so the slices and the
 * deployment engine share one truth: a version the engine deploys is the version Lambda Invoke runs, an alarm
 * a test sets to `ALARM` stops a deployment, a task set the engine starts is the one ECS describes.
 *
 * @example
 * const state = createServicesState(); // standalone; or pass the engine's state
 */
export interface AwsServicesState {
  readonly lambdaFunctions: Map<string, SimulatedFunction>;
  readonly ecsServices: Map<string, SimulatedEcsService>;
  readonly alarms: Map<string, AlarmStateValue>;
}

/**
 * A fresh, empty state for the slices when they run without the engine.
 *
 * @example
 * const services = createAwsServices(createServicesState());
 */
export function createServicesState(): AwsServicesState {
  return { lambdaFunctions: new Map(), ecsServices: new Map(), alarms: new Map() };
}

/**
 * Options shared by the slices. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * createAwsServices(undefined, { region: 'eu-west-1', functionTimeoutMs: 3_000, random: () => 0.5 });
 */
export interface AwsServicesOptions {
  /** The region in ARNs. @default 'us-east-1' */
  readonly region?: string;
  /** The account in ARNs. @default '123456789012' */
  readonly accountId?: string;
  /** Random numbers in [0, 1) for alias routing weights. @default Math.random */
  readonly random?: () => number;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** A simulated function's timeout, real milliseconds. @default 30000 */
  readonly functionTimeoutMs?: number;
  /** Real time per unit of service time for ECS service deployments (1 = real time, 0 = no waiting). @default 1 */
  readonly timeScale?: number;
  /** The clock (and timers) ECS service deployments run on. @default systemClock */
  readonly clock?: Clock;
}

/** {@link AwsServicesOptions} with every default applied. */
export interface ResolvedServicesOptions {
  readonly region: string;
  readonly accountId: string;
  readonly random: () => number;
  readonly now: () => number;
  readonly functionTimeoutMs: number;
  readonly timeScale: number;
  readonly clock: Clock;
}

const SPEC: OptionSpec<AwsServicesOptions> = {
  region: nonEmptyString,
  accountId: nonEmptyString,
  random: is.function,
  now: is.function,
  functionTimeoutMs: is.positive,
  timeScale: is.nonNegative,
  clock: is.methods('now', 'setTimeout', 'clearTimeout'),
};

/**
 * Applies defaults and rejects unknown or bad options with an `InvalidOptionsError` naming them.
 *
 * @example
 * resolveServicesOptions({ timeScale: 0 }).functionTimeoutMs; // 30000
 */
export function resolveServicesOptions(given: AwsServicesOptions = {}): ResolvedServicesOptions {
  const options = validateOptions('createAwsServices', given, SPEC);
  const timeout = options.functionTimeoutMs ?? 30_000;
  const timeScale = options.timeScale ?? 1;
  return {
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    functionTimeoutMs: timeout,
    timeScale,
    clock: options.clock ?? systemClock,
  };
}
