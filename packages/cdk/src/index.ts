// @greenlight/cdk: CDK constructs that deploy greenlight hooks with least-privilege IAM and none of the
// CodeDeploy traps. Named exports only; nothing runs at import time.

// The lifecycle stages and events, and the error a construct throws for a bad prop or argument, are the
// contract's (one definition, shared with the hook and the local CodeDeploy; dependency-free, so a CDK app
// pulls in neither the SDK nor Powertools). The CDK names of the lists are kept.
export {
  ECS_HOOK_EVENTS as ECS_LIFECYCLE_EVENTS,
  ECS_LIFECYCLE_STAGES,
  type EcsLifecycleEvent,
  type EcsLifecycleStage,
  GreenlightError,
  type GreenlightErrorCode,
  InvalidOptionsError,
  isEcsLifecycleEvent,
  isEcsLifecycleStage,
  isGreenlightError,
  LAMBDA_HOOK_EVENTS as LAMBDA_LIFECYCLE_EVENTS,
  type LambdaLifecycleEvent,
} from '@greenlight/contract';
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
