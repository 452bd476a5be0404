// A/B of warm per-invocation time, interleaved in one process, ratios to the first candidate:
// tsx --conditions=@greenlight/source src/ab.ts <rounds> <measured> <candidate>...
import { join } from 'node:path';
import { bundle, bundleTool, SRC } from './bundle.js';
import { measureWarm } from './measure.js';

const [roundsArg = '5', measuredArg = '1000', ...ids] = process.argv.slice(2);
const OUT = join(SRC, '..', '.bench-out');
const candidates = [];
for (const id of ids) {
  const entry = id.includes('/') ? id : join(SRC, 'candidates', `${id}.ts`); // a path: an ad-hoc candidate
  const b = await bundle(entry, join(OUT, 'bundles', `${id.replace(/^.*\//, '').replace(/\.ts$/, '')}.cjs`));
  candidates.push({ id, label: id, baseline: ids[0] as string, bundle: b.file });
}
const driver = await bundleTool('driver', OUT);
const warm = await measureWarm(candidates, driver, OUT, {
  rounds: Number(roundsArg),
  warmup: 100,
  measured: Number(measuredArg),
  isolated: 100,
});
for (const [id, w] of Object.entries(warm)) {
  console.log(
    `${id.padEnd(20)} wall ${w.perInvocationMs.toFixed(3)} ms (${w.wallRatio.toFixed(3)}×)  cpu ${w.cpuPerInvocationMs.toFixed(3)} ms (${w.cpuRatio.toFixed(3)}×)  rounds ${w.rounds.map((r) => r.toFixed(2)).join(' ')}`,
  );
}
