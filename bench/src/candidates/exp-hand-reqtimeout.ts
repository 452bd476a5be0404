// Experiment (not in `pnpm bench`): the hand-written hook with a per-call `requestTimeout` instead of an
// AbortSignal: what the attempt timeout costs when the SDK's own timeout carries it.
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
    { requestTimeout: 10_000 },
  );
  return { status };
};
