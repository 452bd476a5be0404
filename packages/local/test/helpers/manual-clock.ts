import type { Clock } from '../../src/index.js';

/** A clock whose time (and timers) only move when the test says so. */
export class ManualClock implements Clock {
  #now = Date.now();
  #timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.#now + ms, fn };
    this.#timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t !== handle);
  }
  /** Moves time forward by `ms`, firing the timers that fall due. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const t of due) t.fn();
  }
}
