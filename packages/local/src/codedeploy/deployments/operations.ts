import type { CreateDeploymentRequest } from '../../engine/engine.js';
import { ApiError } from '../../errors.js';
import { isDeploymentId } from '../../ids.js';
import type { OperationTable } from '../context.js';
import { list } from '../values.js';
import { listDeployments } from './list.js';
import { requireDeployment } from './require.js';
import { deploymentInfo } from './serialize.js';

/** Ids per BatchGetDeployments call. */
const BATCH_LIMIT = 25;

/** CreateDeployment, GetDeployment, BatchGetDeployments, ListDeployments, StopDeployment, ContinueDeployment, PutLifecycleEventHookExecutionStatus. */
export const deploymentOperations: OperationTable = {
  CreateDeployment: (input, ctx) => ({
    deploymentId: ctx.engine.createDeployment(input as unknown as CreateDeploymentRequest, {
      region: ctx.region,
    }).deploymentId,
  }),

  GetDeployment: (input, ctx) => ({
    deploymentInfo: deploymentInfo(requireDeployment(ctx, input.deploymentId)),
  }),

  BatchGetDeployments: (input, ctx) => {
    const ids = list<string>(input.deploymentIds);
    if (ids.length > BATCH_LIMIT) {
      throw new ApiError(
        'BatchLimitExceededException',
        `The maximum number of deployment IDs is ${BATCH_LIMIT}`,
      );
    }
    const infos = [];
    for (const id of ids) {
      if (!isDeploymentId(id)) {
        throw new ApiError(
          'InvalidDeploymentIdException',
          `Specified DeploymentId is not in the valid format: ${id.slice(0, 100)}`,
        );
      }
      const dep = ctx.engine.state.deployments.get(id);
      if (dep && dep.region === ctx.region) infos.push(deploymentInfo(dep));
    }
    return { deploymentsInfo: infos };
  },

  ListDeployments: listDeployments,

  StopDeployment: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    return ctx.engine.stop(dep.deploymentId, input.autoRollbackEnabled as boolean | undefined);
  },

  ContinueDeployment: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    ctx.engine.continue(
      dep.deploymentId,
      input.deploymentWaitType as 'READY_WAIT' | 'TERMINATION_WAIT' | undefined,
    );
    return {};
  },

  PutLifecycleEventHookExecutionStatus: (input, ctx) => {
    const dep = requireDeployment(ctx, input.deploymentId);
    const executionId = input.lifecycleEventHookExecutionId as string | undefined;
    ctx.engine.report(dep.deploymentId, executionId, input.status as string | undefined);
    return { lifecycleEventHookExecutionId: executionId };
  },
};
