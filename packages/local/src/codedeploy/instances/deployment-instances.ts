import type { DeploymentRecord } from '../../engine/state.js';
import { ApiError } from '../../errors.js';
import type { OperationTable } from '../context.js';
import { requireDeployment, requireStarted } from '../deployments/require.js';
import { lifecycleEvent } from '../deployments/serialize.js';
import { paginate } from '../pagination.js';
import { compact, list, seconds } from '../values.js';

/** Instance ids per BatchGetDeploymentInstances call. */
const BATCH_LIMIT = 25;

/**
 * The deprecated instance operations work for EC2/on-premises and Lambda deployments (the model's
 * documentation); an ECS deployment is `InvalidComputePlatformException`.
 */
function requireInstancePlatform(dep: DeploymentRecord): void {
  if (dep.computePlatform === 'ECS') {
    throw new ApiError(
      'InvalidComputePlatformException',
      'This operation works with EC2/on-premises and Lambda deployments; use BatchGetDeploymentTargets for ECS.',
    );
  }
}

/** The deployment's "instances": a Lambda deployment's function; none for EC2/on-premises locally. */
function instanceIds(dep: DeploymentRecord): string[] {
  return dep.computePlatform === 'Lambda' ? [dep.target.targetId] : [];
}

function instanceSummary(dep: DeploymentRecord): Record<string, unknown> {
  const t = dep.target;
  return compact({
    deploymentId: dep.deploymentId,
    instanceId: t.targetId,
    status: t.status,
    lastUpdatedAt: seconds(t.lastUpdatedAt),
    lifecycleEvents: t.lifecycleEvents.map(lifecycleEvent),
  });
}

/** ListDeploymentInstances, BatchGetDeploymentInstances, GetDeploymentInstance, SkipWaitTimeForInstanceTermination. */
export const deploymentInstanceOperations: OperationTable = {
  ListDeploymentInstances: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    requireStarted(dep);
    requireInstancePlatform(dep);
    const statuses = list<string>(input.instanceStatusFilter);
    const types = list<string>(input.instanceTypeFilter);
    const ids = instanceIds(dep).filter(
      () => (statuses.length === 0 || statuses.includes(dep.target.status)) && types.length === 0,
    );
    const { page, nextToken } = paginate(
      ids,
      input.nextToken,
      `ListDeploymentInstances\u0000${dep.deploymentId}`,
    );
    return nextToken ? { instancesList: page, nextToken } : { instancesList: page };
  },

  BatchGetDeploymentInstances: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    const ids = list<string>(input.instanceIds);
    if (ids.length === 0) throw new ApiError('InstanceIdRequiredException', 'An instance ID is required.');
    if (ids.length > BATCH_LIMIT) {
      throw new ApiError(
        'BatchLimitExceededException',
        `The maximum number of instance IDs is ${BATCH_LIMIT}.`,
      );
    }
    requireInstancePlatform(dep);
    const known = instanceIds(dep);
    const missing = ids.filter((id) => !known.includes(id));
    return {
      instancesSummary: ids.filter((id) => known.includes(id)).map(() => instanceSummary(dep)),
      ...(missing.length > 0
        ? { errorMessage: `Instances not found in deployment ${dep.deploymentId}: ${missing.join(', ')}` }
        : {}),
    };
  },

  GetDeploymentInstance: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    requireInstancePlatform(dep);
    const id = input.instanceId as string;
    if (!instanceIds(dep).includes(id)) {
      throw new ApiError(
        'InstanceDoesNotExistException',
        `The instance ${id.slice(0, 100)} is not part of deployment ${dep.deploymentId}.`,
      );
    }
    return { instanceSummary: instanceSummary(dep) };
  },

  SkipWaitTimeForInstanceTermination: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    ctx.engine.skipTerminationWait(dep.deploymentId);
    return {};
  },
};
