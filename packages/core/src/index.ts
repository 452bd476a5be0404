export { type Budget, defaultReserve, planBudget } from './budget.js';
export { createCodeDeployClient } from './client.js';
export { systemClock } from './clock.js';
export {
  createEcsHook,
  type EcsHookHandler,
  type EcsHookOptions,
  ecsNativeTarget,
  validateEcsHookOptions,
} from './create-ecs-hook.js';
export { createHook, namedChecks, resolveMode } from './create-hook.js';
export {
  ECS_LIFECYCLE_STAGES,
  type EcsHookEvent,
  type EcsHookResponse,
  type EcsLifecycleStage,
  parseEcsHookEvent,
} from './ecs-event.js';
export {
  CheckTimeoutError,
  describeThrown,
  GreenlightError,
  type GreenlightErrorCode,
  HookReportError,
  InvalidHookEventError,
  LookupError,
} from './errors.js';
export { MAX_ID_LENGTH, parseHookEvent } from './event.js';
export { defaultLogger, withKeys } from './logger.js';
export { toTargetInfo } from './lookups.js';
export { type HookOptions, type RetryOptions, validateHookOptions } from './options.js';
export { type ReportInput, reportStatus } from './report.js';
export {
  type AttemptOptions,
  type AttemptOutcome,
  AttemptTimeout,
  classifyError,
  type ErrorClass,
  type RetryPolicy,
  resolveRetryPolicy,
  withRetries,
} from './retry.js';
export { type NamedCheck, type RunChecksInput, runChecks, runChecksOrFail } from './run-checks.js';
export type {
  Check,
  CheckOutcome,
  CheckReport,
  CheckStatus,
  Checks,
  CheckVerdict,
  Clock,
  CodeDeployHookEvent,
  CodeDeployLike,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTargetInfo,
  EcsNativeTargetInfo,
  EcsTargetInfo,
  EcsTaskSetInfo,
  HookContext,
  HookHandler,
  HookLogger,
  HookResult,
  HookStatus,
  LambdaContextLike,
  LambdaTargetInfo,
  LifecycleEventInfo,
  OtherTargetInfo,
} from './types.js';
export { thrownVerdict, tidyReason, toVerdict, type Verdict } from './verdict.js';
