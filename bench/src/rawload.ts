// A load generator for profiling the local CodeDeploy, in its own process: the requests the SDK makes for
// PutLifecycleEventHookExecutionStatus (the same headers, in the same order, and the same bodies; the
// signature is a well-formed dummy, which only strict mode would check) written straight to keep-alive
// sockets, so that the server, not the client, is the bottleneck and a profile of it is dense. Same IPC
// protocol and arguments as loadgen.ts (local-bench.ts drives either).
//
//   node rawload.mjs <events.json> <concurrency> <warmup>
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { LoadMessage } from './loadgen.js';

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

const [eventsFile, concurrencyArg, warmupArg] = process.argv.slice(2);
if (!eventsFile || !process.send)
  throw new Error('usage (as a child with IPC): rawload.mjs <events.json> <concurrency> <warmup>');
const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as HookEvent[];
const concurrency = Number(concurrencyArg);
const warmup = Number(warmupArg);
const endpoint = new URL(process.env.AWS_ENDPOINT_URL_CODEDEPLOY as string);
const region = process.env.AWS_REGION ?? 'us-east-1';
const keyId = process.env.AWS_ACCESS_KEY_ID ?? 'test';
const send = (message: LoadMessage) =>
  new Promise<void>((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );

const ua = 'aws-sdk-js/3.1132.0';
function request(event: HookEvent): string {
  const body = JSON.stringify({
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    status: 'Succeeded',
  });
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  return [
    'POST / HTTP/1.1',
    'content-type: application/x-amz-json-1.1',
    'x-amz-target: CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-amz-user-agent: ${ua}`,
    `user-agent: ${ua} ua/2.1 os/linux lang/js md/nodejs#${process.versions.node} api/codedeploy#3.1132.0 m/N,E,e`,
    `host: ${endpoint.host}`,
    `amz-sdk-invocation-id: ${crypto.randomUUID()}`,
    'amz-sdk-request: attempt=1; max=1',
    `x-amz-date: ${date}`,
    `x-amz-content-sha256: ${'0'.repeat(64)}`,
    `authorization: AWS4-HMAC-SHA256 Credential=${keyId}/${date.slice(0, 8)}/${region}/codedeploy/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=${'0'.repeat(64)}`,
    'Connection: keep-alive',
    '',
    body,
  ].join('\r\n');
}

/** One keep-alive connection: sends a request, resolves with the status once the whole answer is in. */
class Connection {
  readonly #socket: Socket;
  #buffer = '';
  #done: ((status: number) => void) | undefined;

  constructor() {
    this.#socket = connect(Number(endpoint.port), endpoint.hostname);
    this.#socket.setNoDelay(true);
    this.#socket.setEncoding('latin1');
    this.#socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      const head = this.#buffer.indexOf('\r\n\r\n');
      if (head === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(this.#buffer.slice(0, head))?.[1] ?? 0);
      if (this.#buffer.length < head + 4 + length) return;
      const status = Number(this.#buffer.slice(9, 12));
      this.#buffer = this.#buffer.slice(head + 4 + length);
      this.#done?.(status);
    });
  }

  send(text: string): Promise<number> {
    return new Promise((resolve) => {
      this.#done = resolve;
      this.#socket.write(text);
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}

const connections = Array.from({ length: concurrency }, () => new Connection());
let next = 0;
let failures = 0;
async function worker(connection: Connection, until: number): Promise<void> {
  while (next < until) {
    const status = await connection.send(request(events[next++] as HookEvent));
    if (status !== 200 && failures++ === 0) console.error(`HTTP ${status}`);
  }
}

const run = (until: number) => Promise.all(connections.map((c) => worker(c, until)));
await run(warmup);
const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
await send({ type: 'warm' });
await go;
const start = performance.now();
await run(events.length);
const ms = performance.now() - start;
const requests = events.length - warmup;
await send({ type: 'done', result: { requests, ms, perSecond: (requests / ms) * 1000, failures } });
for (const c of connections) c.close();
process.disconnect();
