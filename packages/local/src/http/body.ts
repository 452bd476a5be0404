import type { IncomingMessage } from 'node:http';
import type { WireError } from './types.js';

/**
 * The bytes of request bodies being read, across all connections, bounded: a body takes its share before
 * it is buffered (its `content-length` up front, or chunk by chunk when chunked) and gives it back once its
 * request is answered. Stalled or slow bodies therefore cannot pile up memory.
 */
export class BodyBudget {
  readonly limit: number;
  #used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** The bytes reserved now. */
  get used(): number {
    return this.#used;
  }

  /** Takes `bytes` if they fit; `false` (nothing taken) if they do not. */
  take(bytes: number): boolean {
    if (this.#used + bytes > this.limit) return false;
    this.#used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }
}

/** Limits applied while a body is read. */
export interface BodyLimits {
  /** The largest body accepted, bytes. */
  readonly bodyLimit: number;
  /** Real milliseconds from the request's headers to the end of its body. */
  readonly bodyTimeoutMs: number;
  readonly budget: BodyBudget;
}

/** A body read in full, with the share of the budget it holds until {@link BodyRead.release}. */
export interface BodyRead {
  readonly body: Buffer;
  /** Gives the body's bytes back to the budget (idempotent). */
  release(): void;
}

/** Why a body was not read: the AWS error to answer (the connection is then closed). */
export class BodyRefused extends Error {
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = 'BodyRefused';
    this.wire = wire;
  }
}

const tooLarge = (limit: number): WireError => ({
  type: 'SerializationException',
  message: `Request body larger than ${limit} bytes`,
  status: 413,
});

const busy: WireError = {
  type: 'ServiceUnavailable',
  message: 'The server is reading too many request bodies at once; retry later.',
  status: 503,
};

const slow = (ms: number): WireError => ({
  type: 'RequestTimeoutException',
  message: `The request body did not arrive within ${ms} ms.`,
  status: 408,
});

const EMPTY_BUFFER = Buffer.alloc(0);

/** One body being read: its chunks, its share of the budget, its deadline. */
class PendingBody implements BodyRead {
  readonly #req: IncomingMessage;
  readonly #limits: BodyLimits;
  readonly #resolve: (read: BodyRead) => void;
  readonly #reject: (error: Error) => void;
  readonly #chunks: Buffer[] = [];
  readonly #pending: Set<PendingBody>;
  /** `performance.now()` past which the body is too slow. */
  readonly deadline: number;
  #size = 0;
  #held: number;
  #body: Buffer = EMPTY_BUFFER;
  #settled = false;

  constructor(
    req: IncomingMessage,
    limits: BodyLimits,
    pending: Set<PendingBody>,
    held: number,
    resolve: (read: BodyRead) => void,
    reject: (error: Error) => void,
  ) {
    this.#req = req;
    this.#pending = pending;
    this.deadline = performance.now() + limits.bodyTimeoutMs;
    pending.add(this);
    this.#limits = limits;
    this.#held = held;
    this.#resolve = resolve;
    this.#reject = reject;
    // Inline arrows, not named closures: no per-request naming work when run from sources.
    req.on('data', (chunk: Buffer) => this.#data(chunk));
    req.on('end', () => this.#end());
    req.on('error', (error: Error) => this.#fail(error));
    req.on('close', () => {
      if (!req.complete) this.#fail(new Error('The connection closed before the request body ended'));
    });
  }

  /** Refuses the body as too slow (the reader's sweep calls it past the deadline). */
  timeOut(): void {
    this.#fail(new BodyRefused(slow(this.#limits.bodyTimeoutMs)));
  }

  get body(): Buffer {
    return this.#body;
  }

  /** Gives the body's bytes back to the budget (idempotent). */
  release(): void {
    this.#limits.budget.give(this.#held);
    this.#held = 0;
  }

  #data(chunk: Buffer): void {
    if (this.#settled) return;
    this.#size += chunk.length;
    if (this.#size > this.#limits.bodyLimit) {
      this.#fail(new BodyRefused(tooLarge(this.#limits.bodyLimit)));
      return;
    }
    if (this.#size > this.#held) {
      // Chunked (or longer than declared, which Node refuses anyway): take the budget as bytes come.
      if (!this.#limits.budget.take(this.#size - this.#held)) {
        this.#fail(new BodyRefused(busy));
        return;
      }
      this.#held = this.#size;
    }
    this.#chunks.push(chunk);
  }

  #end(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#pending.delete(this);
    const chunks = this.#chunks;
    this.#body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#size);
    this.#resolve(this);
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#pending.delete(this);
    this.#chunks.length = 0;
    this.release();
    this.#req.pause();
    this.#reject(error);
  }
}

const EMPTY: BodyRead = { body: EMPTY_BUFFER, release() {} };

/**
 * Reads request bodies within the limits: a declared `content-length` over the body limit, or over what the
 * budget has left, is refused before a byte is read; a body still incomplete after `bodyTimeoutMs` is
 * refused. One sweep per interval finds the slow ones (an `unref`'d timer: background work that must never
 * hold the process; a body being read keeps its socket open anyway), so a request costs no timer of its own.
 */
export class BodyReader {
  readonly #limits: BodyLimits;
  readonly #pending = new Set<PendingBody>();
  #sweep: ReturnType<typeof setInterval> | undefined;

  constructor(limits: BodyLimits) {
    this.#limits = limits;
  }

  /** Starts the sweep for slow bodies. */
  start(): void {
    if (this.#sweep) return;
    const every = Math.min(1_000, Math.max(10, Math.floor(this.#limits.bodyTimeoutMs / 4)));
    this.#sweep = setInterval(() => {
      const now = performance.now();
      for (const body of this.#pending) if (body.deadline <= now) body.timeOut();
    }, every);
    this.#sweep.unref();
  }

  /** Stops the sweep (bodies still pending end with their connections). */
  stop(): void {
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  /**
   * Reads one body (`declared`: its `content-length` header). Rejects with {@link BodyRefused} (answer it,
   * then close the connection) or the stream's own error.
   */
  read(req: IncomingMessage, declared: string | undefined): Promise<BodyRead> {
    const limits = this.#limits;
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && length > limits.bodyLimit)
      return Promise.reject(new BodyRefused(tooLarge(limits.bodyLimit)));
    if (length === 0) return Promise.resolve(EMPTY);
    if (length !== undefined && !limits.budget.take(length)) return Promise.reject(new BodyRefused(busy));
    return new Promise<BodyRead>((resolve, reject) => {
      new PendingBody(req, limits, this.#pending, length ?? 0, resolve, reject);
    });
  }
}
