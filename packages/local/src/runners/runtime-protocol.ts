/**
 * What the module runner's parent and its child (a warm Lambda-like container) say to each other. The parent
 * writes one {@link InvocationMessage} per line on the child's stdin; the child answers with one
 * {@link ChildMessage} per line on file descriptor 3. Types only: the child program cannot import anything.
 */

/** Given to the child program when it starts. */
export interface ChildConfig {
  /** Absolute path of the module to load (ES module or CommonJS). */
  readonly module: string;
  /** The export holding the handler. */
  readonly exportName: string;
  /** Written to stdout and stderr after an invocation, so the parent knows it has all of its output. */
  readonly endMarker: string;
}

/** The context members that do not change during an invocation. */
export interface ContextFields {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** One invocation, as the parent sends it. */
export interface InvocationMessage {
  readonly requestId: string;
  readonly event: unknown;
  /** The function timeout: the handler's deadline is this long after it is called. */
  readonly timeoutMs: number;
  readonly context: ContextFields;
}

/** What an error looks like once it has crossed the process boundary (Lambda's error shape). */
export interface ErrorInfo {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/**
 * How an invocation ended in the child:
 * - `returned`: the handler's promise resolved (or its callback was called) with `result`;
 * - `rejected`: it rejected, threw or called back with an error;
 * - `emptied`: the event loop emptied while its promise was still pending; Lambda ends the invocation there
 *   (an error for an async function, `null` for a function that only returned a promise);
 * - `crashed`: an uncaught exception or unhandled rejection; the process exits after answering.
 */
export type InvocationEnd =
  | { readonly kind: 'returned'; readonly result: unknown }
  | { readonly kind: 'rejected'; readonly error: ErrorInfo }
  | { readonly kind: 'emptied'; readonly asyncHandler: boolean }
  | { readonly kind: 'crashed'; readonly error: ErrorInfo; readonly exitCode: number };

/** A message from the child. */
export type ChildMessage =
  /** The handler is being called now (the function timeout counts from here). */
  | { readonly type: 'start'; readonly requestId: string }
  | {
      readonly type: 'end';
      readonly requestId: string;
      readonly end: InvocationEnd;
      /** `process.getActiveResourcesInfo()` names active when it settled that were not when it started. */
      readonly leftBehind: readonly string[];
    }
  /** The module could not be loaded; the process exits after saying so. */
  | { readonly type: 'init-error'; readonly error: ErrorInfo; readonly emptied: boolean }
  /** An invocation that had already ended settled now (a leftover of a frozen invocation resumed). */
  | { readonly type: 'late'; readonly requestId: string; readonly end: InvocationEnd };
