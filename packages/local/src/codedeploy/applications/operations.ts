import { randomUUID } from 'node:crypto';
import { requireApplication } from '../../engine/create-request.js';
import type { ComputePlatform } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { applicationArn, groupArn } from '../arns.js';
import type { OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { addTags, checkTags, dropTags, moveTags } from '../tags/store.js';
import { list, str } from '../values.js';
import { applicationInfo } from './serialize.js';

/** Names per BatchGetApplications call. */
const BATCH_LIMIT = 100;

/** CreateApplication, GetApplication, BatchGetApplications, ListApplications, UpdateApplication, DeleteApplication. */
export const applicationOperations: OperationTable = {
  CreateApplication: (input, ctx) => {
    const name = input.applicationName as string;
    const { applications } = ctx.regional;
    if (applications.has(name)) {
      throw new ApiError(
        'ApplicationAlreadyExistsException',
        `The application ${name} already exists with the IAM user or AWS account.`,
      );
    }
    const tags = checkTags(list(input.tags));
    const applicationId = randomUUID();
    applications.set(name, {
      applicationName: name,
      applicationId,
      computePlatform: (input.computePlatform as ComputePlatform | undefined) ?? 'Server',
      createTime: ctx.now(),
      groups: new Map(),
      revisions: new Map(),
    });
    addTags(ctx.regional, applicationArn(ctx.region, ctx.accountId, name), tags);
    return { applicationId };
  },

  GetApplication: (input, ctx) => ({
    application: applicationInfo(requireApplication(ctx.engine, ctx.region, input.applicationName)),
  }),

  BatchGetApplications: (input, ctx) => {
    const names = list<string>(input.applicationNames);
    if (names.length > BATCH_LIMIT) {
      throw new ApiError('BatchLimitExceededException', `The maximum number of names is ${BATCH_LIMIT}.`);
    }
    return {
      applicationsInfo: [...new Set(names)].map((name) =>
        applicationInfo(requireApplication(ctx.engine, ctx.region, name)),
      ),
    };
  },

  ListApplications: (input, ctx) => {
    const names = [...ctx.regional.applications.keys()].sort();
    const { page, nextToken } = paginate(names, input.nextToken, 'ListApplications');
    return nextToken ? { applications: page, nextToken } : { applications: page };
  },

  UpdateApplication: (input, ctx) => {
    const current = str(input.applicationName);
    if (!current)
      throw new ApiError(
        'ApplicationNameRequiredException',
        'The minimum number of required application names was not specified.',
      );
    const app = requireApplication(ctx.engine, ctx.region, current);
    const renamed = str(input.newApplicationName);
    if (!renamed || renamed === current) return {};
    const { applications } = ctx.regional;
    if (applications.has(renamed)) {
      throw new ApiError(
        'ApplicationAlreadyExistsException',
        `The application ${renamed} already exists with the IAM user or AWS account.`,
      );
    }
    const { region, accountId } = ctx;
    applications.delete(current);
    app.applicationName = renamed;
    applications.set(renamed, app);
    moveTags(
      ctx.regional,
      applicationArn(region, accountId, current),
      applicationArn(region, accountId, renamed),
    );
    for (const group of app.groups.values()) {
      group.applicationName = renamed;
      const name = group.deploymentGroupName;
      moveTags(
        ctx.regional,
        groupArn(region, accountId, current, name),
        groupArn(region, accountId, renamed, name),
      );
    }
    return {};
  },

  DeleteApplication: (input, ctx) => {
    const name = input.applicationName as string;
    const app = ctx.regional.applications.get(name);
    if (!app) return {}; // deleting what does not exist succeeds, as on AWS
    const { region, accountId } = ctx;
    for (const group of app.groups.keys()) dropTags(ctx.regional, groupArn(region, accountId, name, group));
    dropTags(ctx.regional, applicationArn(region, accountId, name));
    ctx.regional.applications.delete(name);
    return {};
  },
};
