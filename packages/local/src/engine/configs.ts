/** A deployment configuration's traffic routing. */
export interface TrafficRouting {
  readonly computePlatform: 'Lambda' | 'ECS';
  readonly type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  /** Percentage per step (canary: first step; linear: each step). */
  readonly percentage: number;
  /** Minutes between steps. */
  readonly intervalMinutes: number;
}

const lambda = (type: TrafficRouting['type'], percentage = 100, intervalMinutes = 0): TrafficRouting => ({
  computePlatform: 'Lambda',
  type,
  percentage,
  intervalMinutes,
});
const ecs = (type: TrafficRouting['type'], percentage = 100, intervalMinutes = 0): TrafficRouting => ({
  computePlatform: 'ECS',
  type,
  percentage,
  intervalMinutes,
});

/** The predefined Lambda and ECS deployment configurations. */
export const DEPLOYMENT_CONFIGS: Readonly<Record<string, TrafficRouting>> = {
  'CodeDeployDefault.LambdaAllAtOnce': lambda('AllAtOnce'),
  'CodeDeployDefault.LambdaCanary10Percent5Minutes': lambda('TimeBasedCanary', 10, 5),
  'CodeDeployDefault.LambdaCanary10Percent10Minutes': lambda('TimeBasedCanary', 10, 10),
  'CodeDeployDefault.LambdaCanary10Percent15Minutes': lambda('TimeBasedCanary', 10, 15),
  'CodeDeployDefault.LambdaCanary10Percent30Minutes': lambda('TimeBasedCanary', 10, 30),
  'CodeDeployDefault.LambdaLinear10PercentEvery1Minute': lambda('TimeBasedLinear', 10, 1),
  'CodeDeployDefault.LambdaLinear10PercentEvery2Minutes': lambda('TimeBasedLinear', 10, 2),
  'CodeDeployDefault.LambdaLinear10PercentEvery3Minutes': lambda('TimeBasedLinear', 10, 3),
  'CodeDeployDefault.LambdaLinear10PercentEvery10Minutes': lambda('TimeBasedLinear', 10, 10),
  'CodeDeployDefault.ECSAllAtOnce': ecs('AllAtOnce'),
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': ecs('TimeBasedLinear', 10, 1),
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': ecs('TimeBasedLinear', 10, 3),
  'CodeDeployDefault.ECSCanary10Percent5Minutes': ecs('TimeBasedCanary', 10, 5),
  'CodeDeployDefault.ECSCanary10Percent15Minutes': ecs('TimeBasedCanary', 10, 15),
};

/** The name of a predefined Lambda deployment configuration. */
export type LambdaDeploymentConfig =
  | Extract<keyof typeof DEPLOYMENT_CONFIGS, `CodeDeployDefault.Lambda${string}`>
  | string;

/** One traffic step: wait `waitMs` of service time, then route `weight` percent to the target. */
export interface TrafficStep {
  readonly waitMs: number;
  readonly weight: number;
}

/**
 * The traffic steps of a routing: AllAtOnce → [100]; canary 10%/5 min → [10, (5 min) 100];
 * linear 10%/1 min → [10, (1 min) 20, …, (1 min) 100].
 */
export function trafficSteps(routing: TrafficRouting): TrafficStep[] {
  const interval = routing.intervalMinutes * 60_000;
  if (routing.type === 'AllAtOnce') return [{ waitMs: 0, weight: 100 }];
  if (routing.type === 'TimeBasedCanary') {
    return [
      { waitMs: 0, weight: routing.percentage },
      { waitMs: interval, weight: 100 },
    ];
  }
  const steps: TrafficStep[] = [];
  for (let weight = routing.percentage, first = true; ; weight += routing.percentage, first = false) {
    steps.push({ waitMs: first ? 0 : interval, weight: Math.min(100, weight) });
    if (weight >= 100) break;
  }
  return steps;
}
