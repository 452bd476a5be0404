import type { DeploymentGroupRecord } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import type { Operation } from '../context.js';
import { paginate } from '../pagination.js';
import { list, obj, str } from '../values.js';

/**
 * ListDeployments: the region's deployments, newest first. An application name and a group name go together
 * (the model: "If applicationName is specified, then deploymentGroupName must be specified", and the
 * reverse), whether or not the application exists.
 */
export const listDeployments: Operation = (input, ctx) => {
  const app = str(input.applicationName);
  const group = str(input.deploymentGroupName);
  if (group !== undefined && app === undefined) {
    throw new ApiError(
      'ApplicationNameRequiredException',
      'If deploymentGroupName is specified, applicationName must be too',
    );
  }
  if (app !== undefined && group === undefined) {
    throw new ApiError(
      'DeploymentGroupNameRequiredException',
      'If applicationName is specified, deploymentGroupName must be too',
    );
  }
  // The group record itself, so deployments made before a rename of the application or group still count.
  let groupRecord: DeploymentGroupRecord | undefined;
  if (app !== undefined) {
    const application = ctx.regional.applications.get(app);
    if (!application)
      throw new ApiError('ApplicationDoesNotExistException', `No application found for name: ${app}`);
    groupRecord = application.groups.get(group!);
    if (!groupRecord) {
      throw new ApiError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${group}`,
      );
    }
  }
  const statuses = list<string>(input.includeOnlyStatuses);
  const range = obj(input.createTimeRange) as { start?: number; end?: number };
  if (range.start !== undefined && range.end !== undefined && range.start > range.end) {
    throw new ApiError('InvalidTimeRangeException', 'The start time must be before the end time');
  }
  // Only CloudFormation links deployments to an external id; none is linked locally.
  const external = str(input.externalId);
  const ids: string[] = [];
  if (external === undefined) {
    for (const d of ctx.engine.state.deployments.values()) {
      if (
        d.region === ctx.region &&
        (groupRecord === undefined || d.group === groupRecord) &&
        (statuses.length === 0 || statuses.includes(d.status)) &&
        (range.start === undefined || d.createTime / 1000 >= range.start) &&
        (range.end === undefined || d.createTime / 1000 <= range.end)
      ) {
        ids.push(d.deploymentId);
      }
    }
  }
  ids.reverse();
  const scope = ['ListDeployments', app, group, statuses.join(','), range.start, range.end, external].join(
    '\u0000',
  );
  const { page, nextToken } = paginate(ids, input.nextToken, scope);
  return nextToken ? { deployments: page, nextToken } : { deployments: page };
};
