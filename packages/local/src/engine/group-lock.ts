import type { DeploymentGroupRecord } from './region-state.js';
import type { DeploymentRecord } from './state.js';
import type { DeploymentStatus } from './types.js';

/** Whether a deployment status is final. */
export const isFinal = (status: DeploymentStatus): boolean =>
  status === 'Succeeded' || status === 'Failed' || status === 'Stopped';

/**
 * The deployment that holds `group`, if one does: AWS runs one deployment per group at a time, and a
 * deployment stopped with a rollback still holds it until the rollback exists.
 */
export function groupHolder(group: DeploymentGroupRecord): DeploymentRecord | undefined {
  for (const dep of group.active) {
    if (!isFinal(dep.status) || dep.rollbackPending === true) return dep;
  }
  return undefined;
}

/** `dep` now runs in its group. */
export function holdGroup(dep: DeploymentRecord): void {
  dep.group?.active.add(dep);
}

/** `dep` has ended (and any rollback of it exists): it no longer holds its group. */
export function releaseGroup(dep: DeploymentRecord): void {
  dep.group?.active.delete(dep);
}
