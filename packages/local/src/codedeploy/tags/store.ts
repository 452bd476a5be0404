import type { RegionState, Tag } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { obj } from '../values.js';

/** The most tags one resource may carry (AWS's limit for CodeDeploy resources). */
export const MAX_TAGS = 50;

/** Checks a `Tags` list for TagResource and the creates: keys present, AWS's lengths, no `aws:` keys. */
export function checkTags(tags: readonly unknown[]): Tag[] {
  return tags.map((raw) => {
    const tag = obj(raw);
    const key = tag.Key;
    const value = tag.Value;
    if (typeof key !== 'string' || key.length === 0 || key.length > 128) {
      throw new ApiError('InvalidTagsToAddException', 'A tag key must be 1 to 128 characters long.');
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw new ApiError('InvalidTagsToAddException', 'Tag keys may not start with aws: (it is reserved).');
    }
    if (value !== undefined && (typeof value !== 'string' || value.length > 256)) {
      throw new ApiError('InvalidTagsToAddException', 'A tag value must be at most 256 characters long.');
    }
    return value === undefined ? { Key: key } : { Key: key, Value: value };
  });
}

/** The tags of a resource (a copy, in the order they were first added). */
export function tagsOf(regional: RegionState, arn: string): Tag[] {
  return [...(regional.tags.get(arn) ?? [])];
}

/** Adds or overwrites tags by key; more than {@link MAX_TAGS} in all is `InvalidTagsToAddException`. */
export function addTags(regional: RegionState, arn: string, tags: readonly Tag[]): void {
  if (tags.length === 0) return;
  const merged = new Map((regional.tags.get(arn) ?? []).map((t) => [t.Key, t]));
  for (const tag of tags) merged.set(tag.Key, tag);
  if (merged.size > MAX_TAGS) {
    throw new ApiError('InvalidTagsToAddException', `A resource can have at most ${MAX_TAGS} tags.`);
  }
  regional.tags.set(arn, [...merged.values()]);
}

/** Removes tags by key (keys it does not have are ignored). */
export function removeTags(regional: RegionState, arn: string, keys: readonly string[]): void {
  const kept = (regional.tags.get(arn) ?? []).filter((t) => !keys.includes(t.Key));
  if (kept.length > 0) regional.tags.set(arn, kept);
  else regional.tags.delete(arn);
}

/** Moves a resource's tags to its new ARN (after a rename). */
export function moveTags(regional: RegionState, from: string, to: string): void {
  const tags = regional.tags.get(from);
  regional.tags.delete(from);
  if (tags) regional.tags.set(to, tags);
}

/** Forgets a deleted resource's tags. */
export function dropTags(regional: RegionState, arn: string): void {
  regional.tags.delete(arn);
}
