import { getEventListeners } from 'node:events';

/**
 * Lambda's runtime rule, observed in this process: while a check waits, what it waits on keeps the process
 * alive (a ref'd timer); once it settles, nothing of it is left (every timer it armed has fired or been
 * cleared).
 */

/** A timer armed while {@link recordTimers} ran: its delay and Node's handle. */
export interface ArmedTimer {
  readonly ms: number;
  readonly timer: NodeJS.Timeout;
}

/** Whether a timer has fired or been cleared (Node marks it destroyed). */
export const done = (t: ArmedTimer): boolean => (t.timer as unknown as { _destroyed: boolean })._destroyed;

/**
 * Runs `run` with `setTimeout` recording every timer armed meanwhile (core's `systemClock` calls the global),
 * and answers its result with them.
 */
export async function recordTimers<T>(
  run: () => T | Promise<T>,
): Promise<{ value: Awaited<T>; timers: ArmedTimer[] }> {
  const original = globalThis.setTimeout;
  const timers: ArmedTimer[] = [];
  const recording = ((callback: () => void, ms?: number) => {
    const timer = original(callback, ms);
    timers.push({ ms: ms ?? 0, timer });
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = recording;
  try {
    return { value: await run(), timers };
  } finally {
    globalThis.setTimeout = original;
  }
}

/** How many `abort` listeners `signal` has. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}
