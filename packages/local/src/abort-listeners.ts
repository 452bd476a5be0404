/**
 * Listens for an AbortSignal's abort without adding a listener per call: a signal shared by many waits (the
 * local CodeDeploy's close signal, which every hook invocation watches) gets one `abort` listener, which
 * calls the callbacks registered through it. Node warns (`MaxListenersExceededWarning`) past ten listeners
 * on one signal, and its `EventTarget` makes each add and remove cost more than a `Set` does.
 */

type Callbacks = Set<() => void>;

const registered = new WeakMap<AbortSignal, Callbacks>();

function dispatch(signal: AbortSignal, callbacks: Callbacks): void {
  registered.delete(signal);
  for (const callback of callbacks) {
    try {
      callback();
    } catch (err) {
      // As an EventTarget does with a throwing listener: the others still run, the error is not lost.
      queueMicrotask(() => {
        throw err;
      });
    }
  }
  callbacks.clear();
}

/**
 * Calls `callback` once when `signal` aborts (never, when it already has: like `addEventListener`).
 * Returns the function that unregisters it.
 *
 * @example
 * ```ts
 * const stop = onAbort(closeSignal, () => reject(new Error('closed')));
 * try {
 *   await work();
 * } finally {
 *   stop();
 * }
 * ```
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) return noop;
  let callbacks = registered.get(signal);
  if (!callbacks) {
    const created: Callbacks = new Set();
    callbacks = created;
    registered.set(signal, created);
    signal.addEventListener('abort', () => dispatch(signal, created), { once: true });
  }
  const set = callbacks;
  set.add(callback);
  return () => {
    set.delete(callback);
  };
}

function noop(): void {}
