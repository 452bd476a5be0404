import {
  CodeDeployClient,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';

let client: CodeDeployClient | undefined;

/** The function and version a Lambda deployment deploys. */
export interface LambdaTarget {
  readonly functionName: string;
  readonly targetVersion: string;
}

/**
 * Asks CodeDeploy which function and version the deployment deploys (the hook event carries only the two
 * IDs): ListDeploymentTargets, then GetDeploymentTarget. `createHook`'s `ctx.target()` does this for you;
 * a plain middy handler does it itself.
 *
 * @example
 * const { functionName, targetVersion } = await lambdaTarget('d-75I7MBT7C', signal);
 */
export async function lambdaTarget(deploymentId: string, signal: AbortSignal): Promise<LambdaTarget> {
  client ??= new CodeDeployClient({});
  const { targetIds } = await client.send(new ListDeploymentTargetsCommand({ deploymentId }), {
    abortSignal: signal,
  });
  const targetId = targetIds?.[0];
  if (!targetId) throw new Error(`deployment ${deploymentId} has no targets`);
  const { deploymentTarget } = await client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }), {
    abortSignal: signal,
  });
  const fn = deploymentTarget?.lambdaTarget?.lambdaFunctionInfo;
  if (!fn?.functionName || !fn.targetVersion)
    throw new Error(`deployment ${deploymentId} is not a Lambda deployment`);
  return { functionName: fn.functionName, targetVersion: fn.targetVersion };
}
