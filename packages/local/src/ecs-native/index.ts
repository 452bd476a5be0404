export { EcsNativeDeployment, simulateEcsNativeDeployment } from './deployment.js';
export { type EcsNativeArns, hookEvent, parseResponse, weightsFor } from './payload.js';
export {
  ECS_NATIVE_HOOK_STAGES,
  type EcsNativeDeploymentOptions,
  type EcsNativeHandler,
  type EcsNativeHookConfig,
  type EcsNativeHookEvent,
  type EcsNativeInvocation,
  type EcsNativeOutcome,
  type EcsNativeStage,
  type EcsNativeStep,
  type ServiceDeploymentStatus,
} from './types.js';
