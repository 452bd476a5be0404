import type { DeploymentEvent, DeploymentOutcome, ModuleInvocation, TimelineEntry } from '@greenlight/local';

/** The part of @greenlight/local's `DeploymentHandle` the follower uses. */
export interface HandleLike {
  readonly deploymentId: string;
  readonly done: Promise<DeploymentOutcome>;
  readonly settled: Promise<void>;
  readonly history: readonly DeploymentEvent[];
  readonly timeline: readonly TimelineEntry[];
  on(name: 'event', listener: (ev: DeploymentEvent) => void): unknown;
  off(name: 'event', listener: (ev: DeploymentEvent) => void): unknown;
}

/**
 * What a lifecycle event's hook invocation ended with, asked at the engine's event that ends it (an
 * `InvocationLog`'s `take`), by its lifecycle event and the hook function serving it.
 */
export type InvocationSource = (
  lifecycleEvent: string,
  hookFunction: string | undefined,
) => ModuleInvocation | undefined;

/** Callbacks of {@link follow}. */
export interface FollowCallbacks {
  event(ev: DeploymentEvent): void;
  /** A hook invocation ended, and the function runner said how. */
  invocation(lifecycleEvent: string, invocation: ModuleInvocation): void;
}

/** Options of {@link follow}. */
export interface FollowOptions {
  /** How long events after a hook's report wait for its invocation to end. @default 2000 */
  readonly holdMs?: number;
  /**
   * Once aborted, the follower stops waiting for hook retries: it resolves when the outcome is known and no
   * invocation is running (a retry that starts later is not waited for). @default never
   */
  readonly stopping?: AbortSignal;
}

/**
 * Replays a deployment's events so far, then follows it live until its outcome is known and every hook
 * invocation has ended (a hook reports before it returns, so its invocation can end after the outcome).
 * Events after a hook's report wait (up to `holdMs`) for its invocation to end, so what it returned is delivered
 * right after its lifecycle event.
 * Resolves with the outcome (after any rollback) and each lifecycle event's last invocation.
 *
 * @example
 * const { outcome } = await follow(handle, (event) => log.take(event), { event: (ev) => printer.event(ev), invocation: () => {} });
 */
export async function follow(
  handle: HandleLike,
  source: InvocationSource,
  on: FollowCallbacks,
  { holdMs = 2000, stopping }: FollowOptions = {},
): Promise<{ outcome: DeploymentOutcome; invocations: Record<string, ModuleInvocation> }> {
  const invocations: Record<string, ModuleInvocation> = {};
  // The hook function of each lifecycle event, and what each ended invocation event ended with: taken as the
  // event arrives (the pairing relies on it), delivered when the event is.
  const functions = new Map<string, string>();
  const ended = new Map<DeploymentEvent, ModuleInvocation>();
  let runningNow = 0;
  let onQuiet: (() => void) | undefined;
  // A hook reports (ending its lifecycle event) a moment before its process returns. To print what the hook
  // returned right under its lifecycle event, later events wait in `held` until that invocation ends, or at most
  // `holdMs` (a hook that reported may still hang until its timeout; the timeline must not freeze with it).
  let holdFor: string | undefined;
  let holdTimer: NodeJS.Timeout | undefined;
  const running = new Set<string>();
  const held: DeploymentEvent[] = [];
  const deliver = (ev: DeploymentEvent) => {
    if (holdFor !== undefined && !(ev.type === 'invocation' && ev.lifecycleEvent === holdFor)) {
      held.push(ev);
      return;
    }
    on.event(ev);
    if (ev.type === 'invocation') {
      if (ev.result === 'started') running.add(ev.lifecycleEvent);
      else {
        running.delete(ev.lifecycleEvent);
        const invocation = ended.get(ev);
        ended.delete(ev);
        if (invocation) {
          invocations[ev.lifecycleEvent] = invocation;
          on.invocation(ev.lifecycleEvent, invocation);
        }
        if (holdFor === ev.lifecycleEvent) release();
      }
    } else if (
      ev.type === 'lifecycle' &&
      ['Succeeded', 'Failed'].includes(ev.entry.status) &&
      running.has(ev.entry.lifecycleEvent)
    ) {
      holdFor = ev.entry.lifecycleEvent;
      // Only the timeline's layout waits on it: it must not hold the process.
      holdTimer = setTimeout(() => release(), holdMs);
      holdTimer.unref();
    }
  };
  const release = () => {
    clearTimeout(holdTimer);
    holdFor = undefined;
    while (held.length > 0 && holdFor === undefined) deliver(held.shift()!);
  };
  const arrive = (ev: DeploymentEvent) => {
    if (ev.type === 'lifecycle' && ev.entry.hookFunction)
      functions.set(ev.entry.lifecycleEvent, ev.entry.hookFunction);
    if (ev.type === 'invocation' && ev.result === 'started') runningNow += 1;
    else if (ev.type === 'invocation') {
      runningNow -= 1;
      const invocation = source(ev.lifecycleEvent, functions.get(ev.lifecycleEvent));
      if (invocation) ended.set(ev, invocation);
    }
    deliver(ev);
    if (runningNow === 0) onQuiet?.();
  };
  for (const ev of [...handle.history]) arrive(ev);
  handle.on('event', arrive);
  // Stopping: the outcome is known and nothing runs now.
  const quiet = new Promise<void>((resolve) => {
    onQuiet = () => {
      if (stopping?.aborted && runningNow === 0) resolve();
    };
    stopping?.addEventListener('abort', onQuiet, { once: true });
    onQuiet();
  });
  try {
    const outcome = await handle.done;
    await (stopping ? Promise.race([handle.settled, quiet]) : handle.settled);
    release();
    return { outcome, invocations };
  } finally {
    handle.off('event', arrive);
    if (onQuiet) stopping?.removeEventListener('abort', onQuiet);
  }
}
