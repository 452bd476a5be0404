/**
 * @internal What greenlight's other packages (middy, checks, the CLI, the benchmark) build on. Not part of the
 * public API: it may change in any release. Users import from `@greenlight/core`.
 *
 * @packageDocumentation
 */
export {
  defaultReserve,
  describeThrown,
  ECS_LIFECYCLE_STAGES,
  ecsReserve,
  is,
  MAX_ID_LENGTH,
  MAX_LAMBDA_MS,
  MAX_TEXT,
  MAX_TIMER_MS,
  type OptionSpec,
  optional,
  redact,
  scrubbed,
  shown,
  systemClock,
  tidyText,
  type Validator,
  validateOptions,
  wrongOption,
} from '@greenlight/contract';
export { type Budget, planBudget, type RemainingTime, remainingTime } from './budget.js';
export { classifyError, type ErrorClass, isUnreadableAnswer } from './classify.js';
export { createCodeDeployClient, defaultClient } from './client.js';
export { sleep } from './clock.js';
export { ecsNativeTarget } from './create-ecs-hook.js';
export { parseEcsHookEvent } from './ecs-event.js';
export { parseHookEvent } from './event.js';
export { defaultLogger, withKeys } from './logger.js';
export { createLookups, type Lookups, toTargetInfo } from './lookups.js';
export {
  COMMON_SPEC,
  envSwitch,
  exclusiveModes,
  HOOK_SPEC,
  validateEcsHookOptions,
  validateHookOptions,
} from './options.js';
export { answerCodeDeploy, codeDeployContexts } from './pipeline/codedeploy.js';
export {
  HookPipeline,
  type Invocation,
  type InvocationIds,
  type Mode,
  type PipelineOptions,
  resolveMode,
} from './pipeline/pipeline.js';
export {
  CheckRun,
  type NamedCheck,
  namedChecks,
  type RunChecksInput,
  runCheckStep,
  runChecks,
  runChecksOrFail,
} from './pipeline/run-checks.js';
export { readRecordedStatus } from './recorded.js';
export { type ReportInput, reportStatus } from './report.js';
export {
  type AttemptOptions,
  type AttemptOutcome,
  type RetryPolicy,
  resolveRetryPolicy,
  withRetries,
} from './retry.js';
export { thrownVerdict, tidyReason, toVerdict, type Verdict } from './verdict.js';
