/**
 * Time, injectable: a clock for "now" and for timers, and a scheduler that scales service time
 * (CodeDeploy's one-hour hook timeout, a ten-minute canary) by a time scale.
 */

/** A source of time and timers. Timers it creates must not keep the process alive. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms` real milliseconds; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The system clock; its timers are `unref`'d.
 *
 * @example
 * ```ts
 * const local = await startLocalCodeDeploy({ clock: systemClock });
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs waits in scaled time and remembers every pending timer so {@link Scheduler.close} can cancel
 * them all.
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
        resolve(value);
      };
      const onAbort = () => finish(false);
      const handle = this.clock.setTimeout(() => finish(true), ms);
      this.#pending.set(handle, onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Cancels every pending wait (they resolve `false`) and refuses new ones. */
  close(): void {
    this.#closed = true;
    for (const cancel of [...this.#pending.values()]) cancel();
  }
}
