import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import type { LocalCodeDeploy } from '@greenlight/local';
import {
  childEnv,
  type HookEvent,
  outPath,
  pendingHookEvents,
  runChild,
  startLocal,
  writeJson,
} from './harness.js';
import { median } from './stats.js';

/**
 * A bare Node HTTP server answering PutLifecycleEventHookExecutionStatus with the same bytes as the local
 * CodeDeploy: it reads the body, takes the execution ID from it and answers 200 with the same headers and body.
 */
async function startBareServer(): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { lifecycleEventHookExecutionId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        lifecycleEventHookExecutionId: string;
      };
      const body = JSON.stringify({ lifecycleEventHookExecutionId });
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface ThroughputResult {
  readonly concurrency: number;
  readonly requests: number;
  readonly localPerSecond: number;
  readonly barePerSecond: number;
  readonly ratio: number;
  /** The server's CPU time per report (the benchmark's process, which does nothing else meanwhile), µs. */
  readonly localCpuUsPerReport: number;
  readonly bareCpuUsPerReport: number;
  readonly runs: { local: number[]; bare: number[] };
}

/** Runs `f` and returns this process's CPU time (user + system) it took, µs, with its result. */
async function cpuOf<T>(f: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const result = await f();
  const { user, system } = process.cpuUsage(before);
  return [result, user + system];
}

/** Reports per second through the SDK at `concurrency`, into the local CodeDeploy and into the bare server. */
export async function throughput(
  loadgen: string,
  outDir: string,
  opts: { requests: number; warmup: number; concurrency: number; runs: number },
): Promise<ThroughputResult> {
  const local: number[] = [];
  const bare: number[] = [];
  const localCpu: number[] = [];
  const bareCpu: number[] = [];
  const out = outPath(outDir, 'loadgen.json');
  for (let run = 0; run < opts.runs; run++) {
    const cd = await startLocal();
    try {
      const events = await pendingHookEvents(cd, opts.requests + opts.warmup);
      const file = writeJson(outPath(outDir, 'load-events.json'), events);
      const args = [file, String(opts.concurrency), String(opts.warmup), out];
      const [intoLocal, localUs] = await cpuOf(() =>
        runChild<{ perSecond: number; failures: number }>(loadgen, args, out, childEnv(cd.env)),
      );
      localCpu.push(localUs / events.length);
      if (intoLocal.failures > 0)
        throw new Error(`${intoLocal.failures} reports into the local CodeDeploy failed`);
      const accepted = cd.reports.filter((r) => r.outcome === 'accepted').length;
      if (accepted !== events.length)
        throw new Error(`the local CodeDeploy accepted ${accepted} of ${events.length} reports`);
      local.push(intoLocal.perSecond);
      const { server, endpoint } = await startBareServer();
      try {
        const env = childEnv({ ...cd.env, AWS_ENDPOINT_URL_CODEDEPLOY: endpoint });
        const [intoBare, bareUs] = await cpuOf(() =>
          runChild<{ perSecond: number; failures: number }>(loadgen, args, out, env),
        );
        bareCpu.push(bareUs / events.length);
        if (intoBare.failures > 0)
          throw new Error(`${intoBare.failures} reports into the bare server failed`);
        bare.push(intoBare.perSecond);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      await cd.close();
    }
  }
  const localPerSecond = median(local);
  const barePerSecond = median(bare);
  return {
    concurrency: opts.concurrency,
    requests: opts.requests,
    localPerSecond,
    barePerSecond,
    ratio: localPerSecond / barePerSecond,
    localCpuUsPerReport: median(localCpu),
    bareCpuUsPerReport: median(bareCpu),
    runs: { local, bare },
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
  const cpuRatio = t.localCpuUsPerReport / t.bareCpuUsPerReport;
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
