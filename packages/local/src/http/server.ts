import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@greenlight/contract';
import { describeThrown } from '@greenlight/contract';
import type { Scheduler } from '../clock.js';
import { ApiError } from '../errors.js';
import { newRequestId } from '../ids.js';
import { BodyBudget, type BodyRead, BodyReader, BodyRefused } from './body.js';
import type { FaultInjector } from './faults.js';
import { jsonError } from './json-protocol.js';
import { BoundedLog } from './log.js';
import { parseHead } from './request.js';
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

/** Options of {@link LocalServer} (see `LocalCodeDeployOptions` for what each means). */
export interface LocalServerOptions {
  readonly host: string;
  readonly port: number;
  readonly bodyLimit: number;
  readonly bodyTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxInFlightBytes: number;
  readonly logLimit: number;
  /** When given, every request's SigV4 signature is verified against them. */
  readonly credentials: Credentials | undefined;
  /** In strict mode, the regions a request may be signed for. */
  readonly regions: readonly string[];
  readonly faults: FaultInjector;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
}

/** A failed write to a client that went away: nothing to do, the answer is simply lost. */
function dropWrite(): void {}

/** The operation named by `x-amz-target`, for the log of a request refused before it was read. */
function targetOperation(req: ParsedRequest): string {
  const target = req.target;
  if (!target) return 'unknown';
  return target.slice(target.lastIndexOf('.') + 1).slice(0, 100) || 'unknown';
}

/**
 * The HTTP server: reads each body within the limits, authenticates the raw request, then routes it to a
 * mounted {@link ServiceHandler}, applying faults; no exception escapes. Nothing of the body is parsed
 * before the request is authenticated.
 */
export class LocalServer {
  readonly requests: RequestRecord[];
  readonly #handlers: ServiceHandler[] = [];
  readonly #options: LocalServerOptions;
  readonly #server: Server;
  readonly #budget: BodyBudget;
  readonly #bodies: BodyReader;

