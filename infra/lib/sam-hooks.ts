import { join } from 'node:path';
import { buildHookBundle, type HookBundlingOptions } from '@greenlight/cdk';
import { exampleEntry } from './examples.js';

/**
 * The hook functions of the SAM template (`sam/template.yaml`) and the example each one runs. Their
 * `CodeUri` is `.build/<example>/`, written by {@link bundleSamHooks}.
 *
 * @example
 * SAM_HOOKS.PreTrafficHook; // 'lambda-before-allow-traffic'
 */
export const SAM_HOOKS = {
  PreTrafficHook: 'lambda-before-allow-traffic',
  PostTrafficHook: 'lambda-after-allow-traffic',
} as const;

/**
 * The `CodeUri` of a SAM hook function, relative to the template.
 *
 * @param example the example's folder name
 * @example
 * samCodeUri('lambda-before-allow-traffic'); // '.build/lambda-before-allow-traffic/'
 */
export function samCodeUri(example: string): string {
  return `.build/${example}/`;
}

/**
 * Bundles the SAM template's hooks into `sam/.build/<example>/index.js` with the same esbuild settings
 * as `HookFunction`, so `sam deploy` uploads ready bundles (no `sam build`, no npm install in a pnpm
 * workspace).
 *
 * @param repoRoot the repository root
 * @param bundling extra bundling options
 * @returns the directories written
 * @example
 * bundleSamHooks('/repo'); // ['/repo/infra/sam/.build/lambda-before-allow-traffic/', ...]
 */
export function bundleSamHooks(repoRoot: string, bundling: HookBundlingOptions = {}): string[] {
  return Object.values(SAM_HOOKS).map((example) => {
    const dir = join(repoRoot, 'infra', 'sam', samCodeUri(example));
    buildHookBundle(exampleEntry(repoRoot, example), dir, {
      projectRoot: repoRoot,
      conditions: ['@greenlight/source'],
      ...bundling,
    });
    return dir;
  });
}
