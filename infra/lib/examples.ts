import { join } from 'node:path';
import type { EcsLifecycleEvent } from '@greenlight/cdk';

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
  /** The Amazon ECS native blue/green hook (a `createEcsHook` handler, at POST_TEST_TRAFFIC_SHIFT). */
  ecsNative: 'ecs-native-post-test-traffic',
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
 * What an ECS hook's checks read from AWS (each maps to `HookUses` in the stack): `taskSets` for
 * `ecsTaskSet`, `targetHealth` for `targetHealth`, `alarms` for `alarms`. `http` needs nothing.
 *
 * @example
 * const need: EcsHookNeed = 'taskSets';
 */
export type EcsHookNeed = 'taskSets' | 'targetHealth' | 'alarms';

/**
 * What each ECS example's checks read, so each hook gets only those permissions:
 * BeforeInstall `http`; AfterInstall `ecsTaskSet`; AfterAllowTestTraffic `http` + `targetHealth`;
 * BeforeAllowTraffic and AfterAllowTraffic `alarms` + `http`.
 *
 * @example
 * ECS_EXAMPLE_NEEDS.AfterInstall; // ['taskSets']
 */
export const ECS_EXAMPLE_NEEDS: Readonly<Record<EcsLifecycleEvent, readonly EcsHookNeed[]>> = {
  BeforeInstall: [],
  AfterInstall: ['taskSets'],
  AfterAllowTestTraffic: ['targetHealth'],
  BeforeAllowTraffic: ['alarms'],
  AfterAllowTraffic: ['alarms'],
};
