import { join } from 'node:path';
import type { EcsLifecycleEvent, HookBundlingOptions } from '@greenlight/cdk';
import type { App } from 'aws-cdk-lib';
import { EcsBlueGreenStack } from './ecs-stack.js';
import { LambdaCanaryStack } from './lambda-stack.js';

/**
 * The example hook deployed at each lifecycle event (folder names under `examples/`).
 *
 * @example
 * EXAMPLE_HOOKS.lambda.BeforeAllowTraffic; // 'lambda-before-allow-traffic'
 */
export const EXAMPLE_HOOKS = {
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
  } satisfies Record<EcsLifecycleEvent, string>,
} as const;

/**
 * The handler module of an example: `examples/<name>/src/handler.ts`.
 *
 * @param repoRoot the repository root
 * @param name the example's folder name
 * @example
 * exampleEntry('/repo', 'ecs-before-install'); // '/repo/examples/ecs-before-install/src/handler.ts'
 */
export function exampleEntry(repoRoot: string, name: string): string {
  return join(repoRoot, 'examples', name, 'src', 'handler.ts');
}

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
}

/**
 * Adds the two demo stacks to an app, wired to the examples' hooks. The examples are bundled from their
 * TypeScript sources and the workspace packages' sources (`@greenlight/source` condition), so nothing
 * needs building first.
 *
 * @param app the CDK app
 * @param options the repository root and the target version
 * @returns the two stacks
 * @example
 * const { lambda, ecs } = addGreenlightStacks(new App(), { repoRoot });
 */
export function addGreenlightStacks(
  app: App,
  options: GreenlightAppOptions,
): { lambda: LambdaCanaryStack; ecs: EcsBlueGreenStack } {
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
  return { lambda, ecs };
}
