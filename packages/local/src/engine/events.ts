import type { DeploymentRecord, LifecycleEventState } from './state.js';
import type { DeploymentEvent, DeploymentStatus, TimelineEntry } from './types.js';

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** A timeline entry (a copy with Dates) from an event's mutable state. */
export function toTimelineEntry(ev: LifecycleEventState): TimelineEntry {
  return {
    lifecycleEvent: ev.lifecycleEventName,
    status: ev.status,
    attempts: ev.attempts,
    ...(ev.startTime !== undefined ? { startTime: new Date(ev.startTime) } : {}),
    ...(ev.endTime !== undefined ? { endTime: new Date(ev.endTime) } : {}),
    ...(ev.diagnostics ? { diagnostics: ev.diagnostics } : {}),
    ...(ev.hookFunction ? { hookFunction: ev.hookFunction } : {}),
    ...(ev.hookReason ? { hookReason: ev.hookReason } : {}),
  };
}

/** Emits an event on the deployment's handle, stamping id and time. */
export function emit(
  dep: DeploymentRecord,
  now: number,
  event: Without<DeploymentEvent, 'deploymentId' | 'at'>,
): void {
  dep.handle._emit({ ...event, deploymentId: dep.deploymentId, at: new Date(now) } as DeploymentEvent);
}

/** Records a lifecycle event change and emits it. */
export function lifecycleChanged(dep: DeploymentRecord, ev: LifecycleEventState, now: number): void {
  dep.target.lastUpdatedAt = now;
  emit(dep, now, { type: 'lifecycle', entry: toTimelineEntry(ev) });
}

/** Sets the deployment status and emits it. */
export function setStatus(dep: DeploymentRecord, status: DeploymentStatus, now: number): void {
  if (dep.status === status) return;
  dep.status = status;
  emit(dep, now, { type: 'status', status });
}

/** Marks a lifecycle event as started. */
export function startEvent(dep: DeploymentRecord, ev: LifecycleEventState, now: number): void {
  ev.status = 'InProgress';
  ev.startTime = now;
  lifecycleChanged(dep, ev, now);
}

/** Marks a lifecycle event as ended with `status`. */
export function endEvent(
  dep: DeploymentRecord,
  ev: LifecycleEventState,
  status: LifecycleEventState['status'],
  now: number,
  diagnostics?: LifecycleEventState['diagnostics'],
): void {
  ev.status = status;
  ev.startTime ??= now;
  ev.endTime = now;
  if (diagnostics) ev.diagnostics = diagnostics;
  lifecycleChanged(dep, ev, now);
}
