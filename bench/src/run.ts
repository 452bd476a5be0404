// pnpm bench [--quick]: greenlight against hand-written hooks, in one run, as ratios (issue 7).
// Full mode rewrites docs/benchmarks.md; both modes write bench/.bench-out/results-*.json and exit non-zero
// when any step breaks (the quick mode is CI's smoke test of the benchmark itself, not a timing gate).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bundle, bundle, bundleTool, SRC } from './bundle.js';
import { type ConcurrentResult, concurrentDeployments, concurrentTable } from './deployments-bench.js';
import { ecsDeployment, throughput } from './local-bench.js';
import { type Candidate, measureCold, measureWarm } from './measure.js';
import { assemble, machine, markdown, type Results, tables, targets } from './report.js';

// --doc: rewrite docs/benchmarks.md from the latest full run's results (e.g. after editing analysis.md).
const quick = process.argv.includes('--quick');
const docOnly = process.argv.includes('--doc');
const unknown = process.argv.slice(2).filter((a) => !['--quick', '--doc', '--'].includes(a));
if (unknown.length > 0) {
  console.error(`Unknown argument(s): ${unknown.join(' ')}. Usage: pnpm bench [--quick | --doc]`);
  process.exit(2);
}

const BENCH = join(SRC, '..');
const OUT = join(BENCH, '.bench-out');
const DOC = join(BENCH, '..', 'docs', 'benchmarks.md');

const config = quick
  ? {
      isolated: 300,
      coldRuns: 3,
      warmRounds: 2,
      warmup: 30,
      measured: 150,
      loadRequests: 1_000,
      loadWarmup: 100,
      concurrency: 16,
      loadRuns: 1,
      ecsRuns: 3,
      concurrentDeployments: 200,
      concurrentRuns: 1,
    }
  : {
      isolated: 2_000,
      coldRuns: 15,
      warmRounds: 7,
      warmup: 200,
      measured: 1_500,
      loadRequests: 10_000,
      loadWarmup: 500,
      concurrency: 16,
      loadRuns: 3,
      ecsRuns: 15,
      concurrentDeployments: 1_000,
      concurrentRuns: 3,
    };

const CANDIDATES: readonly Omit<Candidate, 'bundle'>[] = [
  { id: 'hand', label: 'hand-written', baseline: 'hand-powertools' },
  { id: 'hand-powertools', label: 'hand-written + Powertools', baseline: 'hand-powertools' },
  { id: 'hand-middy', label: 'hand-written middy + Powertools', baseline: 'hand-middy' },
  { id: 'greenlight-core', label: 'createHook', baseline: 'hand-powertools' },
  { id: 'greenlight-middy', label: '@greenlight/middy', baseline: 'hand-middy' },
];

const log = (message: string) =>
  console.log(`[bench ${((performance.now() / 1000) | 0).toString().padStart(3)} s] ${message}`);

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  mkdirSync(join(OUT, 'bundles'), { recursive: true });
  log(`${quick ? 'quick' : 'full'} mode; bundling ${CANDIDATES.length} candidates with esbuild`);
  const bundles: Record<string, Bundle> = {};
  for (const c of CANDIDATES) {
    bundles[c.id] = await bundle(join(SRC, 'candidates', `${c.id}.ts`), join(OUT, 'bundles', `${c.id}.cjs`));
  }
  const candidates: Candidate[] = CANDIDATES.map((c) => ({ ...c, bundle: (bundles[c.id] as Bundle).file }));
  const driver = await bundleTool('driver', OUT);
  const loadgen = await bundleTool('loadgen', OUT);

  log(`cold start: ${config.coldRuns} fresh processes per candidate`);
  const cold = await measureCold(candidates, driver, OUT, config.coldRuns);
  log(
    `warm: ${config.warmRounds} rounds × (${config.warmup} warm-up + ${config.measured} measured) invocations per candidate`,
  );
  const warm = await measureWarm(candidates, driver, OUT, {
    rounds: config.warmRounds,
    warmup: config.warmup,
    measured: config.measured,
    isolated: config.isolated,
  });
  log(
    `local CodeDeploy: ${config.loadRequests} reports at concurrency ${config.concurrency}, ${config.loadRuns} run(s)`,
  );
  const load = await throughput(loadgen, OUT, {
    requests: config.loadRequests,
    warmup: config.loadWarmup,
    concurrency: config.concurrency,
    runs: config.loadRuns,
  });
  log(`local CodeDeploy: ${config.ecsRuns} ECS blue/green deployments`);
  const ecs = await ecsDeployment(config.ecsRuns);
  log(`local CodeDeploy: ${config.concurrentDeployments} concurrent deployments with reporting hooks`);
  const concurrent = await concurrentDeployments(OUT, config.concurrentDeployments, config.concurrentRuns);

  const assembled = assemble(candidates, bundles, warm, cold);
  const results: Results & { concurrent: ConcurrentResult } = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    command: `pnpm bench${quick ? ' --quick' : ''}`,
    machine: machine(),
    config,
    candidates: assembled,
    local: { throughput: load, ecs },
    targets: targets(assembled, load),
    concurrent,
  };
  sanityCheck(results);

  console.log(`\n${[...tables(results), '', ...concurrentTable(concurrent)].join('\n')}\n`);
  const json = JSON.stringify(results, null, 2);
  const file = join(OUT, `results-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(OUT, `latest-${results.mode}.json`), json);
  log(`results: ${file}`);
  if (!quick) {
    writeDoc(results);
  }
  const missed = results.targets.filter((t) => !t.met);
  if (missed.length > 0)
    log(`targets missed (noisy machine: see docs/benchmarks.md): ${missed.map((t) => t.name).join('; ')}`);
}

function writeDoc(results: Results & { concurrent?: ConcurrentResult }): void {
  const analysisFile = join(SRC, 'analysis.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8') : '';
  const concurrent = results.concurrent
    ? ['', '## Concurrent deployments', '', ...concurrentTable(results.concurrent), '']
    : [];
  writeFileSync(DOC, markdown(results, analysis) + concurrent.join('\n'));
  log(`wrote ${DOC}`);
}

/** Every figure must be a positive finite number: a NaN means a step measured nothing. */
function sanityCheck(results: Results & { concurrent: ConcurrentResult }): void {
  const bad: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < 0) bad.push(`${path} = ${value}`);
    } else if (Array.isArray(value)) {
      if (value.length === 0) bad.push(`${path} is empty`);
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit({ candidates: results.candidates, local: results.local, concurrent: results.concurrent }, '');
  if (bad.length > 0) throw new Error(`the benchmark measured nothing for: ${bad.slice(0, 10).join(', ')}`);
}

const run = docOnly
  ? async () => writeDoc(JSON.parse(readFileSync(join(OUT, 'latest-full.json'), 'utf8')) as Results)
  : main;
run().catch((error: unknown) => {
  console.error('the benchmark failed:', error);
  process.exitCode = 1;
});
