import type { Engine } from '../engine/engine.js';
import type { DeploymentRecord } from '../engine/state.js';
import { ApiError } from '../errors.js';
import { isDeploymentId } from '../ids.js';
import { deploymentInfo, deploymentTarget } from './serialize.js';

/** An operation's implementation: validated input in, output members out. */
export type Operation = (input: Record<string, unknown>, engine: Engine) => unknown;

const PAGE_SIZE = 100;

/** The deployment named by `deploymentId`, with CodeDeploy's errors for a missing or malformed id. */
export function requireDeployment(engine: Engine, deploymentId: unknown): DeploymentRecord {
  if (typeof deploymentId !== 'string' || deploymentId.length === 0) {
    throw new ApiError('DeploymentIdRequiredException', 'Deployment ID is required');
  }
  if (!isDeploymentId(deploymentId)) {
    throw new ApiError(
      'InvalidDeploymentIdException',
      `Specified DeploymentId is not in the valid format: ${deploymentId.slice(0, 100)}`,
    );
  }
  return engine.deployment(deploymentId);
}

function requireTarget(dep: DeploymentRecord, targetId: unknown): void {
  if (typeof targetId !== 'string' || targetId.length === 0) {
    throw new ApiError('DeploymentTargetIdRequiredException', 'A deployment target ID is required');
  }
  if (dep.status === 'Created' || dep.status === 'Queued') {
    throw new ApiError(
      'DeploymentNotStartedException',
      `The deployment ${dep.deploymentId} has not started.`,
    );
  }
  if (targetId !== dep.target.targetId) {
    throw new ApiError(
      'DeploymentTargetDoesNotExistException',
      `The target ${targetId.slice(0, 100)} does not exist in deployment ${dep.deploymentId}.`,
    );
  }
}

function decodeToken(token: unknown): number {
  if (token === undefined) return 0;
  const offset = Number.parseInt(
    Buffer.from(String(token), 'base64url')
      .toString('utf8')
      .replace(/^offset:/, ''),
    10,
  );
  if (!String(token).length || !Number.isSafeInteger(offset) || offset < 0) {
    throw new ApiError('InvalidNextTokenException', 'The next token is not valid');
  }
  return offset;
}

const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

/** The deployment and target operations. */
export const deploymentOperations: Readonly<Record<string, Operation>> = {
  GetDeployment: (input, engine) => ({
    deploymentInfo: deploymentInfo(requireDeployment(engine, input.deploymentId)),
  }),

  BatchGetDeployments: (input, engine) => {
    const ids = input.deploymentIds as string[];
    if (ids.length > 25)
      throw new ApiError('BatchLimitExceededException', 'The maximum number of deployment IDs is 25');
    const infos = [];
    for (const id of ids) {
      if (!isDeploymentId(id))
        throw new ApiError(
          'InvalidDeploymentIdException',
          `Specified DeploymentId is not in the valid format: ${id.slice(0, 100)}`,
        );
      const dep = engine.state.deployments.get(id);
      if (dep) infos.push(deploymentInfo(dep));
    }
    return { deploymentsInfo: infos };
  },

  GetDeploymentTarget: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    requireTarget(dep, input.targetId);
    return { deploymentTarget: deploymentTarget(dep) };
  },

  BatchGetDeploymentTargets: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    const ids = input.targetIds as string[];
    if (ids.length === 0)
      throw new ApiError('DeploymentTargetIdRequiredException', 'A deployment target ID is required');
    if (ids.length > 25) {
      throw new ApiError(
        'DeploymentTargetListSizeExceededException',
        'The maximum number of deployment target IDs is 25',
      );
    }
    for (const id of ids) requireTarget(dep, id);
    return { deploymentTargets: ids.map(() => deploymentTarget(dep)) };
  },

  ListDeploymentTargets: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    if (dep.status === 'Created' || dep.status === 'Queued') {
      throw new ApiError(
        'DeploymentNotStartedException',
        `The deployment ${dep.deploymentId} has not started.`,
      );
    }
    if (decodeToken(input.nextToken) > 0)
      throw new ApiError('InvalidNextTokenException', 'The next token is not valid');
    const filters = (input.targetFilters ?? {}) as Record<string, string[]>;
    const statuses = filters.TargetStatus;
    const valid = ['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown', 'Ready'];
    for (const s of statuses ?? []) {
      if (!valid.includes(s))
        throw new ApiError(
          'InvalidInstanceStatusException',
          `The target status ${s.slice(0, 50)} is not valid`,
        );
    }
    const matches = !statuses || statuses.length === 0 || statuses.includes(dep.target.status);
    return { targetIds: matches ? [dep.target.targetId] : [] };
  },

  ListDeployments: (input, engine) => {
    const app = input.applicationName as string | undefined;
    const group = input.deploymentGroupName as string | undefined;
    if (group !== undefined && app === undefined) {
      throw new ApiError(
        'ApplicationNameRequiredException',
        'If deploymentGroupName is specified, applicationName must be too',
      );
    }
    if (app !== undefined && !engine.state.applications.has(app)) {
      throw new ApiError('ApplicationDoesNotExistException', `No application found for name: ${app}`);
    }
    if (app !== undefined && group !== undefined && !engine.state.groups.has(`${app}\u0000${group}`)) {
      throw new ApiError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${group}`,
      );
    }
    const statuses = input.includeOnlyStatuses as string[] | undefined;
    const range = (input.createTimeRange ?? {}) as { start?: number; end?: number };
    if (range.start !== undefined && range.end !== undefined && range.start > range.end) {
      throw new ApiError('InvalidTimeRangeException', 'The start time must be before the end time');
    }
    const ids = [...engine.state.deployments.values()]
      .filter(
        (d) =>
          (app === undefined || d.applicationName === app) &&
          (group === undefined || d.deploymentGroupName === group) &&
          (!statuses || statuses.length === 0 || statuses.includes(d.status)) &&
          (range.start === undefined || d.createTime / 1000 >= range.start) &&
          (range.end === undefined || d.createTime / 1000 <= range.end),
      )
      .reverse()
      .map((d) => d.deploymentId);
    const offset = decodeToken(input.nextToken);
    if (offset > ids.length) throw new ApiError('InvalidNextTokenException', 'The next token is not valid');
    const page = ids.slice(offset, offset + PAGE_SIZE);
    return offset + PAGE_SIZE < ids.length
      ? { deployments: page, nextToken: encodeToken(offset + PAGE_SIZE) }
      : { deployments: page };
  },

  CreateDeployment: (input, engine) => ({
    deploymentId: engine.createDeployment(input as unknown as Parameters<Engine['createDeployment']>[0])
      .deploymentId,
  }),

  StopDeployment: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    return engine.stop(dep.deploymentId, input.autoRollbackEnabled as boolean | undefined);
  },

  ContinueDeployment: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    engine.continue(
      dep.deploymentId,
      input.deploymentWaitType as 'READY_WAIT' | 'TERMINATION_WAIT' | undefined,
    );
    return {};
  },

  PutLifecycleEventHookExecutionStatus: (input, engine) => {
    const dep = requireDeployment(engine, input.deploymentId);
    const executionId = input.lifecycleEventHookExecutionId as string | undefined;
    engine.report(dep.deploymentId, executionId, input.status as string | undefined);
    return { lifecycleEventHookExecutionId: executionId };
  },
};
