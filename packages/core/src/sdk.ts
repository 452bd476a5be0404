/**
 * The one module of the core that imports the CodeDeploy client package: a bundler turns each ES import of a
 * CommonJS package into a copy of all its exports (hundreds, for an SDK client), so the other modules import
 * the few they need from here, and a Lambda bundle makes that copy once.
 */
export {
  CodeDeployClient,
  type DeploymentTarget,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  type LifecycleEvent,
  ListDeploymentTargetsCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
