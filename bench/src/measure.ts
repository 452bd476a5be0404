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
  /** Median over runs of (this candidate's ÷ its baseline's), runs paired by their index. */
  readonly wallRatio: number;
  readonly cpuRatio: number;
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
  /** Median over rounds of the candidate's median wall time per invocation (interleaved runs), ms. */
  readonly perInvocationMs: number;
  /** Median over rounds of the median CPU time (user + system) per invocation, ms. */
  readonly cpuPerInvocationMs: number;
  /** Median over rounds of (this candidate's median ÷ its baseline's median), in the same process. */
  readonly wallRatio: number;
  readonly cpuRatio: number;
  /** Median time from the verdict to the report being recorded, warm invocations. */
  readonly verdictToReportMs: number;
  /** Per round: the median wall time per invocation. */
  readonly rounds: readonly number[];
  /** The candidate alone in its process: median wall and CPU time per invocation, peak RSS at the end. */
  readonly isolated: {
    readonly p50Ms: number;
    readonly cpuPerInvocationMs: number;
    readonly maxRssKb: number;
  };
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
  const paired = (id: string, f: (r: ColdRun) => number) => {
    const mine = results.get(id) as ColdRun[];
    const base = results.get(candidates.find((c) => c.id === id)?.baseline as string) as ColdRun[];
    return median(mine.map((r, i) => f(r) / f(base[i] as ColdRun)));
  };
  return Object.fromEntries(
    [...results].map(([id, rs]) => [
      id,
      {
        coldMs: median(rs.map((r) => r.coldMs)),
        coldCpuMs: median(rs.map((r) => r.coldCpuMs)),
        wallRatio: paired(id, (r) => r.coldMs),
        cpuRatio: paired(id, (r) => r.coldCpuMs),
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

interface Row {
  candidate: number;
  measured: boolean;
  wallMs: number;
  cpuMs: number;
  verdict: number;
}

/**
 * Warm invocations. Per round, one process loads every candidate's bundle and invokes them in turn (`warmup`
 * cycles, then `measured` cycles), each invocation reporting a different real hook execution of a fresh local
 * CodeDeploy; ratios are taken within a round, then the median over rounds. Then each candidate once alone in
 * its own process (`isolated` invocations) for its peak RSS and undisturbed-by-neighbours figures.
 */
export async function measureWarm(
  candidates: readonly Candidate[],
  driver: string,
  outDir: string,
  opts: { rounds: number; warmup: number; measured: number; isolated: number },
): Promise<Record<string, WarmFigures>> {
  const n = candidates.length;
  const index = new Map(candidates.map((c, i) => [c.id, i]));
  const perRound: { wall: number[]; cpu: number[]; toReport: number[][] }[] = [];
  const out = outPath(outDir, 'warm.json');
  for (let round = 0; round < opts.rounds; round++) {
    const local: LocalCodeDeploy = await startLocal();
    try {
      const events = await pendingHookEvents(local, (opts.warmup + opts.measured) * n);
      const file = writeJson(outPath(outDir, 'warm-events.json'), events);
      const before = acceptedReports(local).length;
      const { rows } = await runChild<{ rows: Row[] }>(
        driver,
        ['interleaved', candidates.map((c) => c.bundle).join(','), out, file, String(opts.warmup)],
        out,
        childEnv(local.env),
        300_000,
      );
      const recorded = acceptedReports(local).slice(before);
      const toReport = verdictToReport(
        rows.map((r) => r.verdict),
        recorded,
        `round ${round}`,
      );
      const measured = (k: number, f: (r: Row) => number) =>
        rows.filter((r) => r.measured && r.candidate === k).map(f);
      perRound.push({
        wall: candidates.map((_, k) => median(measured(k, (r) => r.wallMs))),
        cpu: candidates.map((_, k) => median(measured(k, (r) => r.cpuMs))),
        toReport: candidates.map((_, k) =>
          rows.flatMap((r, i) => (r.measured && r.candidate === k ? [toReport[i] as number] : [])),
        ),
      });
    } finally {
      await local.close();
    }
  }
  const isolated = await measureIsolated(candidates, driver, outDir, opts.isolated);
  return Object.fromEntries(
    candidates.map((c, k) => {
      const b = index.get(c.baseline) as number;
      return [
        c.id,
        {
          perInvocationMs: median(perRound.map((r) => r.wall[k] as number)),
          cpuPerInvocationMs: median(perRound.map((r) => r.cpu[k] as number)),
          wallRatio: median(perRound.map((r) => (r.wall[k] as number) / (r.wall[b] as number))),
          cpuRatio: median(perRound.map((r) => (r.cpu[k] as number) / (r.cpu[b] as number))),
          verdictToReportMs: median(perRound.flatMap((r) => r.toReport[k] as number[])),
          rounds: perRound.map((r) => r.wall[k] as number),
          isolated: isolated[c.id] as WarmFigures['isolated'],
        },
      ];
    }),
  );
}

/** Each candidate alone in a fresh process for `invocations` invocations (a tenth of them warm-up). */
async function measureIsolated(
  candidates: readonly Candidate[],
  driver: string,
  outDir: string,
  invocations: number,
): Promise<Record<string, WarmFigures['isolated']>> {
  const out = outPath(outDir, 'isolated.json');
  const result: Record<string, WarmFigures['isolated']> = {};
  const local = await startLocal();
  try {
    for (const c of candidates) {
      const warmup = Math.ceil(invocations / 10);
      const events = await pendingHookEvents(local, invocations + warmup);
      const file = writeJson(outPath(outDir, 'isolated-events.json'), events);
      const r = await runChild<WarmRun>(
        driver,
        ['warm', c.bundle, out, file, String(warmup)],
        out,
        childEnv(local.env),
      );
      result[c.id] = {
        p50Ms: median(r.durations),
        cpuPerInvocationMs: r.cpuTotalMs / r.invocations,
        maxRssKb: r.maxRssKb,
      };
    }
  } finally {
    await local.close();
  }
  return result;
}
