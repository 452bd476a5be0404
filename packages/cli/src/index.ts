export { UsageError } from './args.js';
export type { Command } from './command.js';
export type { ExitCode, Input, Io, Output } from './io.js';
export { COMMANDS, globalHelp, main, USAGE_EXIT } from './main.js';
export { type BundleInput, type Bundles, bundleHooks } from './simulate/bundle.js';
export {
  type EcsNativeResult,
  type EcsNativeSpec,
  type EcsNativeSummary,
  simulateEcsNative,
} from './simulate/ecs-native.js';
export {
  eventFromPath,
  type HookEvent,
  type HookSpec,
  mapHooks,
  type Platform,
  platformFor,
} from './simulate/hooks.js';
export { TimelinePrinter } from './simulate/printer.js';
export { type DeploymentSpec, type SimulationResult, simulateDeployment } from './simulate/run.js';
export { VERSION } from './version.js';
