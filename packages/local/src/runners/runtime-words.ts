/**
 * What the module runner says about the Lambda runtime rule, in words a hook's author understands. One source:
 * the runner, its tests and the troubleshooting docs use these.
 */

/**
 * The failure reason of an invocation whose event loop emptied while the handler's promise was still pending.
 *
 * @example
 * if (entry.hookReason === LOOP_EMPTIED) console.log('something the handler waited on was unref\'d');
 */
export const LOOP_EMPTIED =
  "the event loop emptied before the handler's promise settled; Lambda ends the invocation here";

/** The log lines that follow {@link LOOP_EMPTIED}: why it happens, and what happens next. */
export function loopEmptiedExplanation(asyncHandler: boolean): string[] {
  return [
    `ERROR ${LOOP_EMPTIED}.`,
    "  Nothing the handler was waiting on keeps the process alive: an unref'd timer or socket, or a promise that",
    '  nothing will ever settle. On Lambda the process is frozen now; a later invocation may thaw it and run what',
    '  was pending, or none will.',
    asyncHandler
      ? '  The invocation fails (Runtime.NodeJsExit) and Lambda retries an asynchronous event.'
      : '  The handler is not an async function, so Lambda ends the invocation with a null result.',
  ];
}

const WORDS: Readonly<Record<string, readonly [string, string]>> = {
  Timeout: ['timer', 'timers'],
  Immediate: ['setImmediate callback', 'setImmediate callbacks'],
  TCPSocketWrap: ['socket', 'sockets'],
  TCPServerWrap: ['listening server', 'listening servers'],
  TLSWrap: ['TLS socket', 'TLS sockets'],
  PipeWrap: ['pipe', 'pipes'],
  UDPWrap: ['UDP socket', 'UDP sockets'],
  ProcessWrap: ['child process', 'child processes'],
  FSReqCallback: ['file operation', 'file operations'],
  FSReqPromise: ['file operation', 'file operations'],
  FileHandle: ['open file', 'open files'],
  GetAddrInfoReqWrap: ['DNS lookup', 'DNS lookups'],
  TTYWrap: ['terminal handle', 'terminal handles'],
};

/**
 * `process.getActiveResourcesInfo()` names, counted and in words: `1 timer and 2 sockets`.
 *
 * @example
 * describeResources(['Timeout', 'TCPSocketWrap', 'TCPSocketWrap']); // '1 timer and 2 sockets'
 */
export function describeResources(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const parts = [...counts].map(([name, n]) => {
    const [one, many] = WORDS[name] ?? [name, name];
    return `${n} ${n === 1 ? one : many}`;
  });
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The warning logged when a handler settled and left timers or sockets behind. */
export function leftBehindWarning(names: readonly string[]): string {
  return `WARNING the handler settled but left ${describeResources(names)} behind (${names.join(', ')}). Lambda freezes them with the process; the next invocation of this warm container inherits them, where a timer may fire late and a socket may have been closed by the other end. Clear timers and abort abandoned requests before returning.`;
}

/** Logged when an invocation Lambda had already ended (its loop emptied) settles during a later one. */
export function lateSettlement(requestId: string, how: string): string {
  return `WARNING invocation ${requestId}, which Lambda had ended when its event loop emptied, ${how} now, during this one: its pending work was frozen with the process and resumed here.`;
}

/**
 * Lambda's words for an invocation that ran past the function timeout.
 *
 * @example
 * taskTimedOut(2_500); // 'Task timed out after 2.50 seconds'
 */
export function taskTimedOut(timeoutMs: number): string {
  return `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

/** Lambda's limit on a function's init phase (loading the module), before the first invocation. */
export const INIT_TIMEOUT_MS = 10_000;

/**
 * Words for a module that did not load within the init limit.
 *
 * @example
 * initTimedOut(INIT_TIMEOUT_MS); // 'Init timed out after 10.00 seconds (loading the module)'
 */
export function initTimedOut(limitMs: number): string {
  return `Init timed out after ${(limitMs / 1000).toFixed(2)} seconds (loading the module)`;
}
