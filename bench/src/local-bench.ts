import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import type { LocalCodeDeploy } from '@greenlight/local';
import { bundle, SRC } from './bundle.js';
import { childEnv, type HookEvent, outPath, startLocal } from './harness.js';
import type { LoadMessage, LoadResult } from './loadgen.js';
import type { ServerMessage, ServerRequest } from './local-server.js';
import { median } from './stats.js';

export interface ThroughputResult {
  readonly concurrency: number;
  /** Measured requests per run and server (after the warm-up). */
  readonly requests: number;
  readonly warmup: number;
  /** Medians over the runs. */
  readonly localPerSecond: number;
  readonly barePerSecond: number;
  /** The median over the runs of local ÷ bare reports/s (each run measures both, back to back). */
  readonly ratio: number;
  /** The server process's CPU time per measured report, µs (medians over the runs). */
  readonly localCpuUsPerReport: number;
  readonly bareCpuUsPerReport: number;
  /** The median over the runs of local ÷ bare server CPU per report. */
  readonly cpuRatio: number;
  readonly runs: {
    readonly local: number[];
    readonly bare: number[];
    readonly localCpuUs: number[];
    readonly bareCpuUs: number[];
    /** The part of the CPU time per report spent in the kernel, µs. */
    readonly localSystemUs: number[];
    readonly bareSystemUs: number[];
  };
}

/** A child process with an IPC channel: messages by type, and an error if it exits or hangs first. */
class Child<Incoming extends { type: string }> {
  readonly #child: ChildProcess;
  readonly #messages: Incoming[] = [];
  #waiter: (() => void) | undefined;
  #exit: Error | undefined;
  #stderr = '';

