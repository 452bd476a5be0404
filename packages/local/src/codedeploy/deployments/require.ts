import type { DeploymentRecord } from '../../engine/state.js';
import { ApiError } from '../../errors.js';
import { isDeploymentId } from '../../ids.js';
import type { OperationContext } from '../context.js';

/**
 * The deployment named by `deploymentId` in the request's region, with CodeDeploy's errors for a missing,
 * malformed or unknown id (a deployment of another region does not exist here).
 */
export function requireDeployment(ctx: OperationContext, deploymentId: unknown): DeploymentRecord {
  if (typeof deploymentId !== 'string' || deploymentId.length === 0) {
    throw new ApiError('DeploymentIdRequiredException', 'Deployment ID is required');
  }
  if (!isDeploymentId(deploymentId)) {
    throw new ApiError(
      'InvalidDeploymentIdException',
      `Specified DeploymentId is not in the valid format: ${deploymentId.slice(0, 100)}`,
    );
  }
  return ctx.engine.deployment(deploymentId, ctx.region);
}

/** Refuses a deployment that has not started (`Created` or `Queued`). */
export function requireStarted(dep: DeploymentRecord): void {
  if (dep.status === 'Created' || dep.status === 'Queued') {
    throw new ApiError(
      'DeploymentNotStartedException',
      `The deployment ${dep.deploymentId} has not started.`,
    );
  }
}
