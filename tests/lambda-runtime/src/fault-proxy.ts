import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault the proxy injects into a response the local CodeDeploy gave (the request reaches it, so the report
 * may land):
 * - `stall`: the status and headers are sent, then nothing, until the client gives up;
 * - `drip`: the status and headers are sent, then the body one byte every {@link DRIP_EVERY_MS}.
 */
export interface ResponseFault {
  readonly kind: 'stall' | 'drip';
  /** The next N matching calls. @default unlimited */
  readonly times?: number;
  /** This fraction of matching calls, from a seeded random. @default 1 */
  readonly rate?: number;
}

/** How slowly a `drip` fault sends its body. */
export const DRIP_EVERY_MS = 1_000;

interface Rule {
  readonly operation: string;
  readonly fault: ResponseFault;
  remaining: number;
}

/** A small deterministic random source (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An HTTP proxy in front of the local CodeDeploy for the faults it has no kind for: a response that stalls
 * after its headers, or drips its body. Everything else passes through unchanged. It counts the connections
 * hooks hold open, so a test can see a socket an abandoned request left behind.
 */
export class FaultProxy {
  readonly #server: Server;
  readonly #target: URL;
  readonly #rules: Rule[] = [];
  readonly #random = seeded(7);
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<ReturnType<typeof setInterval>>();
  /** Responses a fault is holding (stalled or dripping). */
  readonly #held = new Set<ServerResponse>();
  /** How many responses were stalled or dripped. */
  injected = 0;

  private constructor(target: string) {
    this.#target = new URL(target);
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts a proxy on 127.0.0.1 in front of `target` (`http://127.0.0.1:PORT`). */
  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Connections from clients that are open now. */
  get openConnections(): number {
    return this.#sockets.size;
  }

  /** Adds a fault for an operation (`PutLifecycleEventHookExecutionStatus`, …) or `'*'`. */
  inject(operation: string, fault: ResponseFault): void {
    this.#rules.push({ operation, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /**
   * Removes every fault. With `endHeld` (the default) the responses they hold are ended too (their connections
   * closed, as a load balancer eventually closes them), so a client that never gave one up is not kept busy by
   * it afterwards; without, they stay stalled, as an endpoint that healed for new requests only.
   */
  clear({ endHeld = true }: { readonly endHeld?: boolean } = {}): void {
    this.#rules.length = 0;
    if (!endHeld) return;
    for (const res of this.#held) res.destroy();
    this.#held.clear();
  }

  /** Closes the proxy and every connection, and stops every drip. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.clear();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #pick(operation: string): ResponseFault | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining <= 0) continue;
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.fault.rate !== undefined && this.#random() >= rule.fault.rate) continue;
      rule.remaining -= 1;
      return rule.fault;
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = String(req.headers['x-amz-target'] ?? '');
    const fault = this.#pick(target.slice(target.indexOf('.') + 1));
    const upstream = request(
      {
        host: this.#target.hostname,
        port: this.#target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const answered: Buffer[] = [];
        answer.on('data', (c: Buffer) => answered.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(answered);
          const headers = { ...answer.headers, 'content-length': String(text.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          if (!fault) {
            res.end(text);
            return;
          }
          this.injected += 1;
          this.#held.add(res);
          res.once('close', () => this.#held.delete(res));
          res.flushHeaders();
          if (fault.kind === 'stall') return; // until the client closes the connection
          let sent = 0;
          const timer = setInterval(() => {
            if (res.destroyed || sent >= text.length) {
              clearInterval(timer);
              this.#timers.delete(timer);
              if (!res.destroyed) res.end();
              return;
            }
            res.write(text.subarray(sent, sent + 1));
            sent += 1;
          }, DRIP_EVERY_MS);
          this.#timers.add(timer);
          res.once('close', () => {
            clearInterval(timer);
            this.#timers.delete(timer);
          });
        });
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502).end(String(error));
      else res.destroy(error);
    });
    upstream.end(body);
  }
}
