/** The CodeDeploy operations @greenlight/local implements. */
export const IMPLEMENTED_OPERATIONS = [
  'PutLifecycleEventHookExecutionStatus',
  'GetDeployment',
  'BatchGetDeployments',
  'GetDeploymentTarget',
  'ListDeploymentTargets',
  'BatchGetDeploymentTargets',
  'GetApplicationRevision',
  'CreateApplication',
  'CreateDeploymentGroup',
  'GetDeploymentGroup',
  'CreateDeployment',
  'StopDeployment',
  'ContinueDeployment',
  'ListDeployments',
] as const;

/** One implemented CodeDeploy operation name. */
export type OperationName = (typeof IMPLEMENTED_OPERATIONS)[number];

/**
 * Errors any operation may answer besides the ones the model lists per operation: protocol, auth and
 * availability errors that every AWS JSON service sends.
 */
export const COMMON_ERRORS = [
  'SerializationException',
  'UnknownOperationException',
  'ThrottlingException',
  'InternalFailure',
  'ServiceUnavailable',
  'ValidationException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'UnrecognizedClientException',
] as const;