  constructor(options: LocalServerOptions) {
    this.#options = options;
    this.requests = new BoundedLog<RequestRecord>(options.logLimit);
    this.#budget = new BodyBudget(options.maxInFlightBytes);
    this.#bodies = new BodyReader({
      bodyLimit: options.bodyLimit,
      bodyTimeoutMs: options.bodyTimeoutMs,
      budget: this.#budget,
    });
    const headersTimeout = 30_000;
    this.#server = createServer(
      // Node's own request timeout is a backstop; the body timeout answers first, in the AWS error shape.
      { headersTimeout, requestTimeout: headersTimeout + options.bodyTimeoutMs + 1_000 },
      (req, res) => {
        void this.#onRequest(req, res);
      },
    );
    this.#server.keepAliveTimeout = 5_000;
    this.#server.maxConnections = options.maxConnections;
    this.#server.on('clientError', (_err, socket) => {
      if (socket.writable)
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  /** The request body bytes held right now (bounded by `maxInFlightBytes`). */
  get inFlightBytes(): number {
    return this.#budget.used;
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
    this.#bodies.start();
    const { port } = this.#server.address() as AddressInfo;
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    return `http://${host}:${port}`;
  }

  async close(): Promise<void> {
    this.#bodies.stop();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #record(service: string, operation: string, status: number, errorType?: string): void {
    const at = this.#options.clock.now();
    this.requests.push(
      errorType ? { service, operation, status, at, errorType } : { service, operation, status, at },
    );
  }

  #send(res: ServerResponse, response: ServiceResponse): void {
    if (res.destroyed) return;
    const body = response.body ?? '';
    // Name, value, name, value: no object spread per answer (which would also give each its own hidden class).
    const headers: string[] = [];
    const given = response.headers;
    if (given) for (const name of Object.keys(given)) headers.push(name, given[name] as string);
    headers.push('content-length', String(Buffer.byteLength(body)));
    res.writeHead(response.status, headers);
    res.end(body);
  }

  /** Answers one request; never rejects (a defect of the server is answered 500, or the socket destroyed). */
  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const requestId = newRequestId();
      // A client that goes away mid-answer is not an error of the server: the write is simply dropped.
      res.on('error', dropWrite);
      const head = parseHead(req);
      let read: BodyRead;
      try {
        read = await this.#bodies.read(req, head.headers['content-length']);
      } catch (err) {
        if (err instanceof BodyRefused) {
          this.#record('unknown', 'unknown', err.wire.status, err.wire.type);
          res.setHeader('connection', 'close');
          res.on('finish', () => req.socket.destroy());
          this.#send(res, jsonError(err.wire, { requestId }));
        } else {
          res.destroy();
        }
        return;
      }
      try {
        head.body = read.body;
        await this.#route(req, res, head, requestId);
      } finally {
        read.release();
      }
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }

  async #route(
    req: IncomingMessage,
    res: ServerResponse,
    parsed: ParsedRequest,
    requestId: string,
  ): Promise<void> {
    let handler: ServiceHandler | undefined;
    for (const h of this.#handlers) {
      if (safeMatch(h, parsed)) {
        handler = h;
        break;
      }
    }
    if (!handler) {
      // No service to authenticate for: answered from the headers alone, as before any body is looked at.
      const error =
        parsed.authorizationHeaders > 1 ? repeatedAuthorization(parsed) : unknownOperation(parsed);
      this.#record('unknown', parsed.target ?? parsed.path, error.status, error.type);
      this.#send(res, jsonError(error, { requestId }));
      return;
    }
    const refused = this.#options.credentials
      ? await this.#verify(parsed, handler, this.#options.credentials)
      : this.#checkAuth(parsed);
    if (refused) {
      const ctx: RequestContext = { requestId, operation: targetOperation(parsed) };
      this.#record(handler.name, ctx.operation, refused.status, refused.type);
      this.#send(res, render(handler, refused, ctx, parsed));
      return;
    }
    const operation = safeOperation(handler, parsed);
    const ctx: RequestContext = { requestId, operation };

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
      this.#send(
        res,
        render(handler, { type: 'ThrottlingException', message: 'Rate exceeded', status: 400 }, ctx, parsed),
      );
      return;
    }
    if (fault?.kind === 'error5xx') {
      const status = fault.status ?? 500;
      const type = status === 503 ? 'ServiceUnavailable' : 'InternalFailure';
      this.#record(handler.name, operation, status, type);
      this.#send(res, render(handler, { type, message: 'Injected fault', status }, ctx, parsed));
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
          : { type: 'InternalFailure', message: `Internal error: ${describeThrown(err)}`, status: 500 };
      errorType = error.type;
      response = render(handler, error, ctx, parsed);
    }
    this.#record(handler.name, operation, response.status, errorType);
    this.#send(res, response);
  }

  /** Strict mode: the SigV4 signature, verified over the raw body. */
  async #verify(
    req: ParsedRequest,
    handler: ServiceHandler,
    credentials: Credentials,
  ): Promise<WireError | undefined> {
    if (req.authorizationHeaders > 1) return repeatedAuthorization(req);
    const problem = await verifySignature(req, credentials, this.#options.clock.now(), {
      regions: this.#options.regions,
      ...(handler.signingName !== undefined && { service: handler.signingName }),
    });
    return problem && { ...problem, status: 400 };
  }

  /** Without credentials: one well-formed SigV4 Authorization header, whatever its signature. */
  #checkAuth(req: ParsedRequest): WireError | undefined {
    if (req.authorizationHeaders > 1) return repeatedAuthorization(req);
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

/** An error in the handler's protocol (awsJson1_1 unless it renders its own). */
function render(
  handler: ServiceHandler,
  error: WireError,
  ctx: RequestContext,
  req: ParsedRequest,
): ServiceResponse {
  return handler.renderError ? handler.renderError(error, ctx, req) : jsonError(error, ctx);
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

function repeatedAuthorization(req: ParsedRequest): WireError {
  return {
    type: 'IncompleteSignatureException',
    message: `The request carries ${req.authorizationHeaders} Authorization headers; send exactly one.`,
    status: 400,
  };
}

function unknownOperation(req: ParsedRequest): WireError {
  return {
    type: 'UnknownOperationException',
    message: req.target ? `Unknown operation ${req.target.slice(0, 200)}` : 'Unknown operation',
    status: 400,
  };
}
