import { EventEmitter } from 'node:events';
import type { DeploymentEvent, DeploymentOutcome, PendingHookEvent, TimelineEntry } from './types.js';

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
  readonly #history: DeploymentEvent[] = [];
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
    return this.#history;
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
        const ev = this.#history[index++]!;
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
