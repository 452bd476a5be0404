// Experiment (not in `pnpm bench`): the hand-written hook with an attempt timeout carried by an
// AbortController, as greenlight's reporter does: what passing `abortSignal` to the SDK costs.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
export const handler = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
  const status = 'Succeeded';
  markVerdict();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  timer.unref();
  try {
    await client.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status,
      }),
      { abortSignal: controller.signal },
    );
  } finally {
    clearTimeout(timer);
  }
  return { status };
};
