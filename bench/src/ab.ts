// A/B of warm per-invocation time between candidates (quick look while optimising):
// tsx --conditions=@greenlight/source src/ab.ts <rounds> <measured> <candidate>...
import { join } from 'node:path';
import { bundle, bundleTool, SRC } from './bundle.js';
import { measureWarm } from './measure.js';

const [roundsArg = '5', measuredArg = '1000', ...ids] = process.argv.slice(2);
const OUT = join(SRC, '..', '.bench-out');
const candidates = [];
for (const id of ids) {
  const b = await bundle(join(SRC, 'candidates', `${id}.ts`), join(OUT, 'bundles', `${id}.cjs`));
  candidates.push({ id, label: id, baseline: ids[0] as string, bundle: b.file });
}
const driver = await bundleTool('driver', OUT);
const warm = await measureWarm(candidates, driver, OUT, {
  rounds: Number(roundsArg),
  warmup: 200,
  measured: Number(measuredArg),
});
const base = warm[ids[0] as string]?.perInvocationMs ?? Number.NaN;
const cpuBase = warm[ids[0] as string]?.cpuPerInvocationMs ?? Number.NaN;
for (const [id, w] of Object.entries(warm)) {
  console.log(
    `${id.padEnd(20)} p50 ${w.perInvocationMs.toFixed(3)} ms (${(w.perInvocationMs / base).toFixed(3)}×)  cpu ${w.cpuPerInvocationMs.toFixed(3)} ms (${(w.cpuPerInvocationMs / cpuBase).toFixed(3)}×)  mean ${w.meanMs.toFixed(2)}  rounds ${w.rounds.map((r) => r.toFixed(2)).join(' ')}`,
  );
}
