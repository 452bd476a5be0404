import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../args.js';

/** A `--stub VAR[=STATUS]`: a stand-in HTTP endpoint whose URL the hooks get in `VAR`. */
export interface StubSpec {
  /** The environment variable that carries the stub's URL. */
  readonly variable: string;
  /** The HTTP status every request gets. @default 200 */
  readonly status: number;
}

/** Running stubs: the env that points the hooks at them, and how to stop them. */
export interface Stubs {
  /** `VAR` → `http://127.0.0.1:PORT/`, for every stub. */
  readonly env: Readonly<Record<string, string>>;
  /** Requests each stub answered, by variable (`GET /health`). */
  readonly requests: Readonly<Record<string, readonly string[]>>;
  close(): Promise<void>;
}

/**
 * Parses a `--stub` value: `VAR` or `VAR=STATUS` (100 to 599).
 *
 * @example
 * stubSpec('DEPENDENCY_HEALTH_URL'); // { variable: 'DEPENDENCY_HEALTH_URL', status: 200 }
 * stubSpec('TEST_LISTENER_URL=503'); // { variable: 'TEST_LISTENER_URL', status: 503 }
 */
export function stubSpec(value: string, command = 'simulate'): StubSpec {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(\d{3}))?$/.exec(value);
  const status = Number(match?.[2] ?? 200);
  if (!match || status < 100 || status > 599)
    throw new UsageError(
      `--stub expects VAR or VAR=STATUS (e.g. TEST_LISTENER_URL or TEST_LISTENER_URL=503), got '${value}'`,
      command,
    );
  return { variable: match[1]!, status };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    });
  });
}

/**
 * Starts one local HTTP endpoint per stub. Each answers every method and path with its status and a JSON
 * body, `{"status":"ok"}` for a 2xx or 3xx, else `{"status":"error"}`: a stand-in for the service a hook
 * checks (a dependency, a load balancer's test or production listener).
 *
 * @example
 * const stubs = await startStubs([{ variable: 'TEST_LISTENER_URL', status: 200 }]);
 * stubs.env.TEST_LISTENER_URL; // 'http://127.0.0.1:41234/'
 * await stubs.close();
 */
export async function startStubs(specs: readonly StubSpec[]): Promise<Stubs> {
  const servers: Server[] = [];
  const env: Record<string, string> = {};
  const requests: Record<string, string[]> = {};
  const close = () =>
    Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    ).then(() => undefined);
  try {
    for (const spec of specs) {
      const seen: string[] = [];
      requests[spec.variable] = seen;
      const server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        req.resume();
        req.on('end', () => {
          res.writeHead(spec.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: spec.status < 400 ? 'ok' : 'error', stub: spec.variable }));
        });
      });
      servers.push(server);
      env[spec.variable] = await listen(server);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { env, requests, close };
}
