import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { childEntrySource } from './child-entry.js';
import { contextFields, logStreamName } from './context.js';
import type { ChildMessage, ErrorInfo, InvocationEnd, InvocationMessage } from './runtime-protocol.js';
import {
  INIT_TIMEOUT_MS,
  initTimedOut,
  LOOP_EMPTIED,
  lateSettlement,
  leftBehindWarning,
  loopEmptiedExplanation,
  taskTimedOut,
} from './runtime-words.js';
import type { ModuleInvocation } from './types.js';

/** The bytes of output kept per invocation for its log tail. */
export const LOG_TAIL_BYTES = 4096;

/** What a container runs: fixed for its life, as a Lambda function's configuration is. */
export interface ContainerSpec {
  readonly module: string;
  readonly exportName: string;
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly env: Readonly<Record<string, string>>;
}

interface Pending {
  readonly requestId: string;
  readonly timeoutMs: number;
  readonly resolve: (invocation: ModuleInvocation) => void;
  /** The init timer until the handler starts, then the function timeout's. */
  timer: ReturnType<typeof setTimeout>;
  startedAt: number;
  readonly onAbort: () => void;
  readonly signal: AbortSignal | undefined;
  log: string;
  markers: number;
  message?: Extract<ChildMessage, { type: 'end' }>;
  /** Why the parent ended it (timeout, close), or the init error. */
  ended?: { outcome: ModuleInvocation['outcome']; error: string };
}

/** An error in Lambda's words, `Name: message` (a thrown non-Error value: the value as text). */
const NOT_ERRORS = ['string', 'number', 'bigint', 'boolean', 'symbol', 'undefined', 'object', 'function'];
const errorText = (error: ErrorInfo) =>
  NOT_ERRORS.includes(error.errorType) ? error.errorMessage : `${error.errorType}: ${error.errorMessage}`;

/**
 * One warm Lambda-like container: a child `node` process running {@link childEntrySource} for one module. It
 * takes one invocation at a time and stays (frozen) between them, until it is killed, crashes or times out.
 * While idle it holds nothing of this process's event loop.
 */
export class Container {
  readonly #child: ChildProcess;
  readonly #spec: ContainerSpec;
  readonly #marker = `<<greenlight:end:${randomUUID()}>>`;
  readonly #stream = logStreamName();
  readonly #exited: Promise<void>;
  #pending: Pending | undefined;
  #invocations = 0;
  #alive = true;
  /** Whether the module has loaded (the child started a handler once). */
  #started = false;
  /** Why the module could not be loaded, once the child said so. */
  #initError: string | undefined;
  /** Output of the container between invocations (its init), given to the next invocation's log. */
  #spare = '';

