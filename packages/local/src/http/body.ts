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

/**
 * Reads a request body within the limits: a declared `content-length` over the body limit, or over what the
 * budget has left, is refused before a byte is read; a body still incomplete after `bodyTimeoutMs` is refused.
 * Rejects with {@link BodyRefused} (answer it, then close the connection) or the stream's own error.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyRead> {
  const { bodyLimit, budget, bodyTimeoutMs } = limits;
  const declared = req.headers['content-length'];
  const length = declared === undefined ? undefined : Number(declared);
  if (length !== undefined && length > bodyLimit) return Promise.reject(new BodyRefused(tooLarge(bodyLimit)));
  let held = 0;
  if (length !== undefined && length > 0) {
    if (!budget.take(length)) return Promise.reject(new BodyRefused(busy));
    held = length;
  }
  const release = () => {
    budget.give(held);
    held = 0;
  };
  if (length === 0) return Promise.resolve({ body: Buffer.alloc(0), release });
  return new Promise<BodyRead>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      cleanup();
      chunks.length = 0;
      release();
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimit) return fail(new BodyRefused(tooLarge(bodyLimit)));
      if (size > held) {
        // Chunked (or longer than declared, which Node refuses anyway): take the budget as bytes come.
        if (!budget.take(size - held)) return fail(new BodyRefused(busy));
        held = size;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), release });
    };
    const onError = (error: Error) => fail(error);
    const onClose = () => {
      if (!req.complete) fail(new Error('The connection closed before the request body ended'));
    };
    const timer = setTimeout(() => fail(new BodyRefused(slow(bodyTimeoutMs))), bodyTimeoutMs);
    function cleanup() {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
