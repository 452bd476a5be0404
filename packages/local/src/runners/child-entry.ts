import { lambdaRuntimeChild } from './child-runtime.js';
import type { ChildConfig } from './runtime-protocol.js';

/**
 * The `node -e` program of a warm container: {@link lambdaRuntimeChild}'s own source (a type-checked function,
 * so no file has to be located at run time, from the TypeScript sources or the built package alike) called with
 * `config` and a loader for the module. `__name` is defined for a bundler that adds name-keeping calls.
 */
export function childEntrySource(config: ChildConfig): string {
  return [
    "'use strict';",
    'var __name = (target) => target;',
    `(${lambdaRuntimeChild.toString()})(${JSON.stringify(config)}, (url) => import(url));`,
  ].join('\n');
}
