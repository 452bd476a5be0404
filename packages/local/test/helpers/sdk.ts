import {
  CodeDeployClient,
  type LifecycleEventStatus,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import type { CodeDeployHookEvent, InProcessHook, LocalCodeDeploy } from '../../src/index.js';

/** A real SDK client pointed at the local CodeDeploy. */
export function clientFor(
  local: LocalCodeDeploy,
  overrides: Partial<ConstructorParameters<typeof CodeDeployClient>[0]> = {},
) {
  return new CodeDeployClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: {
      accessKeyId: local.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
    },
    ...overrides,
  });
}

/** Reports `status` for a hook event through the real SDK. */
export function report(
  client: CodeDeployClient,
  event: CodeDeployHookEvent,
  status: LifecycleEventStatus | string,
) {
  return client.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status: status as LifecycleEventStatus,
    }),
  );
}

/** An in-process hook that reports `status` through the SDK, like a well-behaved handler. */
export function reportingHook(
  client: CodeDeployClient,
  status: LifecycleEventStatus = 'Succeeded',
): InProcessHook {
  return async (event) => {
    await report(client, event, status);
    return { status };
  };
}

/** Polls `predicate` until true (real time), failing after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
