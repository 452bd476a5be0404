// The load generator of item 5, in its own process: PutLifecycleEventHookExecutionStatus through the SDK at
// a fixed concurrency, against whatever AWS_ENDPOINT_URL_CODEDEPLOY names.
//
//   node loadgen.mjs <events.json> <concurrency> <warmup> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

const [eventsFile, concurrencyArg, warmupArg, out] = process.argv.slice(2);
if (!eventsFile || !out)
  throw new Error('usage: loadgen.mjs <events.json> <concurrency> <warmup> <out.json>');
const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as HookEvent[];
const concurrency = Number(concurrencyArg);
const warmup = Number(warmupArg);
const client = new CodeDeployClient({ maxAttempts: 1 });

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
const start = performance.now();
await run(events.length);
const ms = performance.now() - start;
const requests = events.length - warmup;
writeFileSync(out, JSON.stringify({ requests, ms, perSecond: (requests / ms) * 1000, failures }));
client.destroy();
