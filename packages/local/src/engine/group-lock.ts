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
  const active = group.active;
  return active && (!isFinal(active.status) || active.rollbackPending === true) ? active : undefined;
}

/** Whether a new deployment in `group` must wait (or, over the wire, be refused). */
export function groupBusy(group: DeploymentGroupRecord): boolean {
  return groupHolder(group) !== undefined || group.queue.length > 0;
}

/** The opener of each queued deployment's start gate. */
const gates = new WeakMap<DeploymentRecord, () => void>();

/** A start gate for `dep` (resolved by {@link releaseGroup} when its turn comes, or at once by `open`). */
export function startGate(): { gate: Promise<void>; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { gate, open };
}

/** Queues `dep` behind the group's active deployment; its gate opens when the group frees. */
export function enqueue(group: DeploymentGroupRecord, dep: DeploymentRecord, open: () => void): void {
  gates.set(dep, open);
  group.queue.push(dep);
  dep.abort.signal.addEventListener('abort', open, { once: true });
}

/** `dep` ended: if it held its group, the next queued deployment (if any) takes the group and starts. */
export function releaseGroup(dep: DeploymentRecord): void {
  const group = dep.group;
  if (!group || group.active !== dep) return;
  group.active = undefined;
  while (group.queue.length > 0) {
    const next = group.queue.shift()!;
    if (next.abort.signal.aborted) continue;
    group.active = next;
    gates.get(next)?.();
    gates.delete(next);
    return;
  }
}
