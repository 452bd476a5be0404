import { EventEmitter } from 'node:events';
import type { DeploymentEvent, DeploymentOutcome, PendingHookEvent, TimelineEntry } from './types.js';

/**
 * An event recorded as the little it is made from: built into its {@link DeploymentEvent} (once; the same
 * object on every later read) when a listener or a reader of the history first needs it.
 *
 * @internal
 */
export abstract class DeferredEvent {
  abstract build(): DeploymentEvent;
}

/**
 * A running deployment: its outcome, its timeline and live events.
 *
 * @example
 * ```ts
 * const d = await local.deployLambda({ functionName: 'f', currentVersion: '1', targetVersion: '2', hooks });
 * d.on('event', (ev) => console.log(ev.type));
 * for await (const ev of d.events()) if (ev.type === 'lifecycle') console.log(ev.entry.lifecycleEvent, ev.entry.status);
 * const outcome = await d.done; // { status: 'Succeeded' }
 * ```
 */
export class DeploymentHandle extends EventEmitter<{ event: [DeploymentEvent] }> {
  readonly deploymentId: string;
  /** Resolves with the outcome (after any rollback); never rejects for a failed deployment. */
  readonly done: Promise<DeploymentOutcome>;
  /** Resolves once the outcome is known and every hook invocation, retries included, has ended. */
  readonly settled: Promise<void>;
  /** Every event so far; those nobody has read yet may still be {@link DeferredEvent}s. */
  readonly #history: (DeploymentEvent | DeferredEvent)[] = [];
  /** How many entries of the history are still deferred. */
  #deferred = 0;
  readonly #timeline: () => TimelineEntry[];
  readonly #pendingHooks: PendingHookEvent[] = [];
  readonly #hookWaiters: ((ev: PendingHookEvent) => void)[] = [];
  readonly #stop: (rollback?: boolean) => void;
  #resolve!: (outcome: DeploymentOutcome) => void;
  #resolveSettled!: () => void;

  constructor(deploymentId: string, timeline: () => TimelineEntry[], stop: (rollback?: boolean) => void) {
    super();
    this.setMaxListeners(0);
    this.deploymentId = deploymentId;
    this.#timeline = timeline;
    this.#stop = stop;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.settled = new Promise((resolve) => {
      this.#resolveSettled = resolve;
    });
  }

  /** The lifecycle events so far (a fresh copy each time). */
  get timeline(): TimelineEntry[] {
    return this.#timeline();
  }

  /** Every event emitted so far. */
  get history(): readonly DeploymentEvent[] {
    if (this.#deferred > 0) {
      const history = this.#history;
      for (let i = 0; i < history.length; i++) this.#event(i);
    }
    return this.#history as DeploymentEvent[];
  }

  /** The event at `index` of the history, built (and kept) if it was deferred. */
  #event(index: number): DeploymentEvent {
    const ev = this.#history[index]!;
    if (!(ev instanceof DeferredEvent)) return ev;
    const built = ev.build();
    this.#history[index] = built;
    this.#deferred--;
    return built;
  }

  /** Stops the deployment (like StopDeployment); `rollback` asks for an auto-rollback. */
  stop(rollback?: boolean): void {
    this.#stop(rollback);
  }

  /** Live events: replays what already happened, then follows until the outcome. */
  async *events(): AsyncGenerator<DeploymentEvent, void, undefined> {
    let index = 0;
    while (true) {
      while (index < this.#history.length) {
        const ev = this.#event(index++);
        yield ev;
        if (ev.type === 'outcome') return;
      }
      await new Promise<void>((resolve) => this.once('event', () => resolve()));
    }
  }

  /** For `manual` hooks: the next hook event the engine would have sent. */
  nextHookEvent(): Promise<PendingHookEvent> {
    const ready = this.#pendingHooks.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.#hookWaiters.push(resolve));
  }

  /** @internal */
  _emit(event: DeploymentEvent): void {
    this.#history.push(event);
    try {
      this.emit('event', event);
    } catch (err) {
      // A throwing listener must not break the deployment; surface the error instead of swallowing it.
      queueMicrotask(() => {
        throw err;
      });
    }
  }

  /**
   * Emits an event built only when needed: at once when someone listens, else when the history is read.
   *
   * @internal
   */
  _emitDeferred(event: DeferredEvent): void {
    if (this.listenerCount('event') > 0) {
      this._emit(event.build());
      return;
    }
    this.#history.push(event);
    this.#deferred++;
  }

  /** @internal */
  _pushHookEvent(event: PendingHookEvent): void {
    const waiter = this.#hookWaiters.shift();
    if (waiter) waiter(event);
    else this.#pendingHooks.push(event);
  }

  /** @internal */
  _finish(outcome: DeploymentOutcome): void {
    this.#resolve(outcome);
  }

  /** @internal */
  _settle(): void {
    this.#resolveSettled();
  }
}
