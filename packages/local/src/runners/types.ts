import type { CodeDeployHookEvent } from '@greenlight/contract';

// The event CodeDeploy sends a lifecycle hook (exactly two members) is the contract's, the type createHook
// handlers take.
export type { CodeDeployHookEvent };

/** The parts of the Lambda context a hook handler uses. */
export interface LambdaLikeContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Real milliseconds left before the function timeout (not scaled). */
  getRemainingTimeInMillis(): number;
}

/** A Lambda handler, as the simulated function versions hold them. */
export type LambdaHandler = (event: unknown, context: LambdaLikeContext) => unknown;

/**
 * An in-process hook: what a Lambda handler is. It runs in the test's process, so its CodeDeploy client
 * must point at `local.endpoint` (pass a client, or copy `local.env` into `process.env`).
 */
export type InProcessHook = (event: CodeDeployHookEvent, context: LambdaLikeContext) => unknown;

/**
 * A module run as Lambda's Node.js runtime runs it: in a child `node` process that stays warm between
 * invocations (module state, and anything the handler left behind, survive), one invocation at a time (a
 * second concurrent invocation gets a second process), with the env pointing at the local CodeDeploy and a
 * hard kill (SIGKILL) at `timeoutMs`. While the handler's promise is pending only the handler's own work keeps
 * the process alive: when the event loop empties first, the invocation ends there, as on Lambda ("the event
 * loop emptied before the handler's promise settled; Lambda ends the invocation here"), and the process is
 * frozen until the next invocation.
 *
 * @example
 * ```ts
 * { module: '/abs/path/hook.cjs', export: 'handler', timeoutMs: 5_000 }
 * ```
 */
export interface ModuleHook {
  /** Absolute path to an ES module or CommonJS file (a bundle, as deployed, is the best test). */
  readonly module: string;
  /** @default 'handler' */
  readonly export?: string;
  /** The function timeout, real milliseconds. @default the local's `functionTimeoutMs` */
  readonly timeoutMs?: number;
  /** Extra environment variables for the child. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Called after each invocation with what the runtime saw: how it ended, its result or error, its log tail and
   * what the handler left behind. @default none
   */
  readonly onInvocation?: (invocation: ModuleInvocation) => void;
}

/**
 * One invocation of a {@link ModuleHook}, as its warm container saw it.
 *
 * @example
 * ```ts
 * const hook: ModuleHook = { module, onInvocation: (i) => expect(i.leftBehind).toEqual([]) };
 * ```
 */
export interface ModuleInvocation {
  readonly requestId: string;
  /**
   * - `returned`: the handler's promise resolved (`result`);
   * - `error`: it rejected or threw (`error`);
   * - `emptied`: the event loop emptied while its promise was pending, and Lambda ended the invocation there;
   * - `timeout`: it ran past the function timeout and the process was killed;
   * - `crashed`: the process died (uncaught error, `process.exit`, the module failed to load);
   * - `closed`: the local CodeDeploy closed during the invocation.
   */
  readonly outcome: 'returned' | 'error' | 'emptied' | 'timeout' | 'crashed' | 'closed';
  /** Whether Lambda counts it as a function error (and retries an asynchronous event). */
  readonly failed: boolean;
  /** What the handler returned (JSON round-tripped), for `returned`. */
  readonly result?: unknown;
  /** Why it failed, in words. */
  readonly error?: string;
  /** The last 4 KiB of its output, with the runtime's own warnings. */
  readonly logTail: string;
  /** `process.getActiveResourcesInfo()` names of what the handler left behind when it settled. */
  readonly leftBehind: readonly string[];
  /** Whether this was the container's first invocation. */
  readonly coldStart: boolean;
  /** Real milliseconds from the invocation to its end. */
  readonly durationMs: number;
}

/**
 * Any Lambda Invoke endpoint (`POST /2015-03-31/functions/{name}/invocations`), e.g. another local
 * Lambda runtime.
 */
export interface InvokeEndpointHook {
  readonly invokeEndpoint: string;
  readonly functionName: string;
  /**
   * `RequestResponse` (default): the engine waits for the invocation and applies Lambda's async retry
   * rules itself to function errors. `Event`: a 202 counts as delivered and the endpoint owns retries.
   * @default 'RequestResponse'
   */
  readonly invocationType?: 'RequestResponse' | 'Event';
  /** Real milliseconds. @default the local's `functionTimeoutMs` */
  readonly timeoutMs?: number;
}

/** No invocation: the test takes the hook event with `d.nextHookEvent()` and reports itself. */
export interface ManualHook {
  readonly manual: true;
}

/** How a hook function runs. */
export type HookRunner = InProcessHook | ModuleHook | InvokeEndpointHook | ManualHook | 'manual';

/** One invocation, as the engine hands it to a runner. */
export interface Invocation {
  readonly event: CodeDeployHookEvent;
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  /** Real milliseconds. */
  readonly timeoutMs: number;
  /** The env a hook needs to reach this local CodeDeploy. */
  readonly env: Readonly<Record<string, string>>;
  /** Aborted when the local CodeDeploy closes. */
  readonly signal: AbortSignal;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** What a function returned, as far as the runner could see. */
export interface InvocationResult {
  /** The handler's result (a `HookResult`, for greenlight hooks). */
  readonly result?: unknown;
  /** The invocation's output, when the runner captured it. */
  readonly logTail?: string;
}

/**
 * Runs one invocation: resolves when the function returned (with what it returned, when the runner knows),
 * rejects when it errored or timed out.
 */
export type Invoker = (invocation: Invocation) => Promise<InvocationResult | undefined>;
