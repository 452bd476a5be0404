import { requireApplication } from '../../engine/create-request.js';
import type { ApplicationRecord, RevisionRecord } from '../../engine/region-state.js';
import {
  normalizeRevision,
  requireRevisionFits,
  revisionKey,
  revisionRecord,
} from '../../engine/revisions.js';
import { ApiError } from '../../errors.js';
import type { OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { list, obj, str } from '../values.js';
import { genericRevisionInfo } from './serialize.js';

/** Revisions per BatchGetApplicationRevisions call. */
const BATCH_LIMIT = 25;

function find(app: ApplicationRecord, revision: unknown): RevisionRecord | undefined {
  return app.revisions.get(revisionKey(normalizeRevision(obj(revision), false)));
}

const SORT_KEYS = {
  registerTime: 'registerTime',
  firstUsedTime: 'firstUsedTime',
  lastUsedTime: 'lastUsedTime',
} as const;

/** RegisterApplicationRevision, GetApplicationRevision, BatchGetApplicationRevisions, ListApplicationRevisions. */
export const revisionOperations: OperationTable = {
  RegisterApplicationRevision: (input, ctx) => {
    const app = requireApplication(ctx.engine, ctx.region, input.applicationName);
    const revision = normalizeRevision(obj(input.revision), true);
    requireRevisionFits(revision, app.computePlatform);
    const record = revisionRecord(app, revision);
    record.registerTime ??= ctx.now();
    if (typeof input.description === 'string') record.description = input.description;
    return {};
  },

  GetApplicationRevision: (input, ctx) => {
    const app = requireApplication(ctx.engine, ctx.region, input.applicationName);
    const record = find(app, input.revision);
    if (!record) {
      throw new ApiError(
        'RevisionDoesNotExistException',
        `No application revision found for revision ${JSON.stringify(input.revision).slice(0, 200)}`,
      );
    }
    return {
      applicationName: app.applicationName,
      revision: record.revision,
      revisionInfo: genericRevisionInfo(record),
    };
  },

  BatchGetApplicationRevisions: (input, ctx) => {
    const app = requireApplication(ctx.engine, ctx.region, input.applicationName);
    const revisions = list(input.revisions);
    if (revisions.length > BATCH_LIMIT) {
      throw new ApiError('BatchLimitExceededException', `The maximum number of revisions is ${BATCH_LIMIT}.`);
    }
    const found = revisions.map((r) => find(app, r));
    const missing = found.filter((r) => !r).length;
    return {
      applicationName: app.applicationName,
      revisions: found
        .filter((r) => r !== undefined)
        .map((r) => ({ revisionLocation: r.revision, genericRevisionInfo: genericRevisionInfo(r) })),
      ...(missing > 0
        ? { errorMessage: `${missing} of the revisions were not found for ${app.applicationName}` }
        : {}),
    };
  },

  ListApplicationRevisions: (input, ctx) => {
    const app = requireApplication(ctx.engine, ctx.region, input.applicationName);
    const bucket = str(input.s3Bucket);
    const prefix = str(input.s3KeyPrefix);
    if (prefix && !bucket) {
      throw new ApiError(
        'BucketNameFilterRequiredException',
        'A bucket name is required if a key prefix is specified.',
      );
    }
    const deployed = (input.deployed as string | undefined) ?? 'ignore';
    let records = [...app.revisions.values()].filter((r) => r.registerTime !== undefined);
    if (bucket) {
      records = records.filter((r) => {
        const s3 = obj(r.revision.s3Location);
        return (
          r.revision.revisionType === 'S3' && s3.bucket === bucket && String(s3.key).startsWith(prefix ?? '')
        );
      });
    }
    if (deployed !== 'ignore')
      records = records.filter((r) => r.deploymentGroups.size > 0 === (deployed === 'include'));
    const sortBy = input.sortBy as keyof typeof SORT_KEYS | undefined;
    if (sortBy) {
      const sign = input.sortOrder === 'descending' ? -1 : 1;
      records.sort((a, b) => sign * ((a[SORT_KEYS[sortBy]] ?? 0) - (b[SORT_KEYS[sortBy]] ?? 0)));
    }
    const scope = [
      'ListApplicationRevisions',
      app.applicationId,
      bucket,
      prefix,
      deployed,
      sortBy,
      input.sortOrder,
    ].join('\u0000');
    const { page, nextToken } = paginate(
      records.map((r) => r.revision),
      input.nextToken,
      scope,
    );
    return nextToken ? { revisions: page, nextToken } : { revisions: page };
  },
};
