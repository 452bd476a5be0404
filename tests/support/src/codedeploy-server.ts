import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';

/** A scripted answer for the next call of an operation. */
export type Scripted =
  | { kind: 'error'; status: number; type: string; message?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  /** The call takes effect (a report is recorded), but the 200 answer's body cannot be read. */
  | { kind: 'garbage' }
  /** 200 and the headers, then nothing: the body never comes. */
  | { kind: 'stall' }
  /** 200 and the headers, then one byte of body every `everyMs`, never ending. */
  | { kind: 'drip'; everyMs: number };

export interface Recorded {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
  /** What the server answered: 'ok' or the error type / 'reset'. */
  readonly answer: string;
}

/**
 * A small CodeDeploy speaking awsJson1_1 (POST /, x-amz-target CodeDeploy_20141006.<Operation>, errors as
 * `{"__type": ...}`) for a hook's calls, with scripted faults. It records every call, checks the reported status as
 * the real service does, and answers a second report of one execution with LifecycleEventAlreadyCompletedException.
 * Shared by core's and middy's tests (`@greenlight/test-support/codedeploy-server`).
 */
/** The look-ups a hook makes; they answer what `responses` holds for them (or `{}`). */
const LOOKUPS = new Set([
  'GetDeployment',
  'GetDeploymentGroup',
  'ListDeploymentTargets',
  'GetDeploymentTarget',
]);

export class TestCodeDeploy {
  readonly calls: Recorded[] = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly completed = new Set<string>();
  responses: Record<string, unknown> = {};
  private server!: Server;
  endpoint = '';
  /** Connections open on the server side now. */
  readonly sockets = new Set<Socket>();
  /** Connections the server saw closed. */
  closedSockets = 0;
  private readonly drips = new Set<ReturnType<typeof setInterval>>();

  static async start(): Promise<TestCodeDeploy> {
    const s = new TestCodeDeploy();
    s.server = createServer((req, res) => void s.handle(req, res));
    s.server.on('connection', (socket) => {
      s.sockets.add(socket);
      socket.on('close', () => {
        s.sockets.delete(socket);
        s.closedSockets++;
      });
    });
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.endpoint = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  /** Queues answers for the next calls of `operation`. */
  script(operation: string, ...answers: Scripted[]): void {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...answers]);
  }

  /** Accepted reports, i.e. statuses recorded. */
  get reports(): Recorded[] {
    return this.calls.filter(
      (c) => c.operation === 'PutLifecycleEventHookExecutionStatus' && c.answer === 'ok',
    );
  }

  attempts(operation = 'PutLifecycleEventHookExecutionStatus'): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  client(): CodeDeployClient {
    return new CodeDeployClient({
      endpoint: this.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  }

  async close(): Promise<void> {
    for (const drip of this.drips) clearInterval(drip);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('CodeDeploy_20141006.') ? target.slice(20) : '';
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const record = (answer: string) => this.calls.push({ operation, body, at: Date.now(), answer });
    if (req.method !== 'POST' || !String(req.headers['content-type']).includes('x-amz-json-1.1')) {
      record('SerializationException');
      return this.send(res, 400, { __type: 'SerializationException', message: 'not awsJson1_1' });
    }
    const next = this.scripts.get(operation)?.shift();
    if (next?.kind === 'reset') {
      record('reset');
      req.socket.destroy();
      return;
    }
    if (next?.kind === 'delay') await new Promise((r) => setTimeout(r, next.ms));
    if (next?.kind === 'stall' || next?.kind === 'drip') {
      record(next.kind);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.write('{');
      if (next.kind === 'drip') {
        const drip = setInterval(() => res.write(' '), next.everyMs);
        this.drips.add(drip);
        res.on('close', () => {
          clearInterval(drip);
          this.drips.delete(drip);
        });
      }
      return;
    }
    if (next?.kind === 'error') {
      record(next.type);
      return this.send(res, next.status, { __type: next.type, message: next.message ?? next.type });
    }
    if (LOOKUPS.has(operation)) {
      record('ok');
      return this.send(res, 200, this.responses[operation] ?? {});
    }
    if (operation !== 'PutLifecycleEventHookExecutionStatus') {
      record('UnknownOperationException');
      return this.send(res, 400, { __type: 'UnknownOperationException' });
    }
    if (body.status !== 'Succeeded' && body.status !== 'Failed') {
      record('InvalidLifecycleEventHookExecutionStatusException');
      return this.send(res, 400, {
        __type: 'InvalidLifecycleEventHookExecutionStatusException',
        message: `status ${String(body.status)} may not be reported`,
      });
    }
    const id = String(body.lifecycleEventHookExecutionId);
    if (this.completed.has(id)) {
      record('LifecycleEventAlreadyCompletedException');
      return this.send(res, 400, {
        __type: 'LifecycleEventAlreadyCompletedException',
        message: 'already completed',
      });
    }
    this.completed.add(id);
    record('ok');
    if (next?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end('<html>502 Bad Gateway</html>');
      return;
    }
    return this.send(res, 200, { lifecycleEventHookExecutionId: id });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  }
}

/** A capturing logger: every line with its level and merged attributes. */
export function captureLogger() {
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: unknown[]) => {
      const attributes = Object.assign({}, ...extra.filter((e) => typeof e === 'object' && e !== null));
      lines.push({ level, message, attributes });
    };
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A Lambda-like context whose remaining time runs down in real time from `ms`. */
export function lambdaContext(ms: number) {
  const end = Date.now() + ms;
  return {
    functionName: 'hook',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => end - Date.now(),
    end,
  } as unknown as import('aws-lambda').Context & { end: number };
}

export const event = (n = 1) => ({
  DeploymentId: 'd-ABCDEF123',
  LifecycleEventHookExecutionId: `exec-${n}-eyJleGVjdXRpb24iOiJpZCJ9`,
});
