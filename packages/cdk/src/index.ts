// @greenlight/cdk: CDK constructs that deploy greenlight hooks with least-privilege IAM and none of the
// CodeDeploy traps. Named exports only; nothing runs at import time.
export { buildHookBundle, bundleHookCode, type HookBundlingOptions, hookHandlerSetting } from './bundle.js';
export {
  type EcsAppSpec,
  type EcsAppSpecNetwork,
  type EcsAppSpecProps,
  type EcsAppSpecTargetService,
  renderEcsAppSpec,
  renderEcsAppSpecJson,
} from './ecs-appspec.js';
export type { AttachToEcsServiceOptions } from './ecs-service-hook.js';
export { ECS_LIFECYCLE_STAGES, type EcsLifecycleStage, isEcsLifecycleStage } from './ecs-stages.js';
export {
  ECS_LIFECYCLE_EVENTS,
  type EcsLifecycleEvent,
  isEcsLifecycleEvent,
  LAMBDA_LIFECYCLE_EVENTS,
  type LambdaLifecycleEvent,
} from './events.js';
export { type AttachToEcsOptions, HookFunction } from './hook-function.js';
export { acknowledgeNag, nagResourceFinding } from './nag.js';
export { NAG_REASONS } from './nag-reasons.js';
export {
  allAlarmsArn,
  baseFunction,
  describeAlarmsStatement,
  describeAllAlarmsStatement,
  describeEcsServiceStatements,
  describeTargetHealthStatement,
  getDeploymentGroupStatement,
  getMetricDataStatement,
  invokeExactlyStatement,
  invokeTargetStatement,
  LOOKUP_ACTIONS,
  lookupStatement,
  REPORT_ACTION,
  reportStatement,
  TARGET_HEALTH_ACTIONS,
  taskSetsArn,
} from './permissions.js';
export { type HookFunctionProps, type HookUses, validateHookFunctionProps } from './props.js';
export {
  checkTimeBudget,
  HOOK_TIMEOUT_DEFAULT_SECONDS,
  HOOK_TIMEOUT_MAX_SECONDS,
  HOOK_TIMEOUT_MIN_SECONDS,
  reportReserve,
  resolveHookTimeout,
} from './timeout.js';
