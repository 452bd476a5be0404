import {
  ECS_LIFECYCLE_STAGES,
  InvalidOptionsError,
  is,
  isEcsLifecycleStage,
  nonEmptyString,
  type OptionSpec,
  optional,
  required,
  type Validator,
  validateOptions,
  wrongOption,
} from '@greenlight/contract';
import type { EcsNativeDeploymentOptions } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Hooks by stage: each key a stage, each value a handler or a handler with its configuration. */
const hooksByStage: Validator = (value, name) => {
  if (value === undefined) return;
  if (!isObject(value)) throw wrongOption(name, 'an object of ECS lifecycle stage → hook', value);
  for (const [stage, hook] of Object.entries(value)) {
    if (!isEcsLifecycleStage(stage)) {
      throw new InvalidOptionsError(
        `${name}.${stage}`,
        `Expected \`${name}\` to name ECS lifecycle stages (${ECS_LIFECYCLE_STAGES.join(', ')}), got ${stage}`,
      );
    }
    if (typeof hook !== 'function' && !(isObject(hook) && typeof hook.handler === 'function'))
      throw wrongOption(`${name}.${stage}`, 'a handler function or { handler, … }', hook);
  }
};

const SPEC: OptionSpec<EcsNativeDeploymentOptions> = {
  cluster: nonEmptyString,
  service: required(nonEmptyString),
  region: nonEmptyString,
  accountId: nonEmptyString,
  hooks: hooksByStage,
  initial: is.boolean,
  reconcile: is.boolean,
  stepMs: is.nonNegative,
  bakeTimeMs: is.nonNegative,
  arns: optional('an object of ARNs', isObject),
  timeScale: is.nonNegative,
  clock: is.methods('now', 'setTimeout', 'clearTimeout'),
};

/**
 * Checks the options of `simulateEcsNativeDeployment` strictly: an unknown key, a value of the wrong type or a
 * hook under a name that is not an ECS lifecycle stage is an `InvalidOptionsError` naming it.
 *
 * @example
 * ```ts
 * validateEcsNativeOptions({ service: 'web', hooks: { POST_TEST_TRAFFIC: hook } } as never); // throws
 * ```
 */
export function validateEcsNativeOptions(options: EcsNativeDeploymentOptions): EcsNativeDeploymentOptions {
  return validateOptions('simulateEcsNativeDeployment', options ?? {}, SPEC);
}
