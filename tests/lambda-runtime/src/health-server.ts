import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The endpoint the shipped checks call: `/health` answers 200; `/flaky` answers 503 to its first
 * `failures` requests, then 200. Counts requests per path.
 */
export class HealthServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly requests = new Map<string, number>();
  failures = 2;

  private constructor() {
    this.#server = createServer((req, res) => {
      const path = req.url ?? '/';
      const n = (this.requests.get(path) ?? 0) + 1;
      this.requests.set(path, n);
      const ok = path === '/health' || (path === '/flaky' && n > this.failures);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
    });
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<HealthServer> {
    const server = new HealthServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** `http://127.0.0.1:PORT{path}` */
  url(path: string): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  /** Forgets the request counts. */
  reset(): void {
    this.requests.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
