// The baseline: the hand-written hook with a Powertools Logger and one summary line, as careful people write it.
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
const logger = new Logger({ serviceName: 'bench-hook' });

export const handler = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
  const keys = {
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
  };
  const status = 'Succeeded';
  markVerdict();
  await client.send(new PutLifecycleEventHookExecutionStatusCommand({ ...keys, status }));
  logger.info('hook verdict', { ...keys, status });
  return { status };
};
