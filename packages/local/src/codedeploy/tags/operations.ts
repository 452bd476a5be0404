import { findConfig } from '../../engine/config-catalog.js';
import { ApiError } from '../../errors.js';
import { type ParsedArn, parseArn } from '../arns.js';
import type { OperationContext, OperationTable } from '../context.js';
import { list } from '../values.js';
import { addTags, checkTags, removeTags, tagsOf } from './store.js';

const TAGGABLE = ['application', 'deploymentgroup', 'deploymentconfig'];

/** An ARN of this account and region that names a taggable resource type. */
function taggableArn(ctx: OperationContext, arn: string): ParsedArn {
  const parsed = parseArn(arn);
  if (parsed.region !== ctx.region || parsed.account !== ctx.accountId) {
    throw new ApiError(
      'InvalidArnException',
      `The ARN ${arn.slice(0, 200)} is not in this account and region (${ctx.accountId}, ${ctx.region}).`,
    );
  }
  if (!TAGGABLE.includes(parsed.type)) {
    throw new ApiError(
      'ArnNotSupportedException',
      `Tags are supported on applications, deployment groups and deployment configurations, not on ${parsed.type}.`,
    );
  }
  return parsed;
}

/** The resource an ARN names must exist (TagResource and UntagResource say which does not). */
function requireResource(ctx: OperationContext, parsed: ParsedArn): void {
  const { regional } = ctx;
  if (parsed.type === 'deploymentconfig') {
    const config = findConfig(regional, parsed.resource);
    if (!config) {
      throw new ApiError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${parsed.resource}`,
      );
    }
    if (config.predefined) {
      throw new ApiError(
        'ArnNotSupportedException',
        `The predefined configuration ${parsed.resource} cannot be tagged.`,
      );
    }
    return;
  }
  const slash = parsed.resource.indexOf('/');
  const appName =
    parsed.type === 'deploymentgroup' && slash >= 0 ? parsed.resource.slice(0, slash) : parsed.resource;
  const app = regional.applications.get(appName);
  if (!app)
    throw new ApiError('ApplicationDoesNotExistException', `No application found for name: ${appName}`);
  if (parsed.type === 'deploymentgroup') {
    const group = slash >= 0 ? parsed.resource.slice(slash + 1) : '';
    if (!app.groups.has(group)) {
      throw new ApiError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${group}`,
      );
    }
  }
}

/** TagResource, UntagResource, ListTagsForResource. */
export const tagOperations: OperationTable = {
  TagResource: (input, ctx) => {
    const arn = input.ResourceArn as string;
    const parsed = taggableArn(ctx, arn);
    const tags = checkTags(list(input.Tags));
    if (tags.length === 0) throw new ApiError('TagRequiredException', 'A tag was not specified.');
    requireResource(ctx, parsed);
    addTags(ctx.regional, arn, tags);
    return {};
  },

  UntagResource: (input, ctx) => {
    const arn = input.ResourceArn as string;
    const parsed = taggableArn(ctx, arn);
    const keys = list<string>(input.TagKeys);
    if (keys.length === 0) throw new ApiError('TagRequiredException', 'A tag key was not specified.');
    requireResource(ctx, parsed);
    removeTags(ctx.regional, arn, keys);
    return {};
  },

  ListTagsForResource: (input, ctx) => {
    const arn = input.ResourceArn as string;
    taggableArn(ctx, arn);
    return { Tags: tagsOf(ctx.regional, arn) };
  },
};
