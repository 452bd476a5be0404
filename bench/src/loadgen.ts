// The load generator of item 5, in its own process: PutLifecycleEventHookExecutionStatus through the SDK at
// a fixed concurrency, against whatever AWS_ENDPOINT_URL_CODEDEPLOY names. Spawned by local-bench.ts with an
// IPC channel: after the warm-up it sends { type: 'warm' } and waits for { type: 'go' } (the parent reads the
// server's CPU time meanwhile), then sends { type: 'done', result } once the measured requests are answered.
//
//   node loadgen.mjs <events.json> <concurrency> <warmup>
import { readFileSync } from 'node:fs';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

/** What the load generator measured: the requests after the warm-up. */
export interface LoadResult {
  readonly requests: number;
  readonly ms: number;
  readonly perSecond: number;
  readonly failures: number;
}

/** What the load generator tells its parent. */
export type LoadMessage = { readonly type: 'warm' } | { readonly type: 'done'; readonly result: LoadResult };

const [eventsFile, concurrencyArg, warmupArg] = process.argv.slice(2);
if (!eventsFile || !process.send)
  throw new Error('usage (as a child with IPC): loadgen.mjs <events.json> <concurrency> <warmup>');
const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as HookEvent[];
const concurrency = Number(concurrencyArg);
const warmup = Number(warmupArg);
const client = new CodeDeployClient({ maxAttempts: 1 });
const send = (message: LoadMessage) =>
  new Promise<void>((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  );

let next = 0;
let failures = 0;
async function worker(until: number): Promise<void> {
  while (next < until) {
    const event = events[next++] as HookEvent;
    try {
      await client.send(
        new PutLifecycleEventHookExecutionStatusCommand({
          deploymentId: event.DeploymentId,
          lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
          status: 'Succeeded',
        }),
      );
    } catch (error) {
      failures++;
      if (failures === 1) console.error(error);
    }
  }
}

const run = (until: number) => Promise.all(Array.from({ length: concurrency }, () => worker(until)));
await run(warmup);
const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
await send({ type: 'warm' });
await go;
const start = performance.now();
await run(events.length);
const ms = performance.now() - start;
const requests = events.length - warmup;
await send({ type: 'done', result: { requests, ms, perSecond: (requests / ms) * 1000, failures } });
client.destroy();
process.disconnect();
