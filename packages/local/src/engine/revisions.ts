import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import type { ApplicationRecord, ComputePlatform, RevisionRecord } from './region-state.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The revision types each compute platform deploys (the model's RevisionLocationType documentation). */
export const REVISION_TYPES: Readonly<Record<ComputePlatform, readonly string[]>> = {
  Server: ['S3', 'GitHub'],
  Lambda: ['S3', 'String', 'AppSpecContent'],
  ECS: ['S3', 'AppSpecContent'],
};

const invalid = (message: string) => new ApiError('InvalidRevisionException', message);

/** The inline content of a String or AppSpecContent revision (`undefined` for S3 and GitHub). */
export function inlineContent(revision: Obj): { content?: string; sha256?: string } | undefined {
  if (revision.revisionType === 'String') return obj(revision.string);
  if (revision.revisionType === 'AppSpecContent') return obj(revision.appSpecContent);
  return undefined;
}

/** The sha256 of an inline revision's content, hex. */
export const sha256Of = (content: string) => createHash('sha256').update(content).digest('hex');

/**
 * Checks a revision location and returns it as CodeDeploy stores and shows it (inline content with its
 * sha256; S3 and GitHub locations as given). `requireContent`: inline revisions must carry their content
 * (to deploy or register them); a look-up may name them by sha256 alone.
 */
export function normalizeRevision(revision: Obj, requireContent: boolean): Record<string, unknown> {
  const type = revision.revisionType;
  if (type === 'S3') {
    const s3 = obj(revision.s3Location);
    if (!text(s3.bucket) || !text(s3.key))
      throw invalid('An S3 revision needs s3Location.bucket and s3Location.key');
    return { revisionType: type, s3Location: { ...s3 } };
  }
  if (type === 'GitHub') {
    const gh = obj(revision.gitHubLocation);
    if (!text(gh.repository) || !text(gh.commitId))
      throw invalid('A GitHub revision needs gitHubLocation.repository and gitHubLocation.commitId');
    return { revisionType: type, gitHubLocation: { ...gh } };
  }
  if (type === 'String' || type === 'AppSpecContent') {
    const raw = inlineContent(revision)!;
    const member = type === 'String' ? 'string' : 'appSpecContent';
    if (typeof raw.content === 'string') {
      const sha256 = sha256Of(raw.content);
      if (typeof raw.sha256 === 'string' && raw.sha256 !== sha256)
        throw invalid('The sha256 of the revision does not match its content');
      return { revisionType: type, [member]: { content: raw.content, sha256 } };
    }
    if (requireContent || typeof raw.sha256 !== 'string')
      throw invalid(`A ${type} revision needs its content`);
    return { revisionType: type, [member]: { sha256: raw.sha256 } };
  }
  throw invalid('The revision needs a revisionType (S3, GitHub, String or AppSpecContent)');
}

/** Refuses a revision type the application's compute platform cannot deploy. */
export function requireRevisionFits(revision: Obj, platform: ComputePlatform): void {
  if (!REVISION_TYPES[platform].includes(String(revision.revisionType))) {
    throw invalid(
      `A ${String(revision.revisionType)} revision cannot be used with the ${platform} compute platform (${REVISION_TYPES[platform].join(', ')})`,
    );
  }
}

/** A revision's identity within its application: the S3 object, the GitHub commit, or the content's sha256. */
export function revisionKey(revision: Obj): string {
  if (revision.revisionType === 'S3') {
    const s3 = obj(revision.s3Location);
    return ['S3', s3.bucket, s3.key, s3.version ?? '', s3.eTag ?? ''].join('\u0000');
  }
  if (revision.revisionType === 'GitHub') {
    const gh = obj(revision.gitHubLocation);
    return ['GitHub', gh.repository, gh.commitId].join('\u0000');
  }
  return ['inline', inlineContent(revision)?.sha256 ?? ''].join('\u0000');
}

/** The application's record of a revision, created when first registered or used. */
export function revisionRecord(app: ApplicationRecord, revision: Record<string, unknown>): RevisionRecord {
  const key = revisionKey(revision);
  let record = app.revisions.get(key);
  if (!record) {
    record = { revision, deploymentGroups: new Set() };
    app.revisions.set(key, record);
  }
  return record;
}

/**
 * Records that `group` now deploys `revision`: usage times, and the group's target revision moves to it from
 * `previous` (the group's target revision until now: the only record that lists the group), so the cost does
 * not grow with the number of revisions the application has.
 */
export function recordRevisionUse(
  app: ApplicationRecord,
  groupName: string,
  previous: Readonly<Record<string, unknown>> | undefined,
  revision: Record<string, unknown>,
  now: number,
): void {
  if (previous) app.revisions.get(revisionKey(previous))?.deploymentGroups.delete(groupName);
  const record = revisionRecord(app, revision);
  record.registerTime ??= now; // a revision a deployment used is registered with the application
  record.firstUsedTime ??= now;
  record.lastUsedTime = now;
  record.deploymentGroups.add(groupName);
}
