// What people write by hand: an SDK client and one PutLifecycleEventHookExecutionStatus.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});

export const handler = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
  const status = 'Succeeded';
  markVerdict();
  await client.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
    }),
  );
  return { status };
};
