import { cpus, release, totalmem } from 'node:os';
import type { Bundle } from './bundle.js';
import { type EcsResult, localTargets, type ThroughputResult } from './local-bench.js';
import type { Candidate, ColdFigures, WarmFigures } from './measure.js';

export interface CandidateResult {
  readonly id: string;
  readonly label: string;
  readonly baseline: string;
  readonly bundle: { readonly minifiedBytes: number; readonly gzippedBytes: number };
  readonly warm: WarmFigures;
  readonly cold: ColdFigures;
  /** Each figure divided by the baseline's. */
  readonly ratios: Readonly<Record<string, number>>;
}

export interface Target {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

export interface Results {
  readonly date: string;
  readonly mode: 'quick' | 'full';
  readonly command: string;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly config: Readonly<Record<string, number>>;
  readonly candidates: readonly CandidateResult[];
  readonly local: { readonly throughput: ThroughputResult; readonly ecs: EcsResult };
  readonly targets: readonly Target[];
}

export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
  };
}

export function assemble(
  candidates: readonly Candidate[],
  bundles: Readonly<Record<string, Bundle>>,
  warm: Readonly<Record<string, WarmFigures>>,
  cold: Readonly<Record<string, ColdFigures>>,
): CandidateResult[] {
  const figures = (id: string) => {
    const b = bundles[id] as Bundle;
    const w = warm[id] as WarmFigures;
    const c = cold[id] as ColdFigures;
    return {
      warm: w.perInvocationMs,
      warmCpu: w.cpuPerInvocationMs,
      cold: c.coldMs,
      coldCpu: c.coldCpuMs,
      minified: b.minifiedBytes,
      gzipped: b.gzippedBytes,
      rss: c.maxRssKb,
      rssWarm: w.isolated.maxRssKb,
      verdictFirst: c.verdictToReportMs,
      verdictWarm: w.verdictToReportMs,
    };
  };
  return candidates.map((c) => {
    const mine = figures(c.id);
    const base = figures(c.baseline);
    const ratios: Record<string, number> = Object.fromEntries(
      Object.entries(mine).map(([k, v]) => [k, v / (base[k as keyof typeof base] as number)]),
    );
    // Time ratios are paired: within each round (warm: one process, interleaved; cold: the same run index),
    // then the median.
    const w = warm[c.id] as WarmFigures;
    ratios.warm = w.wallRatio;
    ratios.warmCpu = w.cpuRatio;
    const cf = cold[c.id] as ColdFigures;
    ratios.cold = cf.wallRatio;
    ratios.coldCpu = cf.cpuRatio;
    const b = bundles[c.id] as Bundle;
    return {
      id: c.id,
      label: c.label,
      baseline: c.baseline,
      bundle: { minifiedBytes: b.minifiedBytes, gzippedBytes: b.gzippedBytes },
      warm: warm[c.id] as WarmFigures,
      cold: cold[c.id] as ColdFigures,
      ratios,
    };
  });
}

const KB = 1024;

