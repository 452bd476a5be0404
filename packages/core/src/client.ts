import { CodeDeployClient } from '@aws-sdk/client-codedeploy';

/**
 * The CodeDeploy client greenlight makes when none is given: one SDK attempt per call (greenlight retries
 * itself, within the deadline) and request timeouts that fail the request, so an attempt's `requestTimeout`
 * ends it. Region, credentials and `AWS_ENDPOINT_URL_CODEDEPLOY` come from the environment, as usual.
 *
 * @example
 * const client = createCodeDeployClient(); // what createHook uses by default
 * await reportStatus({ client, deploymentId, lifecycleEventHookExecutionId, status: 'Succeeded', deadline, policy });
 */
export function createCodeDeployClient(): CodeDeployClient {
  return new CodeDeployClient({ maxAttempts: 1, requestHandler: { throwOnRequestTimeout: true } });
}
