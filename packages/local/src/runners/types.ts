/** The event CodeDeploy sends a lifecycle hook: exactly these two members. */
export interface CodeDeployHookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

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
 * A module run in a child `node` process per invocation, with the env pointing at the local CodeDeploy
 * and a hard kill (SIGKILL) at `timeoutMs`.
 *
 * @example
 * ```ts
 * { module: '/abs/path/hook.mjs', export: 'handler', timeoutMs: 5_000 }
 * ```
 */
export interface ModuleHook {
  /** Absolute path to an ES module or CommonJS file. */
  readonly module: string;
  /** @default 'handler' */
  readonly export?: string;
  /** The function timeout, real milliseconds. @default the local's `functionTimeoutMs` */
  readonly timeoutMs?: number;
  /** Extra environment variables for the child. */
  readonly env?: Readonly<Record<string, string>>;
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

/** Runs one invocation: resolves when the function returned, rejects when it errored or timed out. */
export type Invoker = (invocation: Invocation) => Promise<void>;
