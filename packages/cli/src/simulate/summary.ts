import type { DeploymentEvent, TimelineEntry } from '@greenlight/local';

/** A traffic move in the `--json` record: when (from the deployment's start), how much, and which listener. */
export type TrafficSummary = Pick<
  Extract<DeploymentEvent, { type: 'traffic' }>,
  'targetWeight' | 'listener'
> & {
  /** Milliseconds of service time since the deployment's first event. */
  readonly atMs: number;
};

/** A lifecycle event in the `--json` record. */
export type LifecycleSummary = Pick<
  TimelineEntry,
  'lifecycleEvent' | 'status' | 'hookFunction' | 'attempts'
> & {
  readonly durationMs?: number;
  /** Why it did not succeed. */
  readonly message?: string;
};

/**
 * The span of a deployment's events: its first event's time and its duration so far.
 *
 * @example
 * const { t0, durationMs } = span(handle.history);
 */
export function span(history: readonly DeploymentEvent[]): { t0: number; durationMs: number } {
  const t0 = history[0]?.at.getTime() ?? 0;
  return { t0, durationMs: (history.at(-1)?.at.getTime() ?? t0) - t0 };
}

/**
 * The traffic moves among a deployment's events.
 *
 * @example
 * trafficOf(handle.history).map((t) => t.targetWeight); // [10, 100]
 */
export function trafficOf(history: readonly DeploymentEvent[]): TrafficSummary[] {
  const { t0 } = span(history);
  return history
    .filter((ev): ev is Extract<DeploymentEvent, { type: 'traffic' }> => ev.type === 'traffic')
    .map((ev) => ({
      atMs: ev.at.getTime() - t0,
      targetWeight: ev.targetWeight,
      ...(ev.listener ? { listener: ev.listener } : {}),
    }));
}

/**
 * A timeline entry as the `--json` record shows it; `message` says why it did not succeed.
 *
 * @example
 * handle.timeline.map((e) => lifecycleOf(e, e.diagnostics?.message));
 */
export function lifecycleOf(e: TimelineEntry, message: string | undefined): LifecycleSummary {
  return {
    lifecycleEvent: e.lifecycleEvent,
    status: e.status,
    ...(e.startTime && e.endTime ? { durationMs: e.endTime.getTime() - e.startTime.getTime() } : {}),
    ...(e.hookFunction ? { hookFunction: e.hookFunction } : {}),
    attempts: e.attempts,
    ...(message && e.status !== 'Succeeded' ? { message } : {}),
  };
}
