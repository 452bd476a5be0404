/**
 * Watches the real timers made while a handler runs (Node's `setTimeout`, which the system clock uses), so a
 * test can ask what a pending handler waits on and what it left behind. Lambda's Node runtime ends an
 * invocation when nothing ref'd holds the event loop: a timer the handler waits on must be ref'd, and none may
 * outlive the handler.
 */
export interface TimerWatch {
  /** Timers made since the watch began and still pending (neither fired nor cleared). */
  pending(): NodeJS.Timeout[];
  /** Stops watching. */
  stop(): void;
}

const realSetTimeout = global.setTimeout;

/** Starts recording every timer made through the global `setTimeout`. */
export function watchTimers(): TimerWatch {
  const made: NodeJS.Timeout[] = [];
  const real = realSetTimeout;
  const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const timer = real(callback, ms, ...args);
    made.push(timer);
    return timer;
  }) as typeof setTimeout);
  return {
    pending: () => made.filter((t) => !(t as unknown as { _destroyed: boolean })._destroyed),
    stop: () => spy.mockRestore(),
  };
}

/** How many resources of `type` keep the event loop alive now (`Timeout`, `TCPSocketWrap`, …). */
export function active(type: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === type).length;
}

/** Resolves once `condition()` holds, polling every 5 ms (rejects after `ms`). */
export async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => realSetTimeout(r, 5));
  }
}
