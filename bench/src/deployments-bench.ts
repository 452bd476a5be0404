import { join } from 'node:path';
import { bundle, SRC } from './bundle.js';
import { childEnv, outPath, runChild } from './harness.js';
import { table } from './report.js';
import { median } from './stats.js';

/** What one child run of many-deployments.ts measured. */
interface Run {
  readonly count: number;
  readonly wallMs: number;
  readonly idleRssKb: number;
  readonly peakRssKb: number;
  readonly succeeded: number;
  readonly accepted: number;
}

/** Concurrent deployments with reporting hooks at time scale 0: medians over the runs. */
export interface ConcurrentResult {
  readonly deployments: number;
  readonly runs: number[];
  /** From the first deployment started to the last one's `done`, ms. */
  readonly wallMs: number;
  readonly deploymentsPerSecond: number;
  /** The process's peak RSS after a single warm-up deployment (the baseline of the same run), MiB. */
  readonly idleRssMb: number;
  /** The process's peak RSS over the run, MiB. */
  readonly peakRssMb: number;
  /** (peak − idle) / deployments, KiB. */
  readonly rssPerDeploymentKb: number;
}

/**
 * Starts `deployments` Lambda deployments at once in a fresh process (one local CodeDeploy, two hooks each
 * reporting through the SDK), `runs` times; every deployment must succeed and every report be accepted.
 */
export async function concurrentDeployments(
  outDir: string,
  deployments: number,
  runs: number,
): Promise<ConcurrentResult> {
  const tool = await bundle(join(SRC, 'many-deployments.ts'), join(outDir, 'many-deployments.cjs'), false);
  const out = outPath(outDir, 'many-deployments.json');
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runChild<Run>(tool.file, [String(deployments), out], out, childEnv({}), 300_000);
    if (run.succeeded !== deployments || run.accepted !== 2 * deployments) {
      throw new Error(
        `${run.succeeded} of ${deployments} deployments succeeded, ${run.accepted} of ${2 * deployments} reports accepted`,
      );
    }
    results.push(run);
  }
  const wallMs = median(results.map((r) => r.wallMs));
  const idleRssMb = median(results.map((r) => r.idleRssKb)) / 1024;
  const peakRssMb = median(results.map((r) => r.peakRssKb)) / 1024;
  return {
    deployments,
    runs: results.map((r) => r.wallMs),
    wallMs,
    deploymentsPerSecond: (deployments / wallMs) * 1000,
    idleRssMb,
    peakRssMb,
    rssPerDeploymentKb: ((peakRssMb - idleRssMb) * 1024) / deployments,
  };
}

/** The figures as a Markdown table (the console output and docs/benchmarks.md). */
export function concurrentTable(r: ConcurrentResult): string[] {
  return table(
    [
      `${r.deployments.toLocaleString('en')} concurrent Lambda deployments, 2 reporting hooks each, time scale 0`,
      'figure',
    ],
    [
      [`wall time (median of ${r.runs.length}), ms`, r.wallMs.toFixed(0)],
      ['deployments per second', r.deploymentsPerSecond.toFixed(0)],
      ['peak RSS, MiB', r.peakRssMb.toFixed(1)],
      ['RSS after one warm-up deployment (baseline, same process), MiB', r.idleRssMb.toFixed(1)],
      ['RSS per deployment, KiB', r.rssPerDeploymentKb.toFixed(1)],
    ],
  );
}
