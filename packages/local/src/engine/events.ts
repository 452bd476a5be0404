import { DeferredEvent } from './handle.js';
import type { DeploymentRecord, LifecycleEventState } from './state.js';
import type { DeploymentEvent, DeploymentStatus, TimelineEntry } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a timeline entry is made from: a lifecycle event's state, or a snapshot of it. */
type EntrySource = Pick<
  LifecycleEventState,
  | 'lifecycleEventName'
  | 'status'
  | 'attempts'
  | 'startTime'
  | 'endTime'
  | 'diagnostics'
  | 'hookFunction'
  | 'hookReason'
>;

/** A timeline entry (a copy with Dates) from an event's mutable state. */
export function toTimelineEntry(ev: EntrySource): TimelineEntry {
  const { lifecycleEventName: lifecycleEvent, status, attempts, startTime, endTime, diagnostics } = ev;
  // Member by member: entries are built only when read (see LifecycleChange), so no shape needs a fast path.
  const entry: Mutable<TimelineEntry> = { lifecycleEvent, status, attempts };
  if (startTime !== undefined) entry.startTime = new Date(startTime);
  if (endTime !== undefined) entry.endTime = new Date(endTime);
  if (diagnostics) entry.diagnostics = diagnostics;
  if (ev.hookFunction) entry.hookFunction = ev.hookFunction;
  if (ev.hookReason) entry.hookReason = ev.hookReason;
  return entry;
}

/**
 * Emits an event on the deployment's handle. Callers write the whole event as one literal, `deploymentId` and
 * `at` included: a member added to an object after its literal goes to a separate property store, which
 * every event the handle keeps in its history would then carry.
 */
export function emit(dep: DeploymentRecord, event: DeploymentEvent): void {
  dep.handle._emit(event);
}

/**
 * A lifecycle event change as it was (a snapshot of the event's state, times as numbers): its
 * `DeploymentEvent`, an entry with Dates, is built only when someone reads it. Most changes of a deployment
 * nobody follows live are never read, and their Dates were most of what a finished deployment kept.
 */
class LifecycleChange extends DeferredEvent implements EntrySource {
  readonly lifecycleEventName: string;
  readonly status: LifecycleEventState['status'];
  readonly attempts: number;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly diagnostics: LifecycleEventState['diagnostics'];
  readonly hookFunction: string | undefined;
  readonly hookReason: string | undefined;
  readonly deploymentId: string;
  readonly at: number;

  constructor(ev: LifecycleEventState, deploymentId: string, at: number) {
    super();
    this.lifecycleEventName = ev.lifecycleEventName;
    this.status = ev.status;
    this.attempts = ev.attempts;
    this.startTime = ev.startTime;
    this.endTime = ev.endTime;
    this.diagnostics = ev.diagnostics;
    this.hookFunction = ev.hookFunction;
    this.hookReason = ev.hookReason;
    this.deploymentId = deploymentId;
    this.at = at;
  }

  build(): DeploymentEvent {
    return {
      type: 'lifecycle',
      entry: toTimelineEntry(this),
      deploymentId: this.deploymentId,
      at: new Date(this.at),
    };
  }
}

/** Records a lifecycle event change and emits it. */
export function lifecycleChanged(dep: DeploymentRecord, ev: LifecycleEventState, now: number): void {
  dep.target.lastUpdatedAt = now;
  dep.handle._emitDeferred(new LifecycleChange(ev, dep.deploymentId, now));
}

/** Sets the deployment status and emits it. */
export function setStatus(dep: DeploymentRecord, status: DeploymentStatus, now: number): void {
  if (dep.status === status) return;
  dep.status = status;
  emit(dep, { type: 'status', status, deploymentId: dep.deploymentId, at: new Date(now) });
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
