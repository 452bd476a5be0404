import { type RetryPolicy, withRetries } from './retry.js';
import { type DeploymentTarget, GetDeploymentTargetCommand, ListDeploymentTargetsCommand } from './sdk.js';
import type { CodeDeployLike, HookStatus } from './types.js';

/**
 * The status CodeDeploy holds for the lifecycle event a hook served, read after it answered "already
 * completed": from the deployment's target, the hook event (`Before…`/`After…`) that completed last. Undefined
 * when none has a terminal status. Each call is retried like the report, within `deadline`.
 *
 * @throws the last error of a call that could not be made.
 * @example
 * const recorded = await readRecordedStatus(client, deploymentId, budget.reportDeadline, policy); // 'Succeeded'
 */
export async function readRecordedStatus(
  client: CodeDeployLike,
  deploymentId: string,
  deadline: number,
  policy: RetryPolicy,
): Promise<HookStatus | undefined> {
  const call = async <T>(command: unknown): Promise<T> => {
    const outcome = await withRetries((options) => client.send(command, options), deadline, policy);
    if (!outcome.ok) throw outcome.error;
    return outcome.value as T;
  };
  const { targetIds } = await call<{ targetIds?: string[] }>(
    new ListDeploymentTargetsCommand({ deploymentId }),
  );
  const targetId = targetIds?.[0];
  if (!targetId) return undefined;
  const { deploymentTarget: t } = await call<{ deploymentTarget?: DeploymentTarget }>(
    new GetDeploymentTargetCommand({ deploymentId, targetId }),
  );
  const events = (t?.lambdaTarget ?? t?.ecsTarget ?? t?.instanceTarget ?? t?.cloudFormationTarget)
    ?.lifecycleEvents;
  let latest: { status: HookStatus; at: number } | undefined;
  for (const e of events ?? []) {
    if (
      (e.status !== 'Succeeded' && e.status !== 'Failed') ||
      !/^(?:Before|After)/.test(e.lifecycleEventName ?? '')
    )
      continue;
    const at = e.endTime?.getTime() ?? 0;
    if (!latest || at >= latest.at) latest = { status: e.status, at };
  }
  return latest?.status;
}
