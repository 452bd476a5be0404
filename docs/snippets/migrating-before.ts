// docs/snippets/migrating-before.ts
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';

const codedeploy = new CodeDeployClient({});

export const handler = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
  // If fetch throws or hangs, nothing is reported: the deployment waits an hour.
  const res = await fetch(`${process.env.SERVICE_URL}/health`);
  await codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status: res.ok ? 'Succeeded' : 'Failed',
    }),
  );
  // A second delivery of the event throws LifecycleEventAlreadyCompletedException here.
};
