import type { ModuleHook, ModuleInvocation } from '@greenlight/local';

/**
 * What each hook function's invocations ended with, as @greenlight/local's `{ module }` runner saw them (how it
 * ended, what the handler returned or why it failed, its log tail, what it left behind), kept under a key (a
 * lifecycle event, a function name) until the timeline takes them.
 *
 * Pairing: the runner calls `onInvocation` just before its invoker resolves, and the engine emits the
 * invocation's `returned` or `error` event as that promise settles, with only promise continuations between
 * (no I/O). So a follower listening to the deployment takes, at that event, the invocation it ended with: the
 * oldest one under its key not yet taken.
 *
 * @example
 * const log = new InvocationLog();
 * const hooks = { BeforeAllowTraffic: log.record('BeforeAllowTraffic', { module: '/tmp/greenlight-x/pre.cjs' }) };
 * // at the engine's `invocation` event that ends it:
 * log.take('BeforeAllowTraffic')?.result; // what the handler returned
 */
export class InvocationLog {
  readonly #ended = new Map<string, ModuleInvocation[]>();
  readonly #onEnd: (() => void) | undefined;

  /** `onEnd` runs as each invocation ends, before it is recorded (e.g. to start following a new deployment). */
  constructor(onEnd?: () => void) {
    this.#onEnd = onEnd;
  }

  /** `hook`, recording each of its invocations under `key`. */
  record(key: string, hook: ModuleHook): ModuleHook {
    return {
      ...hook,
      onInvocation: (invocation) => {
        this.#onEnd?.();
        const list = this.#ended.get(key) ?? [];
        list.push(invocation);
        this.#ended.set(key, list);
        hook.onInvocation?.(invocation);
      },
    };
  }

  /** The oldest invocation recorded under `key` and not yet taken. */
  take(key: string): ModuleInvocation | undefined {
    const list = this.#ended.get(key);
    const first = list?.shift();
    if (list?.length === 0) this.#ended.delete(key);
    return first;
  }
}
