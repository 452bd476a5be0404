import type { LocalCodeDeploy } from '@greenlight/local';
import {
  acceptedReports,
  childEnv,
  outPath,
  pendingHookEvents,
  runChild,
  startLocal,
  writeJson,
} from './harness.js';
import { median } from './stats.js';

export interface Candidate {
  readonly id: string;
  readonly label: string;
  /** The candidate whose figures this one's are divided by. */
  readonly baseline: string;
  readonly bundle: string;
}

interface ColdRun {
  processMs: number;
  coldCpuMs: number;
  initMs: number;
  firstInvokeMs: number;
  coldMs: number;
  verdicts: number[];
  maxRssKb: number;
}

interface WarmRun {
  durations: number[];
  totalMs: number;
  cpuTotalMs: number;
  invocations: number;
  verdicts: number[];
  maxRssKb: number;
}

export interface ColdFigures {
  /** Median over runs of load + first invocation, ms. */
  readonly coldMs: number;
  /** The same in CPU time of the process (user + system). */
  readonly coldCpuMs: number;
  readonly initMs: number;
  readonly firstInvokeMs: number;
  /** Including Node's own start. */
  readonly processMs: number;
  readonly maxRssKb: number;
  /** Median time from the verdict to the report being recorded by the local CodeDeploy, first invocation. */
  readonly verdictToReportMs: number;
  readonly runs: readonly number[];
}

export interface WarmFigures {
  /** Median over rounds of each round's median time per invocation, ms. */
  readonly perInvocationMs: number;
  /** Median over rounds of the CPU time (user + system) per invocation, ms. */
  readonly cpuPerInvocationMs: number;
  /** Median over rounds of the mean time per invocation (tail included), ms. */
  readonly meanMs: number;
  readonly maxRssKb: number;
  /** Median time from the verdict to the report being recorded, warm invocations. */
  readonly verdictToReportMs: number;
  readonly rounds: readonly number[];
}

const rotate = <T>(items: readonly T[], by: number): T[] =>
  items.map((_, i) => items[(i + by) % items.length] as T);

/** Pairs each verdict with the report the local CodeDeploy recorded after it (same order, one per invocation). */
function verdictToReport(verdicts: readonly number[], recorded: readonly number[], what: string): number[] {
  if (verdicts.length !== recorded.length) {
    throw new Error(`${what}: ${verdicts.length} verdicts but ${recorded.length} reports recorded`);
  }
  return verdicts.map((v, i) => (recorded[i] as number) - v);
}

/**
 * Cold start: a fresh Node process loads the bundle and invokes it once, `runs` times per candidate, the
 * candidates interleaved. One local CodeDeploy serves them all.
 */
export async function measureCold(
  candidates: readonly Candidate[],
  driver: string,
  outDir: string,
  runs: number,
): Promise<Record<string, ColdFigures>> {
  const local = await startLocal();
  const results = new Map<string, ColdRun[]>(candidates.map((c) => [c.id, []]));
  const out = outPath(outDir, 'cold.json');
  try {
    for (let run = 0; run < runs; run++) {
      for (const c of rotate(candidates, run)) {
        const [event] = await pendingHookEvents(local, 1);
        const before = acceptedReports(local).length;
        const r = await runChild<ColdRun>(
          driver,
          ['cold', c.bundle, out, JSON.stringify(event)],
          out,
          childEnv(local.env),
        );
        const recorded = acceptedReports(local).slice(before);
        r.verdicts = verdictToReport(r.verdicts, recorded, `${c.id} cold`);
        results.get(c.id)?.push(r);
      }
    }
  } finally {
    await local.close();
  }
  return Object.fromEntries(
    [...results].map(([id, rs]) => [
      id,
      {
        coldMs: median(rs.map((r) => r.coldMs)),
        coldCpuMs: median(rs.map((r) => r.coldCpuMs)),
        initMs: median(rs.map((r) => r.initMs)),
        firstInvokeMs: median(rs.map((r) => r.firstInvokeMs)),
        processMs: median(rs.map((r) => r.processMs)),
        maxRssKb: median(rs.map((r) => r.maxRssKb)),
        verdictToReportMs: median(rs.flatMap((r) => r.verdicts)),
        runs: rs.map((r) => r.coldMs),
      },
    ]),
  );
}

/**
 * Warm invocations: per round and candidate, a fresh process loads the bundle, makes `warmup` invocations,
 * then `measured` timed ones, each reporting a different real hook execution. A fresh local CodeDeploy per
 * round; the candidates' order rotates from round to round.
 */
export async function measureWarm(
  candidates: readonly Candidate[],
  driver: string,
  outDir: string,
  opts: { rounds: number; warmup: number; measured: number },
): Promise<Record<string, WarmFigures>> {
  const results = new Map<
    string,
    { p50: number; mean: number; cpu: number; toReport: number[]; rss: number }[]
  >(candidates.map((c) => [c.id, []]));
  const out = outPath(outDir, 'warm.json');
  for (let round = 0; round < opts.rounds; round++) {
    const local: LocalCodeDeploy = await startLocal();
    try {
      for (const c of rotate(candidates, round)) {
        const events = await pendingHookEvents(local, opts.warmup + opts.measured);
        const file = writeJson(outPath(outDir, 'warm-events.json'), events);
        const before = acceptedReports(local).length;
        const r = await runChild<WarmRun>(
          driver,
          ['warm', c.bundle, out, file, String(opts.warmup)],
          out,
          childEnv(local.env),
        );
        const recorded = acceptedReports(local).slice(before + opts.warmup);
        results.get(c.id)?.push({
          p50: median(r.durations),
          mean: r.totalMs / r.invocations,
          cpu: r.cpuTotalMs / r.invocations,
          toReport: verdictToReport(r.verdicts, recorded, `${c.id} warm`),
          rss: r.maxRssKb,
        });
      }
    } finally {
      await local.close();
    }
  }
  return Object.fromEntries(
    [...results].map(([id, rs]) => [
      id,
      {
        perInvocationMs: median(rs.map((r) => r.p50)),
        cpuPerInvocationMs: median(rs.map((r) => r.cpu)),
        meanMs: median(rs.map((r) => r.mean)),
        maxRssKb: median(rs.map((r) => r.rss)),
        verdictToReportMs: median(rs.flatMap((r) => r.toReport)),
        rounds: rs.map((r) => r.p50),
      },
    ]),
  );
}
