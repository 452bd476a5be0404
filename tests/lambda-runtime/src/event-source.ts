import { createServer, type Server, type Socket } from 'node:net';

/** A TCP server that sends `ready` to each connection after `delayMs`: what the `event` check waits for. */
export class EventSource {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  private constructor(delayMs: number) {
    this.#server = createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.once('close', () => this.#sockets.delete(socket));
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!socket.destroyed) socket.write('ready\n');
      }, delayMs);
      this.#timers.add(timer);
    });
  }

  /** Starts one on 127.0.0.1. */
  static async start(delayMs = 30): Promise<EventSource> {
    const source = new EventSource(delayMs);
    await new Promise<void>((resolve) => source.#server.listen(0, '127.0.0.1', resolve));
    return source;
  }

  /** `127.0.0.1:PORT`, as the hook's `EVENT_SOURCE`. */
  get address(): string {
    const address = this.#server.address();
    return typeof address === 'object' && address ? `127.0.0.1:${address.port}` : '';
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
