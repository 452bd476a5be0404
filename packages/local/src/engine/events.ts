import type { DeploymentRecord, LifecycleEventState } from './state.js';
import type { DeploymentEvent, DeploymentStatus, TimelineEntry } from './types.js';

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A timeline entry (a copy with Dates) from an event's mutable state. */
export function toTimelineEntry(ev: LifecycleEventState): TimelineEntry {
  // Built member by member: a spread into a literal with more members gives each object a hidden class of
  // its own in V8 11 (Node 20), which every later read then pays for.
  const entry: Mutable<TimelineEntry> = {
    lifecycleEvent: ev.lifecycleEventName,
    status: ev.status,
    attempts: ev.attempts,
  };
  if (ev.startTime !== undefined) entry.startTime = new Date(ev.startTime);
  if (ev.endTime !== undefined) entry.endTime = new Date(ev.endTime);
  if (ev.diagnostics) entry.diagnostics = ev.diagnostics;
  if (ev.hookFunction) entry.hookFunction = ev.hookFunction;
  if (ev.hookReason) entry.hookReason = ev.hookReason;
  return entry;
}

/**
 * Emits an event on the deployment's handle, stamping id and time onto `event` (a fresh literal the caller
 * hands over; stamped in place rather than spread into a copy, see {@link toTimelineEntry}).
 */
export function emit(
  dep: DeploymentRecord,
  now: number,
  event: Without<DeploymentEvent, 'deploymentId' | 'at'>,
): void {
  const stamped = event as { deploymentId?: string; at?: Date };
  stamped.deploymentId = dep.deploymentId;
  stamped.at = new Date(now);
  dep.handle._emit(stamped as DeploymentEvent);
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
