// Runs in a fresh Node process per measurement, bundled on its own (Node built-ins only), so that nothing but
// the candidate's bundle is loaded into the process being measured.
//
//   node driver.mjs cold <bundle> <out.json> <event-json>
//   node driver.mjs warm <bundle> <out.json> <events.json> <warmup>
//   node driver.mjs interleaved <bundle,bundle,...> <out.json> <events.json> <warmup>
//
// The result is written to <out.json>; stdout (where the Powertools Logger writes) is /dev/null.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}
type Handler = (event: HookEvent, context: unknown) => Promise<unknown>;

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
const epochNow = () => performance.timeOrigin + performance.now();

const verdicts: number[] = [];
(globalThis as { __benchVerdict?: () => void }).__benchVerdict = () => {
  verdicts.push(epochNow());
};

/** CPU time (user + system) of this process so far, ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

let requestNumber = 0;
/** A Lambda-like context with 60 s left, as on a fresh invocation. */
function lambdaContext() {
  const end = Date.now() + 60_000;
  return {
    functionName: 'CodeDeployHook_bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:CodeDeployHook_bench',
    memoryLimitInMB: '256',
    awsRequestId: `bench-${++requestNumber}`,
    logGroupName: '/aws/lambda/CodeDeployHook_bench',
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => end - Date.now(),
  };
}

async function load(bundle: string): Promise<Handler> {
  const mod = (await import(pathToFileURL(bundle).href)) as {
    handler?: Handler;
    default?: { handler?: Handler };
  };
  const handler = mod.handler ?? mod.default?.handler;
  if (typeof handler !== 'function') throw new Error(`${bundle} exports no handler`);
  return handler;
}

function check(result: unknown): void {
  const status = (result as { status?: unknown } | null)?.status;
  if (status !== 'Succeeded') throw new Error(`the handler answered ${JSON.stringify(result)}`);
}

async function cold(bundle: string, out: string, eventJson: string): Promise<void> {
  const event = JSON.parse(eventJson) as HookEvent;
  const c0 = cpuMs();
  const t0 = performance.now();
  const handler = await load(bundle);
  const t1 = performance.now();
  check(await handler(event, lambdaContext()));
  const t2 = performance.now();
  const c2 = cpuMs();
  writeFileSync(
    out,
    JSON.stringify({
      // From the start of the Node process (performance's time origin) to the end of the first invocation.
      processMs: t2,
      initMs: t1 - t0,
      firstInvokeMs: t2 - t1,
      coldMs: t2 - t0,
      // CPU time (user + system, all threads) of load + first invocation: far less disturbed by other load.
      coldCpuMs: c2 - c0,
      verdicts,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

async function warm(bundle: string, out: string, eventsFile: string, warmup: number): Promise<void> {
  const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as HookEvent[];
  const handler = await load(bundle);
  for (let i = 0; i < warmup; i++) check(await handler(events[i] as HookEvent, lambdaContext()));
  const durations: number[] = [];
  const firstMeasured = verdicts.length;
  const c0 = cpuMs();
  const start = performance.now();
  for (let i = warmup; i < events.length; i++) {
    const t = performance.now();
    const result = await handler(events[i] as HookEvent, lambdaContext());
    durations.push(performance.now() - t);
    check(result);
  }
  const totalMs = performance.now() - start;
  const cpuTotalMs = cpuMs() - c0;
  writeFileSync(
    out,
    JSON.stringify({
      durations,
      totalMs,
      cpuTotalMs,
      invocations: durations.length,
      verdicts: verdicts.slice(firstMeasured),
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

/**
 * Several bundles in one process, invoked in turn (the order rotating every cycle), so that whatever else
 * the machine does falls on all of them alike: the fair way to compare per-invocation costs on a busy
 * machine. Per invocation: wall time, CPU time (user + system) and the verdict instant.
 */
async function interleaved(
  bundles: string[],
  out: string,
  eventsFile: string,
  warmup: number,
): Promise<void> {
  const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as HookEvent[];
  const handlers: Handler[] = [];
  for (const b of bundles) handlers.push(await load(b));
  const n = handlers.length;
  const cycles = Math.floor(events.length / n);
  const rows: { candidate: number; measured: boolean; wallMs: number; cpuMs: number; verdict: number }[] = [];
  let next = 0;
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let j = 0; j < n; j++) {
      const candidate = (j + cycle) % n;
      const marks = verdicts.length;
      const c = cpuMs();
      const t = performance.now();
      const result = await (handlers[candidate] as Handler)(events[next++] as HookEvent, lambdaContext());
      const wallMs = performance.now() - t;
      const cpu = cpuMs() - c;
      check(result);
      if (verdicts.length !== marks + 1) throw new Error(`bundle ${bundles[candidate]} marked no verdict`);
      rows.push({
        candidate,
        measured: cycle >= warmup,
        wallMs,
        cpuMs: cpu,
        verdict: verdicts[marks] as number,
      });
    }
  }
  writeFileSync(out, JSON.stringify({ rows }));
}

const [mode, bundle, out, arg, warmup] = process.argv.slice(2);
if (!bundle || !out || !arg)
  throw new Error(
    'usage: driver.mjs cold|warm|interleaved <bundle[,bundle...]> <out.json> <event|events.json> [warmup]',
  );
if (mode === 'cold') await cold(bundle, out, arg);
else if (mode === 'warm') await warm(bundle, out, arg, Number(warmup ?? 0));
else if (mode === 'interleaved') await interleaved(bundle.split(','), out, arg, Number(warmup ?? 0));
else throw new Error(`unknown mode ${mode}`);