  constructor(spec: ContainerSpec) {
    this.#spec = spec;
    this.#child = spawn(
      process.execPath,
      ['-e', childEntrySource({ module: spec.module, exportName: spec.exportName, endMarker: this.#marker })],
      { env: { ...spec.env }, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] },
    );
    this.#exited = new Promise((resolve) => this.#child.once('close', () => resolve()));
    this.#lines(this.#child.stdout!);
    this.#lines(this.#child.stderr!);
    let buffered = '';
    this.#child.stdio[3]!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        this.#onMessage(JSON.parse(line) as ChildMessage);
      }
    });
    this.#child.stdin!.on('error', () => {
      // EPIPE when the child died first: its 'close' says what happened.
    });
    this.#child.on('error', (error) => {
      this.#end({ outcome: 'crashed', error: `Could not start the hook process: ${error.message}` });
    });
    this.#child.on('close', (code, signal) => this.#onClose(code, signal));
    this.#hold(false);
  }

  /** Whether the process is still there to take an invocation. */
  get alive(): boolean {
    return this.#alive;
  }

  /** Whether an invocation is running. */
  get busy(): boolean {
    return this.#pending !== undefined;
  }

  /** Runs one invocation; resolves with what happened (never rejects). */
  invoke(event: unknown, timeoutMs: number, signal?: AbortSignal): Promise<ModuleInvocation> {
    if (this.#pending) throw new Error('A container runs one invocation at a time');
    return new Promise((resolve) => {
      const requestId = randomUUID();
      const onAbort = () => {
        this.#end({ outcome: 'closed', error: 'The local CodeDeploy closed' });
        this.kill();
      };
      // As on Lambda, loading the module (the init phase) has its own limit; the function timeout counts from
      // when the handler is called (the child's 'start').
      const pending: Pending = {
        requestId,
        startedAt: Date.now(),
        timeoutMs,
        resolve,
        signal,
        onAbort,
        log: this.#spare,
        markers: 0,
        timer: setTimeout(
          () => {
            const error = this.#started ? taskTimedOut(timeoutMs) : initTimedOut(INIT_TIMEOUT_MS);
            this.#end({ outcome: 'timeout', error });
            this.kill();
          },
          this.#started ? timeoutMs : INIT_TIMEOUT_MS,
        ),
      };
      this.#spare = '';
      this.#pending = pending;
      this.#hold(true);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) {
        onAbort();
        return;
      }
      if (!this.#alive) {
        this.#end({ outcome: 'crashed', error: this.#initError ?? 'The hook process had exited' });
        this.#finish();
        return;
      }
      const context = {
        ...contextFields(this.#spec.functionName, this.#spec.invokedFunctionArn, this.#stream),
      };
      const message: InvocationMessage = {
        requestId,
        event,
        timeoutMs,
        context: { ...context, awsRequestId: requestId },
      };
      this.#child.stdin!.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Kills the process (SIGKILL) and resolves once it is gone. */
  kill(): Promise<void> {
    if (this.#alive) this.#child.kill('SIGKILL');
    return this.#exited;
  }

  /** While an invocation runs, the child and its pipes keep this process alive; while idle, nothing does. */
  #hold(on: boolean): void {
    const handles: ({ ref(): unknown; unref(): unknown } | null | undefined)[] = [
      this.#child,
      ...(this.#child.stdio as unknown as ({ ref(): unknown; unref(): unknown } | null)[]),
    ];
    for (const h of handles) {
      if (h && typeof h.ref === 'function') on ? h.ref() : h.unref();
    }
  }

  #lines(stream: Readable): void {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      for (let newline = partial.indexOf('\n'); newline >= 0; newline = partial.indexOf('\n')) {
        const line = partial.slice(0, newline);
        partial = partial.slice(newline + 1);
        if (line.endsWith(this.#marker)) {
          const before = line.slice(0, -this.#marker.length);
          if (before) this.#log(before);
          if (this.#pending) {
            this.#pending.markers += 1;
            this.#maybeFinish();
          }
        } else this.#log(line);
      }
      // A line longer than the tail is cut, not held.
      if (partial.length > LOG_TAIL_BYTES) {
        this.#log(partial);
        partial = '';
      }
    });
  }

  #log(line: string): void {
    if (this.#pending) this.#pending.log = `${this.#pending.log}${line}\n`.slice(-LOG_TAIL_BYTES * 4);
    else this.#spare = `${this.#spare}${line}\n`.slice(-LOG_TAIL_BYTES * 4);
  }

  #onMessage(message: ChildMessage): void {
    const pending = this.#pending;
    if (message.type === 'start') {
      this.#started = true;
      if (!pending || message.requestId !== pending.requestId || pending.ended) return;
      clearTimeout(pending.timer);
      pending.startedAt = Date.now();
      pending.timer = setTimeout(() => {
        this.#end({ outcome: 'timeout', error: taskTimedOut(pending.timeoutMs) });
        this.kill();
      }, pending.timeoutMs);
      return;
    }
    if (message.type === 'late') {
      const how =
        message.end.kind === 'returned' ? 'returned' : message.end.kind === 'rejected' ? 'rejected' : 'ended';
      this.#log(lateSettlement(message.requestId, how));
      return;
    }
    if (message.type === 'init-error') {
      const error = message.emptied
        ? `${errorText(message.error)} (${LOOP_EMPTIED.replace("the handler's promise settled", 'the module loaded')})`
        : errorText(message.error);
      this.#log(`ERROR Init error: ${error}`);
      this.#initError = error;
      this.#end({ outcome: 'crashed', error });
      return;
    }
    if (!pending || message.requestId !== pending.requestId) return;
    pending.message = message;
    const end = message.end;
    if (end.kind === 'emptied') for (const line of loopEmptiedExplanation(end.asyncHandler)) this.#log(line);
    if (end.kind === 'rejected' || end.kind === 'crashed') {
      const what = end.kind === 'crashed' ? 'Uncaught error' : 'Invoke Error';
      this.#log(`ERROR ${what} ${JSON.stringify(end.error)}`);
    }
    if (message.leftBehind.length > 0 && end.kind !== 'crashed')
      this.#log(leftBehindWarning(message.leftBehind));
    this.#maybeFinish();
  }

  /** The parent ended the invocation (timeout, close, a crash): it finishes when the process is gone. */
  #end(ended: NonNullable<Pending['ended']>): void {
    const pending = this.#pending;
    if (!pending || pending.ended) return;
    pending.ended = ended;
    if (ended.outcome === 'timeout')
      this.#log(`${new Date().toISOString()} ${pending.requestId} ${ended.error}`);
  }

  #maybeFinish(): void {
    const pending = this.#pending;
    if (!pending?.message || pending.markers < 2 || pending.ended) return;
    if (pending.message.end.kind === 'crashed') return; // the process exits: 'close' finishes it
    this.#finish();
  }

  #onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.#alive = false;
    const pending = this.#pending;
    if (!pending) return;
    if (!pending.ended && !pending.message && this.#initError) {
      this.#end({ outcome: 'crashed', error: this.#initError });
    } else if (!pending.ended && !pending.message) {
      const how = signal ?? `code ${code}`;
      this.#log(`Process exited with ${how} before completing the request`);
      this.#end({ outcome: 'crashed', error: `Process exited with ${how} before completing the request` });
    }
    this.#finish();
  }

  #finish(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.signal?.removeEventListener('abort', pending.onAbort);
    this.#hold(false);
    const coldStart = this.#invocations === 0;
    this.#invocations += 1;
    const base = {
      requestId: pending.requestId,
      coldStart,
      durationMs: Date.now() - pending.startedAt,
      logTail: pending.log.slice(-LOG_TAIL_BYTES),
    };
    const message = pending.ended ? undefined : pending.message;
    if (!message) {
      const ended = pending.ended ?? {
        outcome: 'crashed',
        error: 'The hook process ended without an answer',
      };
      pending.resolve({ ...base, outcome: ended.outcome, failed: true, error: ended.error, leftBehind: [] });
      return;
    }
    pending.resolve({ ...base, ...outcomeOf(message.end), leftBehind: message.leftBehind });
  }
}

function outcomeOf(end: InvocationEnd): Pick<ModuleInvocation, 'outcome' | 'failed' | 'result' | 'error'> {
  switch (end.kind) {
    case 'returned':
      return { outcome: 'returned', failed: false, result: end.result };
    case 'rejected':
      return { outcome: 'error', failed: true, error: errorText(end.error) };
    case 'crashed':
      return { outcome: 'crashed', failed: true, error: errorText(end.error) };
    case 'emptied':
      // As the runtime interface client: an async handler's invocation fails; any other ends with null.
      return end.asyncHandler
        ? { outcome: 'emptied', failed: true, error: LOOP_EMPTIED }
        : { outcome: 'emptied', failed: false, result: null, error: LOOP_EMPTIED };
  }
}
