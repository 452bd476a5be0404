// @greenlight/contract: every rule two of greenlight's packages need, in one place and with no dependency,
// so that a hook, the local CodeDeploy, the CLI and a CDK app all import the same definition. Named exports
// only; nothing runs at import time.
export { describeThrown, MAX_TEXT, redact, scrubbed, shown, tidyText } from './errors/describe.js';
export {
  GreenlightError,
  type GreenlightErrorCode,
  isGreenlightError,
  type LocalErrorCode,
  type ReportErrorCode,
} from './errors/greenlight-error.js';
export { InvalidOptionsError } from './errors/invalid-options.js';
export type { CodeDeployHookEvent, HookStatus } from './events/codedeploy.js';
export {
  ECS_HOOK_STATUSES,
  type EcsHookEvent,
  type EcsHookResponse,
  type EcsHookStatus,
  isEcsHookStatus,
} from './events/ecs-native.js';
export { idProblem, MAX_ID_LENGTH } from './events/ids.js';
export {
  CODEDEPLOY_SERVICE_EVENTS,
  type CodeDeployLifecycleEvent,
  ECS_HOOK_EVENTS,
  ECS_LIFECYCLE_ORDER,
  type EcsLifecycleEvent,
  isEcsLifecycleEvent,
  isLambdaLifecycleEvent,
  LAMBDA_HOOK_EVENTS,
  LAMBDA_LIFECYCLE_ORDER,
  type LambdaLifecycleEvent,
} from './lifecycle/codedeploy.js';
export {
  ECS_LIFECYCLE_STAGES,
  ECS_NATIVE_LIFECYCLE_ORDER,
  ECS_NATIVE_SERVICE_STEPS,
  type EcsLifecycleStage,
  type EcsNativeLifecycleStep,
  isEcsLifecycleStage,
} from './lifecycle/ecs-native.js';
export {
  between,
  finiteNumber,
  is,
  nonEmptyString,
  nonNegativeInteger,
  type OptionSpec,
  oneOf,
  optional,
  required,
  stringList,
  stringRecord,
  type Validator,
  validateOptions,
  wrongOption,
} from './options/validate.js';
export {
  defaultReserve,
  ecsReserve,
  LAMBDA_TIMEOUT_MAX_SECONDS,
  LAMBDA_TIMEOUT_MIN_SECONDS,
  MAX_LAMBDA_MS,
  reportMargin,
} from './time/budget.js';
export { type Clock, MAX_TIMER_MS, systemClock } from './time/clock.js';
