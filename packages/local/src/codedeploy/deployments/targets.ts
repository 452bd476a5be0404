import type { DeploymentRecord } from '../../engine/state.js';
import { ApiError } from '../../errors.js';
import type { OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { list, obj } from '../values.js';
import { requireDeployment, requireStarted } from './require.js';
import { deploymentTarget } from './serialize.js';

/** Target ids per BatchGetDeploymentTargets call. */
const BATCH_LIMIT = 25;

/** An ECS target id is `<cluster>:<service>`. */
const ECS_TARGET_ID = /^[^:\s]+:[^:\s]+$/;

/** The deployment's target named `targetId`, with CodeDeploy's errors for a missing, malformed or unknown id. */
function requireTarget(dep: DeploymentRecord, targetId: unknown): DeploymentRecord['target'] {
  if (typeof targetId !== 'string' || targetId.length === 0) {
    throw new ApiError('DeploymentTargetIdRequiredException', 'A deployment target ID is required');
  }
  if (dep.computePlatform === 'ECS' && !ECS_TARGET_ID.test(targetId)) {
    throw new ApiError(
      'InvalidDeploymentTargetIdException',
      `The target ID ${targetId.slice(0, 100)} is not valid: an ECS target ID is <cluster name>:<service name>.`,
    );
  }
  requireStarted(dep);
  if (dep.computePlatform === 'Server' || targetId !== dep.target.targetId) {
    throw new ApiError(
      'DeploymentTargetDoesNotExistException',
      `The target ${targetId.slice(0, 100)} does not exist in deployment ${dep.deploymentId}.`,
    );
  }
  return dep.target;
}

const TARGET_STATUSES = ['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown', 'Ready'];

/** GetDeploymentTarget, BatchGetDeploymentTargets, ListDeploymentTargets. */
export const targetOperations: OperationTable = {
  GetDeploymentTarget: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    requireTarget(dep, input.targetId);
    return { deploymentTarget: deploymentTarget(dep) };
  },

  BatchGetDeploymentTargets: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    const ids = list<string>(input.targetIds);
    if (ids.length === 0)
      throw new ApiError('DeploymentTargetIdRequiredException', 'A deployment target ID is required');
    if (ids.length > BATCH_LIMIT) {
      throw new ApiError(
        'DeploymentTargetListSizeExceededException',
        `The maximum number of deployment target IDs is ${BATCH_LIMIT}`,
      );
    }
    for (const id of ids) requireTarget(dep, id);
    return { deploymentTargets: ids.map(() => deploymentTarget(dep)) };
  },

  ListDeploymentTargets: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    requireStarted(dep);
    const filters = obj(input.targetFilters) as Record<string, string[] | undefined>;
    const statuses = filters.TargetStatus ?? [];
    for (const s of statuses) {
      if (!TARGET_STATUSES.includes(s)) {
        throw new ApiError(
          'InvalidInstanceStatusException',
          `The target status ${s.slice(0, 50)} is not valid`,
        );
      }
    }
    for (const label of filters.ServerInstanceLabel ?? []) {
      if (label !== 'Blue' && label !== 'Green') {
        throw new ApiError(
          'InvalidInstanceTypeException',
          `The instance label ${label.slice(0, 50)} is not valid (Blue or Green)`,
        );
      }
    }
    const targets = dep.computePlatform === 'Server' ? [] : [dep.target];
    const ids = targets
      .filter((t) => statuses.length === 0 || statuses.includes(t.status))
      .filter(() => (filters.ServerInstanceLabel ?? []).length === 0)
      .map((t) => t.targetId);
    const { page, nextToken } = paginate(
      ids,
      input.nextToken,
      `ListDeploymentTargets\u0000${dep.deploymentId}`,
    );
    return nextToken ? { targetIds: page, nextToken } : { targetIds: page };
  },
};
