import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsServices, LocalCodeDeploy } from '@greenlight/local';
import { ECS_HOOK_EVENTS, LAMBDA_HOOK_EVENTS } from '@greenlight/local';
import { startLocalAws } from '../local-aws.js';
import { type Bundles, bundleHooks } from '../simulate/bundle.js';
import type { Platform as AnyPlatform, HookEvent } from '../simulate/hooks.js';
import type { BundledHook, DeploymentSpec } from '../simulate/run.js';
import { ordersVersion } from './lambda-code.js';
import { type LoadBalancer, startLoadBalancer } from './load-balancer.js';
import { ECS, LAMBDA } from './scenarios.js';
import { startUsers, type Users } from './users.js';

/** The platforms the demo deploys to. */
type Platform = Exclude<AnyPlatform, 'ecs-native'>;

/** The example that serves each lifecycle event in the demo (folders under examples/). */
export const DEMO_HOOKS: Readonly<Record<Platform, Partial<Record<HookEvent, string>>>> = {
  lambda: {
    BeforeAllowTraffic: 'lambda-before-allow-traffic',
    AfterAllowTraffic: 'lambda-after-allow-traffic',
  },
  ecs: {
    BeforeInstall: 'ecs-before-install',
    AfterInstall: 'ecs-after-install',
    AfterAllowTestTraffic: 'ecs-after-allow-test-traffic',
    BeforeAllowTraffic: 'ecs-before-allow-traffic',
    AfterAllowTraffic: 'ecs-after-allow-traffic',
  },
};

/** The simulated world the demo deploys into: the local CodeDeploy, its AWS slices, a load balancer. */
export interface World {
  readonly local: LocalCodeDeploy;
  readonly services: AwsServices;
  readonly loadBalancer: LoadBalancer;
  /** The example hooks that were found and bundled. */
  readonly hooks: Readonly<Record<Platform, readonly BundledHook[]>>;
  /** A Lambda canary of `orders` from one version to another. */
  lambdaSpec(current: string, target: string): DeploymentSpec;
  /** An ECS blue/green deployment of `orders-web` with a new task definition. */
  ecsSpec(taskDefinition: string): DeploymentSpec;
  /** Starts simulated users of `orders:live` (they publish Lambda's metrics); `stop()` says what they saw. */
  startUsers(): Users;
  /** Marks a task definition as a bad release: its tasks answer 500. */
  markBad(taskDefinition: string): void;
  close(): Promise<void>;
}

/** Options of {@link startWorld}. */
export interface WorldOptions {
  /** The folder holding the examples. */
  readonly examplesDir: string;
  readonly timeScale: number;
  /** Resolve `@greenlight/*` to their sources (in a checkout). */
  readonly sourceCondition: boolean;
}

function bundleInputs(examplesDir: string) {
  const inputs: { name: string; module: string; exportName: string; platform: Platform; event: HookEvent }[] =
    [];
  for (const platform of ['lambda', 'ecs'] as const) {
    const events: readonly HookEvent[] = platform === 'lambda' ? LAMBDA_HOOK_EVENTS : ECS_HOOK_EVENTS;
    for (const event of events) {
      const example = DEMO_HOOKS[platform][event];
      const module = example && join(examplesDir, example, 'src', 'handler.ts');
      if (module && existsSync(module))
        inputs.push({ name: `${platform}-${event}`, module, exportName: 'handler', platform, event });
    }
  }
  return inputs;
}

/**
 * Bundles the example hooks and starts the world: a local CodeDeploy (with Lambda, CloudWatch, ELBv2 and
 * ECS mounted on it), the `orders` function's versions (3 is broken), two quiet alarms, and a load balancer
 * whose test and production listeners reach the simulated task sets.
 *
 * @example
 * const world = await startWorld({ examplesDir: '/repo/examples', timeScale: 0.005 });
 */
export async function startWorld(options: WorldOptions): Promise<World> {
  const inputs = bundleInputs(options.examplesDir);
  if (inputs.length === 0) throw new Error(`no example hooks found under ${options.examplesDir}`);
  const bundles: Bundles = await bundleHooks(inputs, { sourceCondition: options.sourceCondition });
  const started = await startLocalAws({ timeScale: options.timeScale, hookRetries: 0 }).catch(
    async (err: unknown) => {
      await bundles.dispose();
      throw err;
    },
  );
  const { local, services } = started;
  const bad = new Set<string>();
  const loadBalancer = await startLoadBalancer({
    local,
    cluster: ECS.cluster,
    service: ECS.service,
    isBad: (taskDefinition) => bad.has(taskDefinition),
  }).catch(async (err: unknown) => {
    await local.close();
    await bundles.dispose();
    throw err;
  });
  services.lambda.registerFunction(
    LAMBDA.functionName,
    { '1': ordersVersion('1'), '2': ordersVersion('2'), '3': ordersVersion('3', { broken: true }) },
    { [LAMBDA.alias]: '1' },
  );
  for (const alarm of [...LAMBDA.alarms, ...ECS.alarms]) {
    services.cloudwatch.setAlarm(alarm, 'OK', 'Threshold Crossed: no datapoints were in breach');
  }

  const hooks: Record<Platform, BundledHook[]> = { lambda: [], ecs: [] };
  for (const input of inputs) {
    hooks[input.platform].push({
      event: input.event,
      file: bundles.files[input.name]!,
      exportName: input.exportName,
      source: input.module,
    });
  }
  // The hook functions' Lambda configuration, as infra/ gives it on AWS (the local adds its endpoints).
  const lambdaEnv = { ALARM_NAMES: LAMBDA.alarms.join(',') };
  const ecsEnv = {
    ALARM_NAMES: ECS.alarms.join(','),
    TEST_LISTENER_URL: loadBalancer.testUrl,
    PRODUCTION_LISTENER_URL: loadBalancer.productionUrl,
    DEPENDENCY_HEALTH_URL: loadBalancer.dependencyUrl,
    STEADY_TIMEOUT_MS: '10000',
  };
  return {
    local,
    services,
    loadBalancer,
    hooks,
    lambdaSpec: (current, target) => ({
      platform: 'lambda',
      hooks: hooks.lambda,
      env: lambdaEnv,
      config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      autoRollback: true,
      alarms: LAMBDA.alarms,
      lambda: {
        functionName: LAMBDA.functionName,
        alias: LAMBDA.alias,
        currentVersion: current,
        targetVersion: target,
      },
    }),
    ecsSpec: (taskDefinition) => ({
      platform: 'ecs',
      hooks: hooks.ecs,
      env: ecsEnv,
      config: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      autoRollback: true,
      ecs: { cluster: ECS.cluster, service: ECS.service, taskDefinition },
    }),
    startUsers: () => startUsers({ local, services, functionName: LAMBDA.functionName, alias: LAMBDA.alias }),
    markBad: (taskDefinition) => {
      bad.add(taskDefinition);
    },
    close: async () => {
      await local.close();
      await loadBalancer.close();
      await bundles.dispose();
    },
  };
}
