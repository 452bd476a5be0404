// Run in a child process by local-bench.ts: the server side of the throughput benchmark, alone in its process
// so that its CPU time is its own.
//
//   node local-server.cjs local <events.json> <count>   a local CodeDeploy with <count> pending hook
//                                                       executions, written to <events.json>
//   node local-server.cjs bare                          the hand-written baseline (bare-server.ts)
//
// Over IPC it sends { type: 'ready', endpoint, env } once listening, answers { type: 'mark' } with
// { type: 'mark', cpuUs, systemUs, served } (its CPU time so far and the part of it in the kernel, µs, and
// the requests it has answered) once every
// deployment that an accepted report moved on has ended, and exits on { type: 'close' }.
// With BENCH_SERVER_PROFILE=cpu:<dir> (or heap:<dir>), a V8 CPU profile (or sampling heap profile) of the
// time between the first two marks (the measured requests) is written to <dir>/<kind>.cpuprofile (.heapprofile).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { bareServer } from './bare-server.js';
import { pendingHookExecutions, startLocal, writeJson } from './harness.js';

/** What the parent can ask. */
export type ServerRequest = { readonly type: 'mark' } | { readonly type: 'close' };

/** What the server tells the parent. */
export type ServerMessage =
  | { readonly type: 'ready'; readonly endpoint: string; readonly env: Readonly<Record<string, string>> }
  | {
      readonly type: 'mark';
      readonly cpuUs: number;
      readonly systemUs: number;
      readonly served: number;
    };

interface Served {
  readonly endpoint: string;
  readonly env: Readonly<Record<string, string>>;
  /** Resolves once the work the requests so far started has ended. */
  quiet(): Promise<void>;
  served(): number;
  close(): Promise<void>;
}

async function serveLocal(eventsFile: string, count: number): Promise<Served> {
  const local = await startLocal();
  const { events, handles } = await pendingHookExecutions(local, count);
  writeJson(eventsFile, events);
  let ended = 0;
  for (const h of handles) void h.done.then(() => ended++);
  return {
    endpoint: local.endpoint,
    env: { ...local.env },
    async quiet() {
      // Every report in this benchmark is accepted and ends its deployment.
      while (ended < local.reports.length) await new Promise((resolve) => setImmediate(resolve));
    },
    served: () => local.requests.length,
    close: () => local.close(),
  };
}

async function serveBare(): Promise<Served> {
  const server = bareServer();
  let served = 0;
  server.on('request', () => {
    served++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    env: {},
    quiet: () => new Promise((resolve) => setImmediate(resolve)),
    served: () => served,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Profiles from the first mark to the second when `spec` (`cpu:<dir>` or `heap:<dir>`) is set: a V8 CPU
 * profile, or a sampling heap profile that keeps the objects garbage collection took (so it shows every
 * allocation, not only what survived). Does nothing otherwise.
 */
function profiler(kind: string, spec: string | undefined): { start(): Promise<void>; stop(): Promise<void> } {
  const m = spec ? /^(cpu|heap):(.+)$/.exec(spec) : null;
  if (!m) return { start: async () => {}, stop: async () => {} };
  const [, what, dir] = m as unknown as [string, 'cpu' | 'heap', string];
  const session = new Session();
  session.connect();
  let marks = 0;
  return {
    async start() {
      if (++marks !== 1) return;
      if (what === 'cpu') {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      } else {
        await session.post('HeapProfiler.enable');
        await session.post('HeapProfiler.startSampling', {
          samplingInterval: 256,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        });
      }
    },
    async stop() {
      if (marks !== 1) return;
      marks++;
      const { profile } =
        what === 'cpu'
          ? await session.post('Profiler.stop')
          : await session.post('HeapProfiler.stopSampling');
      writeFileSync(join(dir, `${kind}.${what}profile`), JSON.stringify(profile));
    },
  };
}

async function main(): Promise<void> {
  const [kind, eventsFile, countArg] = process.argv.slice(2);
  const send = (message: ServerMessage) => process.send?.(message);
  if (!process.send) throw new Error('local-server runs as a child with an IPC channel (local-bench.ts)');
  let served: Served;
  if (kind === 'local' && eventsFile && Number(countArg) > 0)
    served = await serveLocal(eventsFile, Number(countArg));
  else if (kind === 'bare') served = await serveBare();
  else throw new Error('usage: local-server (local <events.json> <count> | bare)');
  const profile = profiler(kind, process.env.BENCH_SERVER_PROFILE);
  process.on('message', (message: ServerRequest) => {
    if (message.type === 'mark') {
      void served.quiet().then(async () => {
        await profile.stop();
        const { user, system } = process.cpuUsage();
        send({ type: 'mark', cpuUs: user + system, systemUs: system, served: served.served() });
        await profile.start();
      });
    } else if (message.type === 'close') {
      void served.close().then(() => process.disconnect());
    }
  });
  send({ type: 'ready', endpoint: served.endpoint, env: served.env });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  process.disconnect?.();
});
