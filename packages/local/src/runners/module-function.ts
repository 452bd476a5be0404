import { HookInvocationError } from '../errors.js';
import { Container, type ContainerSpec } from './container.js';
import type { LambdaLikeContext, ModuleHook, ModuleInvocation } from './types.js';

/**
 * Options of {@link moduleFunction}.
 *
 * @example
 * moduleFunction({ module: '/abs/hook.cjs' }, { functionName: 'CodeDeployHook_pre', timeoutMs: 30_000, env: local.env });
 */
export interface ModuleFunctionOptions {
  /** @default 'hook' */
  readonly functionName?: string;
  /** @default `arn:aws:lambda:us-east-1:123456789012:function:${functionName}` */
  readonly invokedFunctionArn?: string;
  /** The function timeout, real milliseconds (the hook's own `timeoutMs` wins). @default 60000 */
  readonly timeoutMs?: number;
  /** Environment for the function, under the hook's own `env`. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A Lambda function whose code is a module, run as Lambda's Node.js runtime runs it (see {@link ModuleHook}):
 * warm containers, one invocation each at a time, frozen between invocations.
 *
 * @example
 * const fn = moduleFunction({ module: '/abs/hook.cjs' }, { env: local.env });
 * const run = await fn.invoke({ DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'e-1' });
 * await fn.close();
 */
export interface ModuleFunction {
  /** Runs one invocation in an idle warm container, or a new one; resolves with what happened (rejects only once closed). */
  invoke(event: unknown, options?: { readonly signal?: AbortSignal }): Promise<ModuleInvocation>;
  /**
   * The function as an in-process handler (for simulators that call functions): resolves with its result, or
   * rejects with a {@link HookInvocationError} carrying the reason and the log tail.
   */
  readonly handler: (event: unknown, context?: LambdaLikeContext) => Promise<unknown>;
  /** Containers started so far (cold starts). */
  readonly coldStarts: number;
  /** Kills every container and resolves once they are gone. */
  close(): Promise<void>;
}

/** The process environment a container starts with: nothing of this process's but PATH and HOME. */
function containerEnv(
  hook: ModuleHook,
  options: ModuleFunctionOptions,
  functionName: string,
  timeoutMs: number,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_OPTIONS: '',
    ...options.env,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.ceil(timeoutMs / 1000)),
    ...hook.env,
  };
}

/**
 * Runs a module as a Lambda function, outside any deployment: what the `{ module }` hook runner uses, and what a
 * simulator that calls handler functions can call (`fn.handler`).
 *
 * @example
 * const fn = moduleFunction({ module: '/abs/ecs-hook.cjs' }, { env: { HEALTH_URL } });
 * simulateEcsNativeDeployment({ service: 'web', hooks: { POST_TEST_TRAFFIC_SHIFT: fn.handler } });
 */
export function moduleFunction(hook: ModuleHook, options: ModuleFunctionOptions = {}): ModuleFunction {
  const functionName = options.functionName ?? 'hook';
  const timeoutMs = hook.timeoutMs ?? options.timeoutMs ?? 60_000;
  const spec: ContainerSpec = {
    module: hook.module,
    exportName: hook.export ?? 'handler',
    functionName,
    invokedFunctionArn:
      options.invokedFunctionArn ?? `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    env: containerEnv(hook, options, functionName, timeoutMs),
  };
  const containers = new Set<Container>();
  let coldStarts = 0;
  let closed = false;

  const idle = (): Container => {
    for (const c of containers) {
      if (!c.alive) containers.delete(c);
      else if (!c.busy) return c;
    }
    const fresh = new Container(spec);
    coldStarts += 1;
    containers.add(fresh);
    return fresh;
  };

  const invoke = async (event: unknown, o: { readonly signal?: AbortSignal } = {}) => {
    if (closed) throw new HookInvocationError('The function was closed', { code: 'CLOSED' });
    const container = idle();
    const invocation = await container.invoke(event, timeoutMs, o.signal);
    if (!container.alive) containers.delete(container);
    hook.onInvocation?.(invocation);
    return invocation;
  };

  return {
    invoke,
    handler: async (event) => {
      const invocation = await invoke(event);
      if (invocation.failed) throw invocationError(invocation);
      return invocation.result ?? null;
    },
    get coldStarts() {
      return coldStarts;
    },
    close: async () => {
      closed = true;
      await Promise.all([...containers].map((c) => c.kill()));
      containers.clear();
    },
  };
}

/** The error an invoker rejects with for a failed invocation: its reason, the log tail, and a code. */
export function invocationError(invocation: ModuleInvocation): HookInvocationError {
  const code =
    invocation.outcome === 'timeout'
      ? 'HOOK_TIMED_OUT'
      : invocation.outcome === 'closed'
        ? 'CLOSED'
        : invocation.outcome === 'emptied'
          ? 'HOOK_LOOP_EMPTIED'
          : 'HOOK_INVOCATION_FAILED';
  return new HookInvocationError(invocation.error ?? 'The invocation failed', {
    code,
    logTail: invocation.logTail,
  });
}