/** The issue's targets, against each framework's hand-written baseline. */
export function targets(results: readonly CandidateResult[], throughput: ThroughputResult): Target[] {
  const out: Target[] = [];
  for (const id of ['greenlight-core', 'greenlight-middy']) {
    const r = results.find((c) => c.id === id);
    const base = results.find((c) => c.id === r?.baseline);
    if (!r || !base) continue;
    const extra = r.bundle.minifiedBytes - base.bundle.minifiedBytes;
    out.push(
      {
        name: `${r.label}: warm per invocation vs ${base.label}`,
        value: `CPU ${fmtRatio(r.ratios.warmCpu)}, wall ${fmtRatio(r.ratios.warm)}`,
        target: '≤ 1.05×',
        met: (r.ratios.warmCpu ?? Number.POSITIVE_INFINITY) <= 1.05,
      },
      {
        name: `${r.label}: cold start vs ${base.label}`,
        value: `CPU ${fmtRatio(r.ratios.coldCpu)}, wall ${fmtRatio(r.ratios.cold)}`,
        target: '≤ 1.05×',
        met: (r.ratios.coldCpu ?? Number.POSITIVE_INFINITY) <= 1.05,
      },
      {
        name: `${r.label}: bundle vs ${base.label}`,
        value: `${extra >= 0 ? '+' : ''}${(extra / KB).toFixed(1)} KB minified`,
        target: '≤ +10 KB',
        met: extra <= 10 * KB,
      },
    );
  }
  out.push(...localTargets(throughput));
  return out;
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtRatio = (r: number | undefined) =>
  r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`;
const fmtKb = (bytes: number) => (bytes / KB).toFixed(1);

/** A Markdown table, its columns padded as Biome formats them (first column left-aligned, others right). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

/** The figures as Markdown tables (the console prints the same). */
export function tables(r: Results): string[] {
  const label = (id: string) => r.candidates.find((c) => c.id === id)?.label ?? id;
  const timing = table(
    [
      'candidate',
      'baseline',
      'warm ms/invocation',
      'warm CPU ms/invocation',
      'cold start ms',
      'cold start CPU ms',
      'verdict→report ms, first',
      'verdict→report ms, warm',
    ],
    r.candidates.map((c) => [
      c.label,
      c.id === c.baseline ? '—' : label(c.baseline),
      `${fmtMs(c.warm.perInvocationMs)} (${fmtRatio(c.ratios.warm)})`,
      `${fmtMs(c.warm.cpuPerInvocationMs)} (${fmtRatio(c.ratios.warmCpu)})`,
      `${fmtMs(c.cold.coldMs)} (${fmtRatio(c.ratios.cold)})`,
      `${fmtMs(c.cold.coldCpuMs)} (${fmtRatio(c.ratios.coldCpu)})`,
      `${fmtMs(c.cold.verdictToReportMs)} (${fmtRatio(c.ratios.verdictFirst)})`,
      `${fmtMs(c.warm.verdictToReportMs)} (${fmtRatio(c.ratios.verdictWarm)})`,
    ]),
  );
  const size = table(
    [
      'candidate',
      'minified KB',
      'gzipped KB',
      'peak RSS MB, cold',
      'peak RSS MB, warm',
      'alone: warm ms / CPU ms',
      'load ms',
      'first invocation ms',
      'process ms',
    ],
    r.candidates.map((c) => [
      c.label,
      `${fmtKb(c.bundle.minifiedBytes)} (${fmtRatio(c.ratios.minified)})`,
      `${fmtKb(c.bundle.gzippedBytes)} (${fmtRatio(c.ratios.gzipped)})`,
      `${(c.cold.maxRssKb / KB).toFixed(1)} (${fmtRatio(c.ratios.rss)})`,
      `${(c.warm.isolated.maxRssKb / KB).toFixed(1)} (${fmtRatio(c.ratios.rssWarm)})`,
      `${fmtMs(c.warm.isolated.p50Ms)} / ${fmtMs(c.warm.isolated.cpuPerInvocationMs)}`,
      fmtMs(c.cold.initMs),
      fmtMs(c.cold.firstInvokeMs),
      fmtMs(c.cold.processMs),
    ]),
  );
  const t = r.local.throughput;
  const local = table(
    ['local CodeDeploy', 'figure'],
    [
      [`reports/s through the SDK, concurrency ${t.concurrency}`, t.localPerSecond.toFixed(0)],
      ['bare Node HTTP server, same bytes', t.barePerSecond.toFixed(0)],
      ['ratio', fmtRatio(t.ratio)],
      ['server CPU µs per report: local CodeDeploy', t.localCpuUsPerReport.toFixed(0)],
      ['server CPU µs per report: bare server', t.bareCpuUsPerReport.toFixed(0)],
      ['ECS blue/green deployment, 5 no-op hooks, time scale 0 (median ms)', fmtMs(r.local.ecs.medianMs)],
    ],
  );
  const goals = table(
    ['target', 'figure', 'target', 'met'],
    r.targets.map((g) => [g.name, g.value, g.target, g.met ? 'yes' : '**no**']),
  );
  return [...timing, '', ...size, '', ...local, '', ...goals];
}

/** docs/benchmarks.md: the latest figures of a full run, the machine, and how to reproduce them. */
export function markdown(r: Results, analysis: string): string {
  const m = r.machine;
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `pnpm bench` (bench/src/run.ts) from its latest full run; the Analysis section comes from',
    'bench/src/analysis.md. Do not edit the figures by hand: run the benchmark again. -->',
    '',
    'Cold start and per-invocation cost decide whether people accept a framework in a Lambda, so greenlight',
    'measures itself against what people write by hand, in one run, as ratios. Reproduce with:',
    '',
    '```sh',
    'npx -y pnpm@10.34.8 bench          # full run, about 4 minutes; rewrites this page',
    'npx -y pnpm@10.34.8 bench --quick  # smoke test (CI): small samples, checks that every step works',
    '```',
    '',
    `Latest full run: ${r.date}, on ${m.cpu} (${m.cores} cores), ${m.memoryGb} GB, Node ${m.node}, ${m.os}.`,
    '',
    '**Read the ratios, not the milliseconds.** This machine has two cores shared with other work, so absolute',
    'timings are noisy from run to run; every ratio compares candidates measured in the same run, interleaved,',
    'against the same local CodeDeploy. Time targets are judged on CPU-time ratios, which other load on the',
    'machine disturbs far less than wall time (shown beside them). Raw figures of every run are in',
    '`bench/.bench-out/` (not committed).',
    '',
    '## Candidates',
    '',
    'Each is a handler in `bench/src/candidates/`, bundled with esbuild (minified, `platform: node`, `target:',
    'node20`, CommonJS, everything inlined) and run by Node from the bundle. All use the same',
    '`new CodeDeployClient({})` (keep-alive), the same Powertools Logger at INFO writing to `/dev/null`, log one',
    'line per invocation (except the bare hand-written one) and make exactly one',
    '`PutLifecycleEventHookExecutionStatus` per invocation, for a real pending hook execution of the local',
    'CodeDeploy. No candidate looks anything up.',
    '',
    '- **hand-written**: SDK client + one `PutLifecycleEventHookExecutionStatus`.',
    '- **hand-written + Powertools** — the baseline of `createHook`: the same, plus a Powertools Logger line.',
    '- **hand-written middy + Powertools** — the baseline of `@greenlight/middy`: the same inside `middy()`.',
    '- **createHook**: `createHook(() => true, { client, logger })`.',
    '- **@greenlight/middy**: `middy().use(greenlight({ client, logger })).handler(async () => true)`.',
    '',
    '## Figures',
    '',
    `Mode: ${r.mode}; ${Object.entries(r.config)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    'Ratios in parentheses are to the baseline named in the row.',
    '',
    ...tables(r),
    '',
    '## What is measured',
    '',
    '1. **Warm per invocation**: per round, one process loads every bundle and invokes them in turn (the order',
    '   rotating each cycle), warm-up cycles first, each invocation reporting a different pending hook',
    '   execution; per candidate the median wall and CPU time of one invocation (the handler call, as Lambda',
    '   makes it, with a fresh context). Ratios are taken within a round, then the median over rounds. Each',
    '   candidate also runs alone in its own process ("alone"), for its memory.',
    '2. **Cold start**: a fresh `node` process per run loads the bundle (`import()`) and invokes it once; the',
    "   figure is the median of load + first invocation, wall and CPU (Node's own start, identical for all, is in",
    '   "process ms"); ratios pair the runs of one index, which ran back to back.',
    '3. **Bundle**: the minified file, and the same gzipped at level 9.',
    '4. **Peak RSS**: `process.resourceUsage().maxRSS` of the cold-start process (and of the warm one).',
    '5. **The local CodeDeploy**: reports per second from a separate process through the SDK at a fixed',
    '   concurrency, each a first report of a real pending hook execution (so the engine moves the deployment',
    "   on), next to a bare Node HTTP server that answers the same bytes, with the server process's CPU time",
    '   per report; and the median time of a full ECS blue/green deployment with five no-op hooks (each',
    '   reports Succeeded through the SDK) at time scale 0.',
    '6. **Verdict → report**: from the instant the check (or handler) decided to the instant the local',
    '   CodeDeploy recorded the report (clocks of two processes on one machine, sub-millisecond resolution), on',
    '   the first invocation of a cold process and on warm invocations.',
    '',
    '## Analysis',
    '',
    analysis.trim(),
    '',
  ].join('\n');
}
