import { randomUUID } from 'node:crypto';
import { requireApplication } from '../../engine/create-request.js';
import type { ApplicationRecord, DeploymentGroupRecord } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { groupArn } from '../arns.js';
import type { OperationContext, OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { addTags, checkTags, dropTags, moveTags } from '../tags/store.js';
import { list, str } from '../values.js';
import { deploymentGroupInfo } from './serialize.js';
import { checkGroup } from './validate.js';

/** The configuration a group gets when it names none. */
export const DEFAULT_CONFIG = {
  Server: 'CodeDeployDefault.OneAtATime',
  Lambda: 'CodeDeployDefault.LambdaAllAtOnce',
  ECS: 'CodeDeployDefault.ECSAllAtOnce',
} as const;

/** Names per BatchGetDeploymentGroups call. */
const BATCH_LIMIT = 100;

/** Members that name the group rather than configure it. */
const NAMING = new Set([
  'applicationName',
  'deploymentGroupName',
  'currentDeploymentGroupName',
  'newDeploymentGroupName',
  'tags',
]);

/** A group's configuring members (its names and tags left out), as the group record stores them. */
export function configuration(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([k, v]) => !NAMING.has(k) && v !== undefined && v !== null),
  );
}

/** The group named in `input` (by `member`), or `DeploymentGroupDoesNotExistException`. */
export function requireGroup(app: ApplicationRecord, name: unknown): DeploymentGroupRecord {
  const group = app.groups.get(String(name));
  if (!group) {
    throw new ApiError(
      'DeploymentGroupDoesNotExistException',
      `No Deployment Group found for name: ${String(name)}`,
    );
  }
  return group;
}

function appOf(ctx: OperationContext, name: unknown): ApplicationRecord {
  return requireApplication(ctx.engine, ctx.region, name);
}

/** CreateDeploymentGroup, GetDeploymentGroup, BatchGetDeploymentGroups, ListDeploymentGroups, UpdateDeploymentGroup, DeleteDeploymentGroup. */
export const groupOperations: OperationTable = {
  CreateDeploymentGroup: (input, ctx) => {
    const app = appOf(ctx, input.applicationName);
    const name = input.deploymentGroupName as string;
    if (app.groups.has(name)) {
      throw new ApiError(
        'DeploymentGroupAlreadyExistsException',
        `The deployment group ${name} already exists.`,
      );
    }
    const config = configuration(input);
    const configName = str(input.deploymentConfigName) ?? DEFAULT_CONFIG[app.computePlatform];
    checkGroup(config, configName, app, ctx.regional);
    const tags = checkTags(list(input.tags));
    const deploymentGroupId = randomUUID();
    app.groups.set(name, {
      applicationName: app.applicationName,
      deploymentGroupName: name,
      deploymentGroupId,
      computePlatform: app.computePlatform,
      input: structuredClone(config),
      deploymentConfigName: configName,
      active: new Set(),
    });
    addTags(ctx.regional, groupArn(ctx.region, ctx.accountId, app.applicationName, name), tags);
    return { deploymentGroupId };
  },

  GetDeploymentGroup: (input, ctx) => ({
    deploymentGroupInfo: deploymentGroupInfo(
      requireGroup(appOf(ctx, input.applicationName), input.deploymentGroupName),
    ),
  }),

  BatchGetDeploymentGroups: (input, ctx) => {
    const app = appOf(ctx, input.applicationName);
    const names = list<string>(input.deploymentGroupNames);
    if (names.length > BATCH_LIMIT) {
      throw new ApiError('BatchLimitExceededException', `The maximum number of names is ${BATCH_LIMIT}.`);
    }
    const found = names.map((name) => app.groups.get(name));
    const missing = names.filter((_, i) => !found[i]);
    return {
      deploymentGroupsInfo: found.filter((g) => g !== undefined).map(deploymentGroupInfo),
      ...(missing.length > 0
        ? {
            errorMessage: `Deployment groups not found for application ${app.applicationName}: ${missing.join(', ')}`,
          }
        : {}),
    };
  },

  ListDeploymentGroups: (input, ctx) => {
    const app = appOf(ctx, input.applicationName);
    const names = [...app.groups.keys()].sort();
    const { page, nextToken } = paginate(
      names,
      input.nextToken,
      `ListDeploymentGroups\u0000${app.applicationId}`,
    );
    return {
      applicationName: app.applicationName,
      deploymentGroups: page,
      ...(nextToken ? { nextToken } : {}),
    };
  },

  UpdateDeploymentGroup: (input, ctx) => {
    const app = appOf(ctx, input.applicationName);
    const group = requireGroup(app, input.currentDeploymentGroupName);
    const current = group.deploymentGroupName;
    const renamed = str(input.newDeploymentGroupName);
    if (renamed && renamed !== current && app.groups.has(renamed)) {
      throw new ApiError(
        'DeploymentGroupAlreadyExistsException',
        `The deployment group ${renamed} already exists.`,
      );
    }
    const merged = { ...group.input, ...configuration(input) };
    const configName = str(input.deploymentConfigName) ?? group.deploymentConfigName;
    checkGroup(merged, configName, app, ctx.regional, group);
    group.input = structuredClone(merged);
    group.deploymentConfigName = configName;
    if (renamed && renamed !== current) {
      app.groups.delete(current);
      group.deploymentGroupName = renamed;
      app.groups.set(renamed, group);
      for (const revision of app.revisions.values()) {
        if (revision.deploymentGroups.delete(current)) revision.deploymentGroups.add(renamed);
      }
      const { region, accountId } = ctx;
      moveTags(
        ctx.regional,
        groupArn(region, accountId, app.applicationName, current),
        groupArn(region, accountId, app.applicationName, renamed),
      );
    }
    return { hooksNotCleanedUp: [] };
  },

  DeleteDeploymentGroup: (input, ctx) => {
    // Deleting what does not exist succeeds (the model lists no DoesNotExist error for it).
    const app = ctx.regional.applications.get(input.applicationName as string);
    const name = input.deploymentGroupName as string;
    if (app?.groups.delete(name)) {
      for (const revision of app.revisions.values()) revision.deploymentGroups.delete(name);
      dropTags(ctx.regional, groupArn(ctx.region, ctx.accountId, app.applicationName, name));
    }
    return { hooksNotCleanedUp: [] };
  },
};
