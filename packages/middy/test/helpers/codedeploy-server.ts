import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { CodeDeployLike } from '@greenlight/core';

/** A scripted answer for the next call of an operation. */
export type Scripted =
  | { kind: 'error'; status: number; type: string; message?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number };

export interface Recorded {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
  /** What the server answered: 'ok', the error type, or 'reset'. */
  readonly answer: string;
}

/**
 * A small CodeDeploy speaking awsJson1_1 (POST /, x-amz-target CodeDeploy_20141006.<Operation>, errors as
 * `{"__type": ...}`), with scripted faults. It records every call, checks the status as the real service does,
 * and answers a second report of one execution with LifecycleEventAlreadyCompletedException.
 */
export class ScriptedCodeDeploy {
  readonly calls: Recorded[] = [];
  endpoint = '';
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly completed = new Set<string>();
  private server!: Server;

  static async start(): Promise<ScriptedCodeDeploy> {
    const s = new ScriptedCodeDeploy();
    s.server = createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.endpoint = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  /** Queues answers for the next calls of `operation`. */
  script(operation: string, ...answers: Scripted[]): void {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...answers]);
  }

  /** Accepted reports: the statuses CodeDeploy recorded. */
  get reports(): Recorded[] {
    return this.calls.filter(
      (c) => c.operation === 'PutLifecycleEventHookExecutionStatus' && c.answer === 'ok',
    );
  }

  attempts(operation = 'PutLifecycleEventHookExecutionStatus'): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  async close(): Promise<void> {
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
    if (next?.kind === 'error') {
      record(next.type);
      return this.send(res, next.status, { __type: next.type, message: next.message ?? next.type });
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
    return this.send(res, 200, { lifecycleEventHookExecutionId: id });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  }
}

/**
 * Points the SDK's default CodeDeploy client at `endpoint` through the environment, as on a developer's machine
 * (AWS_ENDPOINT_URL_CODEDEPLOY, a region, dummy credentials). Returns a function restoring the environment.
 */
export function useEndpoint(endpoint: string): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CODEDEPLOY: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
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
    functionName: 'CodeDeployHook_orders',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => end - Date.now(),
    end,
  };
}

let n = 0;
/** A fresh hook event: each has its own execution ID. */
export const hookEvent = () => ({
  DeploymentId: 'd-75I7MBT7C',
  LifecycleEventHookExecutionId: `eyJleGVjdXRpb24iOiJpZC0${++n}In0=`,
});

/** The part of `@aws-sdk/client-codedeploy` the tests use. */
interface CodeDeploySdk {
  CodeDeployClient: new (config: object) => CodeDeployLike & { destroy(): void };
}

/**
 * A real SDK client (`@aws-sdk/client-codedeploy`) for `endpoint`, with `maxAttempts: 1`. This package has no
 * dependency of its own on the SDK (it comes with @greenlight/core), so it is loaded from the core's
 * dependencies.
 */
export function sdkClient(endpoint: string) {
  const fromCore = createRequire(require.resolve('@greenlight/core/package.json'));
  const { CodeDeployClient } = fromCore('@aws-sdk/client-codedeploy') as CodeDeploySdk;
  return new CodeDeployClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}