  constructor(script: string, args: readonly string[], env: NodeJS.ProcessEnv) {
    this.#child = spawn(process.execPath, [script, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    this.#child.on('message', (message: Incoming) => {
      this.#messages.push(message);
      this.#waiter?.();
    });
    this.#child.on('exit', (code, signal) => {
      this.#exit = new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}:\n${this.#stderr}`);
      this.#waiter?.();
    });
  }

  send(message: object): void {
    this.#child.send(message);
  }

  /** The next message of `type` (earlier messages of other types are dropped). */
  async next<T extends Incoming['type']>(
    type: T,
    timeoutMs = 300_000,
  ): Promise<Extract<Incoming, { type: T }>> {
    const deadline = setTimeout(() => {
      this.#exit ??= new Error(`no ${type} message within ${timeoutMs} ms:\n${this.#stderr}`);
      this.#child.kill('SIGKILL');
    }, timeoutMs);
    try {
      while (true) {
        const message = this.#messages.shift();
        if (message?.type === type) return message as Extract<Incoming, { type: T }>;
        if (message) continue;
        if (this.#exit) throw this.#exit;
        await new Promise<void>((resolve) => {
          this.#waiter = resolve;
        });
        this.#waiter = undefined;
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Resolves once the process has exited (killing it after `timeoutMs`). */
  async exited(timeoutMs = 30_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const deadline = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    await new Promise((resolve) => this.#child.once('exit', resolve));
    clearTimeout(deadline);
  }
}

/** What one load run into one server measured. */
interface LoadFigures {
  readonly perSecond: number;
  readonly cpuUsPerReport: number;
  readonly systemUsPerReport: number;
}

/** A server process (local-server.ts), listening. */
interface ServerChild {
  readonly process: Child<ServerMessage>;
  readonly endpoint: string;
  readonly env: Readonly<Record<string, string>>;
}

async function startServer(script: string, args: readonly string[]): Promise<ServerChild> {
  const profile = process.env.BENCH_SERVER_PROFILE;
  const child = new Child<ServerMessage>(
    script,
    args,
    childEnv(profile ? { BENCH_SERVER_PROFILE: profile } : {}),
  );
  const ready = await child.next('ready');
  return { process: child, endpoint: ready.endpoint, env: ready.env };
}

async function mark(server: ServerChild): Promise<{ cpuUs: number; systemUs: number; served: number }> {
  server.process.send({ type: 'mark' } satisfies ServerRequest);
  return server.process.next('mark');
}

/**
 * One load run into `server`: the load generator's warm-up, then the measured requests. The server's CPU
 * time is read in the server process, from after the warm-up (and the work it started) to after the measured
 * requests and the work they started, so it counts the measured requests and nothing else.
 */
async function drive(
  loadgen: string,
  eventsFile: string,
  server: ServerChild,
  credentials: Readonly<Record<string, string>>,
  opts: { concurrency: number; warmup: number },
): Promise<LoadFigures> {
  const env = childEnv({ ...credentials, AWS_ENDPOINT_URL_CODEDEPLOY: server.endpoint });
  const load = new Child<LoadMessage>(
    loadgen,
    [eventsFile, String(opts.concurrency), String(opts.warmup)],
    env,
  );
  await load.next('warm');
  const before = await mark(server);
  load.send({ type: 'go' });
  const { result } = await load.next('done');
  const after = await mark(server);
  await load.exited();
  check(result, after.served - before.served, server.endpoint);
  return {
    perSecond: result.perSecond,
    cpuUsPerReport: (after.cpuUs - before.cpuUs) / result.requests,
    systemUsPerReport: (after.systemUs - before.systemUs) / result.requests,
  };
}

function check(result: LoadResult, served: number, endpoint: string): void {
  if (result.failures > 0) throw new Error(`${result.failures} reports into ${endpoint} failed`);
  if (served !== result.requests)
    throw new Error(
      `${endpoint} answered ${served} requests while the load generator made ${result.requests}`,
    );
}

/**
 * Reports per second through the SDK at `concurrency`, and the server's CPU time per report, into the local
 * CodeDeploy and into the bare server (bare-server.ts), each in a fresh process of its own. Every run
 * measures both with the same load generator and the same request bodies (the local CodeDeploy's pending
 * hook executions), the order alternating from run to run; the ratios are taken within a run.
 */
export async function throughput(
  loadgen: string,
  outDir: string,
  opts: { requests: number; warmup: number; concurrency: number; runs: number },
): Promise<ThroughputResult> {
  const server = (await bundle(join(SRC, 'local-server.ts'), join(outDir, 'local-server.cjs'), false)).file;
  const eventsFile = outPath(outDir, 'load-events.json');
  const runs = {
    local: [] as number[],
    bare: [] as number[],
    localCpuUs: [] as number[],
    bareCpuUs: [] as number[],
    localSystemUs: [] as number[],
    bareSystemUs: [] as number[],
  };
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let run = 0; run < opts.runs; run++) {
    const local = await startServer(server, ['local', eventsFile, String(opts.requests + opts.warmup)]);
    const bare = await startServer(server, ['bare']);
    try {
      const order = run % 2 === 0 ? [local, bare] : [bare, local];
      const figures = new Map<ServerChild, LoadFigures>();
      for (const s of order) figures.set(s, await drive(loadgen, eventsFile, s, local.env, opts));
      const l = figures.get(local)!;
      const b = figures.get(bare)!;
      runs.local.push(l.perSecond);
      runs.bare.push(b.perSecond);
      runs.localCpuUs.push(l.cpuUsPerReport);
      runs.bareCpuUs.push(b.cpuUsPerReport);
      runs.localSystemUs.push(l.systemUsPerReport);
      runs.bareSystemUs.push(b.systemUsPerReport);
      ratios.push(l.perSecond / b.perSecond);
      cpuRatios.push(l.cpuUsPerReport / b.cpuUsPerReport);
    } finally {
      for (const s of [local, bare]) s.process.send({ type: 'close' } satisfies ServerRequest);
      await Promise.all([local.process.exited(), bare.process.exited()]);
    }
  }
  return {
    concurrency: opts.concurrency,
    requests: opts.requests,
    warmup: opts.warmup,
    localPerSecond: median(runs.local),
    barePerSecond: median(runs.bare),
    ratio: median(ratios),
    localCpuUsPerReport: median(runs.localCpuUs),
    bareCpuUsPerReport: median(runs.bareCpuUs),
    cpuRatio: median(cpuRatios),
    runs,
  };
}

/** The local CodeDeploy's throughput targets: reports/s and server CPU per report, each against the bare server. */
export const LOCAL_TARGETS = { minThroughputRatio: 0.9, maxCpuRatio: 2 } as const;

/** One target line of the report (the shape report.ts prints). */
export interface LocalTarget {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

/** The local CodeDeploy's targets, as met or missed by one run. */
export function localTargets(t: ThroughputResult): LocalTarget[] {
  const cpuRatio = t.cpuRatio;
  return [
    {
      name: 'local CodeDeploy vs bare Node HTTP server, reports/s through the SDK',
      value: `${t.ratio.toFixed(2)}×`,
      target: `≥ ${LOCAL_TARGETS.minThroughputRatio}×`,
      met: t.ratio >= LOCAL_TARGETS.minThroughputRatio,
    },
    {
      name: 'local CodeDeploy vs bare Node HTTP server, server CPU per report',
      value: `${cpuRatio.toFixed(2)}×`,
      target: `≤ ${LOCAL_TARGETS.maxCpuRatio}×`,
      met: cpuRatio <= LOCAL_TARGETS.maxCpuRatio,
    },
  ];
}

export interface EcsResult {
  readonly runs: number[];
  readonly medianMs: number;
}

/**
 * A full simulated ECS blue/green deployment at time scale 0, with five no-op hooks: each reports Succeeded
 * through the SDK, in process, as soon as it is invoked. Median over `runs` deployments, one at a time.
 */
export async function ecsDeployment(runs: number): Promise<EcsResult> {
  const local: LocalCodeDeploy = await startLocal();
  const client = new CodeDeployClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: {
      accessKeyId: local.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
    },
    maxAttempts: 1,
  });
  const noop = async (event: HookEvent) => {
    await client.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      }),
    );
  };
  const hooks = {
    BeforeInstall: noop,
    AfterInstall: noop,
    AfterAllowTestTraffic: noop,
    BeforeAllowTraffic: noop,
    AfterAllowTraffic: noop,
  };
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const start = performance.now();
      const d = await local.deployEcs({ cluster: 'bench', service: `svc-${i}`, hooks });
      const outcome = await d.done;
      const ms = performance.now() - start;
      if (outcome.status !== 'Succeeded') throw new Error(`ECS deployment ended ${outcome.status}`);
      const hooked = d.timeline.filter((e) => e.status === 'Succeeded').length;
      if (hooked < 5) throw new Error(`ECS deployment ran ${hooked} lifecycle events`);
      if (i > 0) times.push(ms); // the first one warms the client and the engine up
    }
  } finally {
    client.destroy();
    await local.close();
  }
  return { runs: times, medianMs: median(times) };
}
