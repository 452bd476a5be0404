import type { DeploymentSpec } from '../simulate/run.js';
import type { World } from './world.js';

/** How a demo deployment is expected to end. */
export type Expectation = 'Succeeded' | 'rolled back';

/** One deployment of the demo. */
export interface Scenario {
  readonly platform: 'lambda' | 'ecs';
  readonly title: string;
  readonly expect: Expectation;
  /** Sets the simulated world up for this release (what the new version does), then says what to deploy. */
  prepare(world: World): DeploymentSpec;
}

/** The Lambda function the demo deploys, and its alarms. */
export const LAMBDA = {
  functionName: 'orders',
  alias: 'live',
  alarms: ['orders-errors', 'orders-p99-latency'],
} as const;
/** The ECS service the demo deploys. */
export const ECS = {
  cluster: 'shop',
  service: 'orders-web',
  alarms: ['orders-web-5xx', 'orders-web-latency'],
} as const;

/** The four deployments: a good and a bad release for Lambda (canary) and for ECS (blue/green). */
export const SCENARIOS: readonly Scenario[] = [
  {
    platform: 'lambda',
    title: 'Lambda canary · good release (orders 1 → 2)',
    expect: 'Succeeded',
    prepare: (world) => world.lambdaSpec('1', '2'),
  },
  {
    platform: 'lambda',
    title: 'Lambda canary · bad release (orders 2 → 3, version 3 throws)',
    expect: 'rolled back',
    prepare: (world) => world.lambdaSpec('2', '3'),
  },
  {
    platform: 'ecs',
    title: 'ECS blue/green · good release (task definition orders-web:2)',
    expect: 'Succeeded',
    prepare: (world) => world.ecsSpec('orders-web:2'),
  },
  {
    platform: 'ecs',
    title: 'ECS blue/green · bad release (orders-web:3 answers 500)',
    expect: 'rolled back',
    prepare: (world) => {
      world.markBad('orders-web:3');
      return world.ecsSpec('orders-web:3');
    },
  },
];
