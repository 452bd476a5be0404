/**
 * Time, injectable: a scheduler that scales service time (CodeDeploy's one-hour hook timeout, a ten-minute
 * canary) by a time scale, on a `Clock` (`@greenlight/contract`; `systemClock` by default).
 */
import type { Clock } from '@greenlight/contract';

/** The longest interval Node accepts; the keep-alive timer never fires in practice. */
const KEEP_ALIVE_MS = 2 ** 31 - 1;
const noop = () => {};

/**
 * Runs waits in scaled time and remembers every pending timer so {@link Scheduler.close} can cancel
 * them all.
 *
 * The runtime rule: while a wait is pending (or a {@link Scheduler.hold} is held), one ref'd timer keeps
 * the Node process alive, whatever clock the timers come from, so a plain script awaiting a deployment
 * does not exit half-way; once nothing is pending, or after {@link Scheduler.close}, nothing of the
 * scheduler is left on the event loop.
 *
 * @example
 * ```ts
 * const s = new Scheduler(systemClock, 0.001);
 * await s.sleep(60_000); // one simulated minute: 60 ms
 * ```
 */
export class Scheduler {
  readonly clock: Clock;
  /** 1 = real time, 0.001 = 1000x faster, 0 = no waiting. */
  readonly timeScale: number;
  readonly #pending = new Map<unknown, () => void>();
  #holds = 0;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(clock: Clock, timeScale: number) {
    this.clock = clock;
    this.timeScale = timeScale;
  }

  /** Real milliseconds for `serviceMs` of service time. */
  scaled(serviceMs: number): number {
    return Math.max(0, serviceMs * this.timeScale);
  }

  /** Waits `serviceMs` of service time; resolves `false` if aborted or closed first. */
  sleep(serviceMs: number, signal?: AbortSignal): Promise<boolean> {
    return this.realSleep(this.scaled(serviceMs), signal);
  }

  /** Waits `ms` real milliseconds; resolves `false` if aborted or closed first. */
  realSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.#closed || signal?.aborted) {
        resolve(false);
        return;
      }
      const finish = (value: boolean) => {
        this.clock.clearTimeout(handle);
        this.#pending.delete(handle);
        signal?.removeEventListener('abort', onAbort);
        this.#settle();
        resolve(value);
      };
      const onAbort = () => finish(false);
      const handle = this.clock.setTimeout(() => finish(true), ms);
      this.#pending.set(handle, onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#settle();
    });
  }

  /**
   * Keeps the process alive until the returned function is called (once; later calls do nothing): for
   * pending work that waits on something other than this scheduler's timers, such as a deployment as a
   * whole. A no-op once closed.
   */
  hold(): () => void {
    if (this.#closed) return noop;
    this.#holds++;
    this.#settle();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      this.#settle();
    };
  }

  /** Whether the scheduler is keeping the process alive right now. */
  get active(): boolean {
    return this.#keepAlive !== undefined;
  }

  /** Cancels every pending wait (they resolve `false`), releases the process and refuses new waits. */
  close(): void {
    this.#closed = true;
    for (const cancel of [...this.#pending.values()]) cancel();
    this.#holds = 0;
    this.#settle();
  }

  /** Arms the keep-alive timer while anything is pending, and clears it as soon as nothing is. */
  #settle(): void {
    const busy = !this.#closed && (this.#pending.size > 0 || this.#holds > 0);
    if (busy && this.#keepAlive === undefined) this.#keepAlive = setInterval(noop, KEEP_ALIVE_MS);
    else if (!busy && this.#keepAlive !== undefined) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
  }
}

/**
 * The abort reason for a wait that ended because the work it guarded settled. Aborting with a reason is
 * cheap; `abort()` without one builds a `DOMException` with a stack trace, which shows on hot paths.
 *
 * @example
 * ```ts
 * const done = new AbortController();
 * await Promise.race([work, scheduler.sleep(timeoutMs, done.signal)]);
 * done.abort(SETTLED);
 * ```
 */
export const SETTLED = 'settled';
