// The hand-written hook as a middy handler with a Powertools Logger: the baseline of @greenlight/middy.
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import middy from '@middy/core';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
const logger = new Logger({ serviceName: 'bench-hook' });

type HookEvent = { DeploymentId: string; LifecycleEventHookExecutionId: string };

export const handler = middy<HookEvent>().handler(async (event) => {
  const keys = {
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
  };
  const status = 'Succeeded';
  markVerdict();
  await client.send(new PutLifecycleEventHookExecutionStatusCommand({ ...keys, status }));
  logger.info('hook verdict', { ...keys, status });
  return { status };
});
