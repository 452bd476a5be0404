import type {
  ChildConfig,
  ChildMessage,
  ErrorInfo,
  InvocationEnd,
  InvocationMessage,
} from './runtime-protocol.js';

/**
 * The program of a warm Lambda-like container, run in a child `node` process: it loads the module once, then
 * runs one invocation at a time, as the Lambda Node.js runtime interface client runs an async handler.
 *
 * - Nothing of its own holds the event loop while a handler's promise is pending: it reads the next invocation
 *   with a blocking read of stdin and writes answers synchronously on fd 3, so only the handler's own work
 *   (ref'd timers, sockets) keeps the process alive.
 * - When the loop empties before the promise settles, `beforeExit` ends the invocation (the runtime's listener
 *   lives at `globalThis[Symbol.for('aws.lambda.beforeExit')]`, as in the runtime interface client).
 * - Between invocations the process is frozen: the blocking read stops the event loop, so timers and sockets
 *   left behind wait, and may fire when the next invocation thaws it, as on Lambda.
 *
 * The parent passes this function's source to `node -e`: it must stay self-contained (builtins through
 * `require`, the module through the `load` it is given; no imports, no helpers a compiler would add).
 */
export function lambdaRuntimeChild(
  config: ChildConfig,
  load: (url: string) => Promise<Record<string, unknown>>,
): void {
  const fs = require('node:fs') as typeof import('node:fs');
  const { pathToFileURL } = require('node:url') as typeof import('node:url');
  const LISTENER = Symbol.for('aws.lambda.beforeExit');
  const holder = globalThis as unknown as Record<symbol, () => void>;
  const noop = () => {};

  interface Running {
    readonly message: InvocationMessage;
    readonly asyncHandler: boolean;
    /** What held the event loop when it started. */
    readonly before: Snapshot;
    /** How it ended, once it has. */
    ended?: InvocationEnd['kind'];
    /** Set when the callback was called while `callbackWaitsForEmptyEventLoop` holds it until the loop empties. */
    callbackEnd?: InvocationEnd;
  }
  let current: Running | undefined;
  let handler: ((event: unknown, context: unknown, callback: unknown) => unknown) | undefined;
  let loading = true;

  const send = (message: ChildMessage) => {
    const bytes = Buffer.from(`${JSON.stringify(message)}\n`, 'utf8');
    for (let offset = 0; offset < bytes.length; ) {
      try {
        offset += fs.writeSync(3, bytes, offset);
      } catch (error) {
        if ((error as { code?: string }).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      }
    }
  };

  const errorInfo = (error: unknown): ErrorInfo => {
    try {
      if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
        const e = error as { name?: unknown; message?: unknown; stack?: unknown };
        const stack = typeof e.stack === 'string' ? e.stack.split('\n').slice(1, 11) : undefined;
        return {
          errorType: typeof e.name === 'string' ? e.name : 'Error',
          errorMessage: String(e.message),
          ...(stack ? { trace: stack.map((line) => line.trim()) } : {}),
        };
      }
      return {
        errorType: typeof error,
        errorMessage: typeof error === 'string' ? error : JSON.stringify(error),
      };
    } catch {
      return { errorType: typeof error, errorMessage: '(an error that could not be described)' };
    }
  };

  const jsonSafe = (value: unknown): unknown => {
    try {
      const text = JSON.stringify(value);
      return text === undefined ? null : JSON.parse(text);
    } catch (error) {
      return { unserializable: errorInfo(error).errorMessage };
    }
  };

  // The runtime's own handles (stdout and stderr) exist before any handler runs. What an invocation left behind
  // is what holds the event loop when it settles and did not when it started: handles (sockets, servers, child
  // processes) by identity, so one that closed meanwhile does not hide one that opened; timers and immediates,
  // which have no identity to read, by count.
  process.stdout.write('');
  process.stderr.write('');
  type Owner = { constructor?: { name?: string }; _handle?: { constructor?: { name?: string } } | null };
  const handles = (): Owner[] =>
    (process as unknown as { _getActiveHandles?: () => Owner[] })._getActiveHandles?.() ?? [];
  const handleName = (h: Owner): string => {
    const owner = h.constructor?.name ?? 'handle';
    const wrap = h._handle?.constructor?.name;
    if (owner === 'Socket')
      return wrap === 'Pipe' ? 'PipeWrap' : wrap === 'TTY' ? 'TTYWrap' : 'TCPSocketWrap';
    if (owner === 'Server') return wrap === 'Pipe' ? 'PipeServerWrap' : 'TCPServerWrap';
    if (owner === 'ChildProcess') return 'ProcessWrap';
    return owner;
  };
  const COUNTED = ['Timeout', 'Immediate'];
  interface Snapshot {
    readonly handles: ReadonlySet<Owner>;
    readonly counts: ReadonlyMap<string, number>;
  }
  const active = (): Snapshot => {
    const counts = new Map<string, number>();
    for (const name of process.getActiveResourcesInfo())
      if (COUNTED.includes(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    return { handles: new Set(handles()), counts };
  };
  const leftBehind = (before: Snapshot): string[] => {
    const now = active();
    const extra = handles()
      .filter((h) => !before.handles.has(h))
      .map(handleName);
    for (const [name, n] of now.counts) {
      for (let i = before.counts.get(name) ?? 0; i < n; i++) extra.push(name);
    }
    return extra;
  };

  let pending = '';
  const readLine = (): string | undefined => {
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const newline = pending.indexOf('\n');
      if (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        return line;
      }
      let read: number;
      try {
        read = fs.readSync(0, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if (code === 'EOF') return undefined;
        throw error;
      }
      if (read === 0) return undefined;
      pending += buffer.toString('utf8', 0, read);
    }
  };

  const flushed = (then: () => void) => {
    let waiting = 0;
    const done = () => {
      waiting -= 1;
      if (waiting === 0) then();
    };
    for (const stream of [process.stdout, process.stderr]) {
      stream.write(`${config.endMarker}\n`);
      if (stream.writableLength > 0) {
        waiting += 1;
        stream.write('', done);
      }
    }
    if (waiting === 0) then();
  };

  /**
   * Ends `running` with `end` (once), then freezes until the next invocation. As on Lambda, where the runtime
   * posts the response before the sandbox freezes, what the settled invocation queued for now (its microtasks,
   * immediates such as a client's pooled-socket bookkeeping) runs first; timers and I/O wait for the thaw.
   */
  const finish = (running: Running, end: InvocationEnd) => {
    if (running.ended) {
      // Lambda ignores a second completion; a promise that settles after the loop had emptied is worth a word.
      if (running.ended === 'emptied') send({ type: 'late', requestId: running.message.requestId, end });
      return;
    }
    running.ended = end.kind;
    current = undefined;
    holder[LISTENER] = noop;
    // Two immediates: the second runs after this turn's close callbacks, so a socket the handler destroyed as
    // it settled is gone, not counted as left behind. They also keep an emptied loop turning (Node emits
    // 'beforeExit' once per emptying).
    setImmediate(() =>
      setImmediate(() => {
        const left = leftBehind(running.before);
        flushed(() => {
          send({ type: 'end', requestId: running.message.requestId, end, leftBehind: left });
          if (end.kind === 'crashed') process.exit(end.exitCode);
          next();
        });
      }),
    );
  };

  const crash = (error: unknown, exitCode: number) => {
    if (current) {
      finish(current, { kind: 'crashed', error: errorInfo(error), exitCode });
      return;
    }
    if (loading) {
      send({ type: 'init-error', error: errorInfo(error), emptied: false });
      process.exit(exitCode);
    }
    // Thrown by something left behind, between invocations: Lambda would end the process too.
    process.stderr.write(`Uncaught error between invocations: ${errorInfo(error).errorMessage}\n`);
    process.exit(exitCode);
  };
  process.on('uncaughtException', (error) => crash(error, 129));
  process.on('unhandledRejection', (reason) => crash(reason, 128));

  holder[LISTENER] = noop;
  process.on('beforeExit', () => {
    if (loading) {
      send({
        type: 'init-error',
        error: {
          errorType: 'Runtime.NodeJsExit',
          errorMessage: `the event loop emptied before ${config.module} finished loading`,
        },
        emptied: true,
      });
      process.exit(1);
    }
    holder[LISTENER]?.();
  });

  const start = (message: InvocationMessage) => {
    send({ type: 'start', requestId: message.requestId });
    const deadline = Date.now() + message.timeoutMs;
    const running: Running = {
      message,
      before: active(),
      asyncHandler: (handler as { constructor?: { name?: string } }).constructor?.name === 'AsyncFunction',
    };
    current = running;
    let waitsForEmptyLoop = true;
    const context = {
      ...message.context,
      get callbackWaitsForEmptyEventLoop() {
        return waitsForEmptyLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitsForEmptyLoop = value;
      },
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    const callback = (error: unknown, result: unknown) => {
      const end: InvocationEnd =
        error !== undefined && error !== null
          ? { kind: 'rejected', error: errorInfo(error) }
          : { kind: 'returned', result: jsonSafe(result) };
      if (end.kind === 'rejected' || !waitsForEmptyLoop) finish(running, end);
      else running.callbackEnd ??= end;
    };
    holder[LISTENER] = () =>
      finish(running, running.callbackEnd ?? { kind: 'emptied', asyncHandler: running.asyncHandler });
    let returned: unknown;
    try {
      returned = handler!(message.event, context, callback);
    } catch (error) {
      finish(running, { kind: 'rejected', error: errorInfo(error) });
      return;
    }
    if (
      returned !== null &&
      typeof returned === 'object' &&
      typeof (returned as Promise<unknown>).then === 'function'
    ) {
      (returned as Promise<unknown>).then(
        (result) => finish(running, { kind: 'returned', result: jsonSafe(result) }),
        (error: unknown) => finish(running, { kind: 'rejected', error: errorInfo(error) }),
      );
    }
  };

  function next(): void {
    const line = readLine();
    if (line === undefined) process.exit(0);
    start(JSON.parse(line as string) as InvocationMessage);
  }

  load(pathToFileURL(config.module).href).then(
    (mod) => {
      const fn =
        mod[config.exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[config.exportName];
      if (typeof fn !== 'function') {
        send({
          type: 'init-error',
          error: {
            errorType: 'Runtime.HandlerNotFound',
            errorMessage: `${config.module} has no function export named ${config.exportName}`,
          },
          emptied: false,
        });
        process.exit(1);
      }
      handler = fn as typeof handler;
      loading = false;
      process.nextTick(next);
    },
    (error: unknown) => {
      send({ type: 'init-error', error: errorInfo(error), emptied: false });
      process.exit(1);
    },
  );
}
