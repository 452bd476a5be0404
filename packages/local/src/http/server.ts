import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Scheduler } from '../clock.js';
import { ApiError, messageOf } from '../errors.js';
import { newRequestId } from '../ids.js';
import type { FaultInjector } from './faults.js';
import { jsonError } from './json-protocol.js';
import { parseRequest } from './request.js';
import { type Credentials, verifySignature } from './sigv4.js';
import type { ParsedRequest, RequestContext, ServiceHandler, ServiceResponse, WireError } from './types.js';

/** One request the server answered (or dropped), for tests and benchmarks. */
export interface RequestRecord {
  /** The service that matched, or `unknown`. */
  readonly service: string;
  readonly operation: string;
  /** The HTTP status sent; 0 when the connection was reset by a fault. */
  readonly status: number;
  /** The AWS error name when the answer was an error (or `reset`). */
  readonly errorType?: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** Options of {@link LocalServer}. */
export interface LocalServerOptions {
  readonly host: string;
  readonly port: number;
  /** The largest body accepted, in bytes. @default 1 MiB */
  readonly bodyLimit: number;
  /** When given, every request's SigV4 signature is verified against them. */
  readonly credentials: Credentials | undefined;
  readonly faults: FaultInjector;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        if (!tooLarge) reject(new BodyTooLarge());
        tooLarge = true;
        chunks.length = 0;
        if (size > limit * 64) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The HTTP server: reads each request, routes it to a mounted {@link ServiceHandler}, applies faults and
 * SigV4, and never lets an exception escape.
 */
export class LocalServer {
  readonly requests: RequestRecord[] = [];
  readonly #handlers: ServiceHandler[] = [];
  readonly #options: LocalServerOptions;
  readonly #server: Server;

  constructor(options: LocalServerOptions) {
    this.#options = options;
    this.#server = createServer({ requestTimeout: 60_000, headersTimeout: 30_000 }, (req, res) => {
      this.#onRequest(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
    this.#server.keepAliveTimeout = 5_000;
    this.#server.on('clientError', (_err, socket) => {
      if (socket.writable)
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  /** Mounts a service; earlier mounts win when two match. */
  mount(handler: ServiceHandler): void {
    this.#handlers.push(handler);
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    return `http://${host}:${port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #record(service: string, operation: string, status: number, errorType?: string): void {
    const record: RequestRecord = { service, operation, status, at: this.#options.clock.now() };
    this.requests.push(errorType ? { ...record, errorType } : record);
  }

  #send(res: ServerResponse, response: ServiceResponse): void {
    if (res.destroyed) return;
    const body = response.body ?? '';
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.on('error', () => {});
    let body: Buffer;
    try {
      body = await readBody(req, this.#options.bodyLimit);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        const error = {
          type: 'SerializationException',
          message: `Request body larger than ${this.#options.bodyLimit} bytes`,
          status: 413,
        };
        this.#record('unknown', 'unknown', 413, error.type);
        res.setHeader('connection', 'close');
        this.#send(res, jsonError(error, { requestId }));
      } else {
        res.destroy();
      }
      return;
    }
    const parsed = parseRequest(req, body);
    const handler = this.#handlers.find((h) => safeMatch(h, parsed));
    if (!handler) {
      const error = unknownOperation(parsed);
      this.#record('unknown', parsed.target ?? parsed.path, error.status, error.type);
      this.#send(res, jsonError(error, { requestId }));
      return;
    }
    const operation = safeOperation(handler, parsed);
    const ctx: RequestContext = { requestId, operation };
    const render = (error: WireError): ServiceResponse =>
      handler.renderError ? handler.renderError(error, ctx) : jsonError(error, ctx);

    const fault = this.#options.faults.pick(operation);
    if (fault?.kind === 'reset') {
      this.#record(handler.name, operation, 0, 'reset');
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      await this.#options.scheduler.realSleep(fault.delayMs ?? 1000);
    }
    if (fault?.kind === 'throttle') {
      this.#record(handler.name, operation, 400, 'ThrottlingException');
      this.#send(res, render({ type: 'ThrottlingException', message: 'Rate exceeded', status: 400 }));
      return;
    }
    if (fault?.kind === 'error5xx') {
      const status = fault.status ?? 500;
      const type = status === 503 ? 'ServiceUnavailable' : 'InternalFailure';
      this.#record(handler.name, operation, status, type);
      this.#send(res, render({ type, message: 'Injected fault', status }));
      return;
    }

    const problem = this.#checkAuth(parsed);
    if (problem) {
      this.#record(handler.name, operation, problem.status, problem.type);
      this.#send(res, render(problem));
      return;
    }

    let response: ServiceResponse;
    let errorType: string | undefined;
    try {
      response = await handler.handle(parsed, ctx);
      if (response.status >= 400) errorType = response.headers?.['x-amzn-errortype'] ?? 'error';
    } catch (err) {
      const error: WireError =
        err instanceof ApiError
          ? { type: err.type, message: err.message, status: err.status }
          : { type: 'InternalFailure', message: `Internal error: ${messageOf(err)}`, status: 500 };
      errorType = error.type;
      response = render(error);
    }
    this.#record(handler.name, operation, response.status, errorType);
    this.#send(res, response);
  }

  #checkAuth(req: ParsedRequest): WireError | undefined {
    const { credentials, clock } = this.#options;
    if (credentials) {
      const problem = verifySignature(req, credentials, clock.now());
      return problem && { ...problem, status: 400 };
    }
    if (!req.headers.authorization) {
      return {
        type: 'MissingAuthenticationTokenException',
        message: 'Missing Authentication Token',
        status: 400,
      };
    }
    if (!req.authorization) {
      return {
        type: 'IncompleteSignatureException',
        message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
        status: 400,
      };
    }
    return undefined;
  }
}

function safeMatch(handler: ServiceHandler, req: ParsedRequest): boolean {
  try {
    return handler.matches(req);
  } catch {
    return false;
  }
}

function safeOperation(handler: ServiceHandler, req: ParsedRequest): string {
  try {
    return handler.operation(req);
  } catch {
    return 'unknown';
  }
}

function unknownOperation(req: ParsedRequest): WireError {
  return {
    type: 'UnknownOperationException',
    message: req.target ? `Unknown operation ${req.target.slice(0, 200)}` : 'Unknown operation',
    status: 400,
  };
}
