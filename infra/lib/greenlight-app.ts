import type { EcsLifecycleEvent, HookBundlingOptions } from '@greenlight/cdk';
import type { App } from 'aws-cdk-lib';
import { EcsNativeBlueGreenStack } from './ecs-native-stack.js';
import { EcsBlueGreenStack } from './ecs-stack.js';
import { EXAMPLE_HOOKS, exampleEntry } from './examples.js';
import { LambdaCanaryStack } from './lambda-stack.js';

/**
 * Options of {@link addGreenlightStacks}.
 *
 * @example
 * const options: GreenlightAppOptions = { repoRoot: '/repo', targetVersion: '2' };
 */
export interface GreenlightAppOptions {
  /** The repository root, where `examples/` and `pnpm-lock.yaml` live. */
  readonly repoRoot: string;
  /**
   * The Lambda target's version label (change it to deploy through the canary).
   * @default '1'
   */
  readonly targetVersion?: string;
  /**
   * The ECS native service's revision label (change it to run an ECS blue/green deployment).
   * @default '1'
   */
  readonly nativeRevision?: string;
}

/**
 * Adds the three demo stacks to an app, wired to the examples' hooks. The examples are bundled from their
 * TypeScript sources and the workspace packages' sources (`@greenlight/source` condition), so nothing
 * needs building first.
 *
 * @param app the CDK app
 * @param options the repository root and the target version
 * @returns the three stacks
 * @example
 * const { lambda, ecs, ecsNative } = addGreenlightStacks(new App(), { repoRoot });
 */
export function addGreenlightStacks(
  app: App,
  options: GreenlightAppOptions,
): { lambda: LambdaCanaryStack; ecs: EcsBlueGreenStack; ecsNative: EcsNativeBlueGreenStack } {
  const bundling: HookBundlingOptions = { projectRoot: options.repoRoot, conditions: ['@greenlight/source'] };
  const entry = (name: string) => exampleEntry(options.repoRoot, name);
  const lambda = new LambdaCanaryStack(app, 'GreenlightLambdaCanary', {
    description: 'greenlight demo: Lambda canary deployment with pre- and post-traffic hooks',
    hooks: {
      beforeAllowTraffic: entry(EXAMPLE_HOOKS.lambda.BeforeAllowTraffic),
      afterAllowTraffic: entry(EXAMPLE_HOOKS.lambda.AfterAllowTraffic),
    },
    bundling,
    targetVersion: options.targetVersion,
  });
  const ecsHooks: Partial<Record<EcsLifecycleEvent, string>> = {};
  for (const [event, name] of Object.entries(EXAMPLE_HOOKS.ecs))
    ecsHooks[event as EcsLifecycleEvent] = entry(name);
  const ecs = new EcsBlueGreenStack(app, 'GreenlightEcsBlueGreen', {
    description: 'greenlight demo: ECS blue/green deployment with hooks at all five lifecycle events',
    hooks: ecsHooks,
    bundling,
  });
  const ecsNative = new EcsNativeBlueGreenStack(app, 'GreenlightEcsNative', {
    description:
      'greenlight demo: Amazon ECS native blue/green deployment with a POST_TEST_TRAFFIC_SHIFT hook',
    hookEntry: entry(EXAMPLE_HOOKS.ecsNative),
    revision: options.nativeRevision,
    bundling,
  });
  return { lambda, ecs, ecsNative };
}
