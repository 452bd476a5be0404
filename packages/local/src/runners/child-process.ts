import { invocationError, type ModuleFunction, moduleFunction } from './module-function.js';
import type { Invoker, ModuleHook } from './types.js';

interface Registered {
  readonly hook: ModuleHook;
  readonly fn: ModuleFunction;
}

/** The warm functions of each local CodeDeploy (keyed by its close signal), by function name. */
const functions = new WeakMap<AbortSignal, Map<string, Registered>>();

function functionFor(
  signal: AbortSignal,
  functionName: string,
  hook: ModuleHook,
  create: () => ModuleFunction,
): ModuleFunction {
  let byName = functions.get(signal);
  if (!byName) {
    const made = new Map<string, Registered>();
    byName = made;
    functions.set(signal, made);
    signal.addEventListener(
      'abort',
      () => {
        for (const { fn } of made.values()) void fn.close();
        made.clear();
      },
      { once: true },
    );
  }
  const known = byName.get(functionName);
  if (known?.hook === hook) return known.fn;
  // A function registered again with other code: its old containers go, as after a Lambda code update.
  if (known) void known.fn.close();
  const fn = create();
  byName.set(functionName, { hook, fn });
  return fn;
}

/**
 * Runs a module's handler as Lambda's Node.js runtime does (see {@link ModuleHook}): one warm container per
 * function of this local CodeDeploy, reused by its next invocation, killed when the local CodeDeploy closes.
 * A function error, an emptied event loop, a crash or the timeout reject with a `HookInvocationError` whose
 * message is the reason and whose `logTail` is the output.
 */
export function childProcessInvoker(hook: ModuleHook, defaultTimeoutMs: number): Invoker {
  return async (invocation) => {
    const fn = functionFor(invocation.signal, invocation.functionName, hook, () =>
      moduleFunction(hook, {
        functionName: invocation.functionName,
        invokedFunctionArn: invocation.invokedFunctionArn,
        timeoutMs: invocation.timeoutMs ?? defaultTimeoutMs,
        env: invocation.env,
      }),
    );
    const run = await fn.invoke(invocation.event, { signal: invocation.signal });
    if (run.failed) throw invocationError(run);
    return { result: run.result, logTail: run.logTail };
  };
}
