export {
  type Clock,
  CODEDEPLOY_SERVICE_EVENTS,
  type CodeDeployLifecycleEvent,
  ECS_HOOK_EVENTS,
  ECS_HOOK_STATUSES,
  ECS_LIFECYCLE_ORDER,
  type EcsHookResponse,
  type EcsHookStatus,
  type EcsLifecycleEvent,
  GreenlightError,
  type GreenlightErrorCode,
  InvalidOptionsError,
  isEcsLifecycleEvent,
  isGreenlightError,
  isLambdaLifecycleEvent,
  LAMBDA_HOOK_EVENTS,
  LAMBDA_LIFECYCLE_ORDER,
  type LambdaLifecycleEvent,
  systemClock,
} from '@greenlight/contract';
export { Scheduler } from './clock.js';
export type { DeployEcsOptions, DeployLambdaOptions } from './deploy-api.js';
export {
  ECS_NATIVE_HOOK_STAGES,
  EcsNativeDeployment,
  type EcsNativeDeploymentOptions,
  type EcsNativeHandler,
  type EcsNativeHookConfig,
  type EcsNativeHookEvent,
  type EcsNativeInvocation,
  type EcsNativeOutcome,
  type EcsNativeStage,
  type EcsNativeStep,
  type ServiceDeploymentStatus,
  simulateEcsNativeDeployment,
} from './ecs-native/index.js';
export { type ParsedResponse, parseResponse } from './ecs-native/payload.js';
export {
  DEPLOYMENT_CONFIGS,
  type LambdaDeploymentConfig,
  type TrafficRouting,
  trafficSteps,
} from './engine/configs.js';
export { DeploymentHandle } from './engine/handle.js';
export type {
  ReadonlyEngineState,
  SimulatedEcsService,
  SimulatedFunction,
  TaskSetState,
} from './engine/state.js';
export type {
  DeploymentEvent,
  DeploymentOutcome,
  DeploymentStatus,
  Diagnostics,
  ErrorInformation,
  HookReport,
  LifecycleEventStatus,
  PendingHookEvent,
  TimelineEntry,
} from './engine/types.js';
export { ApiError, type HookInvocationCode, HookInvocationError, LocalCodeDeployError } from './errors.js';
export type { Fault } from './http/faults.js';
export { jsonError, jsonResponse } from './http/json-protocol.js';
export type { RequestRecord } from './http/server.js';
export { type Credentials, signRequest, verifySignature } from './http/sigv4.js';
export type {
  ParsedRequest,
  RequestContext,
  ServiceHandler,
  ServiceResponse,
  SigV4Authorization,
  WireError,
} from './http/types.js';
export { type LocalCodeDeploy, type LocalEnv, startLocalCodeDeploy } from './local.js';
export type { LocalCodeDeployOptions } from './options.js';
export {
  type ModuleFunction,
  type ModuleFunctionOptions,
  moduleFunction,
} from './runners/module-function.js';
export { describeResources, LOOP_EMPTIED } from './runners/runtime-words.js';
export type {
  CodeDeployHookEvent,
  HookRunner,
  InProcessHook,
  InvokeEndpointHook,
  LambdaHandler,
  LambdaLikeContext,
  ManualHook,
  ModuleHook,
  ModuleInvocation,
} from './runners/types.js';
export {
  type AlarmDefinition,
  type AlarmStateValue,
  type AliasRouting,
  type AwsServices,
  type AwsServicesOptions,
  type AwsServicesState,
  createAwsServices,
  createServicesState,
  type InvocationRecord,
  type MetricData,
  type MetricPoint,
  type MountTarget,
  mountAwsServices,
  type SimulatedLambdaContext,
  type TargetHealthInput,
  type TargetHealthState,
} from './services/index.js';
