import { getEventListeners } from 'node:events';

/**
 * Lambda's runtime rule, observed in this process: while a check waits, what it waits on keeps the process
 * alive (a ref'd timer, which `process.getActiveResourcesInfo()` lists; an unref'd one it does not); once it
 * settles, nothing of it is left.
 */

/** The ref'd timers the process holds, counted from inside a timer callback `afterMs` from now. */
export function refdTimersAfter(afterMs: number): Promise<number> {
  return new Promise((resolve) =>
    setTimeout(
      () => resolve(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length),
      afterMs,
    ),
  );
}

/** How many `abort` listeners `signal` has. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Runs `run`, and answers its result with the process warnings (by name) emitted meanwhile. */
export async function withWarnings<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.name);
  process.on('warning', listen);
  try {
    const value = await run();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    return { value, warnings };
  } finally {
    process.off('warning', listen);
  }
}
