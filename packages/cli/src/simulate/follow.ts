import { existsSync, readFileSync } from 'node:fs';
import type { HookResultLine, OutcomeLike, TimelineEntryLike, TimelineEvent } from './events.js';

/** The part of @greenlight/local's `DeploymentHandle` the follower uses. */
export interface HandleLike {
  readonly deploymentId: string;
  readonly done: Promise<OutcomeLike>;
  readonly settled: Promise<void>;
  readonly history: readonly TimelineEvent[];
  readonly timeline: readonly TimelineEntryLike[];
  on(name: 'event', listener: (ev: TimelineEvent) => void): unknown;
  off(name: 'event', listener: (ev: TimelineEvent) => void): unknown;
}

/** Where each lifecycle event's hook wrapper appends what the handler returned. */
export type ResultFiles = Readonly<Record<string, string>>;

/**
 * The last result line a hook recorded for a deployment, or `undefined`.
 *
 * @example
 * lastResult('/tmp/greenlight-x/BeforeAllowTraffic.jsonl', 'd-ABCDEFGHI')?.result?.status; // 'Succeeded'
 */
export function lastResult(file: string | undefined, deploymentId: string): HookResultLine | undefined {
  if (!file || !existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const line = JSON.parse(lines[i]!) as HookResultLine;
      if (line.deploymentId === deploymentId) return line;
    } catch {
      // a torn line (the process was killed mid-write): look further back
    }
  }
  return undefined;
}

/** Callbacks of {@link follow}. */
export interface FollowCallbacks {
  event(ev: TimelineEvent): void;
  /** A hook invocation ended and its wrapper recorded a result. */
  hookResult(lifecycleEvent: string, line: HookResultLine): void;
}

/**
 * Replays a deployment's events so far, then follows it live until its outcome is known and every hook
 * invocation has ended (a hook reports before it returns, so its result can arrive after the outcome).
 * Events after a hook's report wait (up to `holdMs`) for its invocation to end, so its result is delivered
 * right after its lifecycle event.
 * Resolves with the outcome (after any rollback) and each hook's last result.
 *
 * @example
 * const { outcome } = await follow(handle, resultFiles, { event: (ev) => printer.event(ev), hookResult: () => {} });
 */
export async function follow(
  handle: HandleLike,
  files: ResultFiles,
  on: FollowCallbacks,
  { holdMs = 2000 }: { readonly holdMs?: number } = {},
): Promise<{ outcome: OutcomeLike; hookResults: Record<string, HookResultLine> }> {
  const hookResults: Record<string, HookResultLine> = {};
  const seen = new Set<string>();
  // A hook reports (ending its lifecycle event) a moment before its process returns. To print the hook's
  // reason right under its lifecycle event, later events wait in `held` until that invocation ends, or at most
  // `holdMs` (a hook that reported may still hang until its timeout; the timeline must not freeze with it).
  let holdFor: string | undefined;
  let holdTimer: NodeJS.Timeout | undefined;
  const running = new Set<string>();
  const held: TimelineEvent[] = [];
  const deliver = (ev: TimelineEvent) => {
    if (holdFor !== undefined && !(ev.type === 'invocation' && ev.lifecycleEvent === holdFor)) {
      held.push(ev);
      return;
    }
    on.event(ev);
    if (ev.type === 'invocation') {
      if (ev.result === 'started') running.add(ev.lifecycleEvent);
      else {
        running.delete(ev.lifecycleEvent);
        const line = lastResult(files[ev.lifecycleEvent], handle.deploymentId);
        const key = line && JSON.stringify(line);
        if (line && key && !seen.has(key)) {
          seen.add(key);
          hookResults[ev.lifecycleEvent] = line;
          on.hookResult(ev.lifecycleEvent, line);
        }
        if (holdFor === ev.lifecycleEvent) release();
      }
    } else if (
      ev.type === 'lifecycle' &&
      ['Succeeded', 'Failed'].includes(ev.entry.status) &&
      running.has(ev.entry.lifecycleEvent)
    ) {
      holdFor = ev.entry.lifecycleEvent;
      holdTimer = setTimeout(() => release(), holdMs);
      holdTimer.unref();
    }
  };
  const release = () => {
    clearTimeout(holdTimer);
    holdFor = undefined;
    while (held.length > 0 && holdFor === undefined) deliver(held.shift()!);
  };
  const live = (ev: TimelineEvent) => deliver(ev);
  for (const ev of [...handle.history]) deliver(ev);
  handle.on('event', live);
  try {
    await handle.settled;
    const outcome = await handle.done;
    release();
    return { outcome, hookResults };
  } finally {
    handle.off('event', live);
  }
}
