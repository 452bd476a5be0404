import type { RevisionRecord } from '../../engine/region-state.js';
import { compact, seconds } from '../values.js';

/** A `GenericRevisionInfo`. */
export function genericRevisionInfo(record: RevisionRecord): Record<string, unknown> {
  return compact({
    description: record.description,
    deploymentGroups: [...record.deploymentGroups],
    firstUsedTime: seconds(record.firstUsedTime),
    lastUsedTime: seconds(record.lastUsedTime),
    registerTime: seconds(record.registerTime),
  });
}
