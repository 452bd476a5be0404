// Where does the time go? `tsx --conditions=@greenlight/source src/profile.ts <candidate> [warm|cold] [invocations]`
// bundles the candidate, runs it under `node --cpu-prof` against the local CodeDeploy, and prints the
// functions and packages with the most self time. The .cpuprofile is kept in .bench-out/profiles/ (open it in
// Chrome DevTools or speedscope).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, bundleTool, SRC } from './bundle.js';
import { childEnv, outPath, pendingHookEvents, runChild, startLocal, writeJson } from './harness.js';

interface ProfileNode {
  // One node of V8's .cpuprofile.
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

const [id = 'greenlight-core', mode = 'warm', countArg = '3000'] = process.argv.slice(2);
const OUT = join(SRC, '..', '.bench-out');
const dir = join(OUT, 'profiles', `${id}-${mode}-${Date.now()}`);
mkdirSync(dir, { recursive: true });
const file = (
  await bundle(join(SRC, 'candidates', `${id}.ts`), join(OUT, 'bundles', `${id}.profile.cjs`), false)
).file;
const driver = await bundleTool('driver', OUT);
const local = await startLocal();
try {
  const count = mode === 'cold' ? 1 : Number(countArg);
  const events = await pendingHookEvents(local, count);
  const out = outPath(OUT, 'profile.json');
  const args =
    mode === 'cold'
      ? ['cold', file, out, JSON.stringify(events[0])]
      : [
          'warm',
          file,
          out,
          writeJson(outPath(OUT, 'profile-events.json'), events),
          String(Math.min(200, count / 10)),
        ];
  await runChild(
    `--cpu-prof`,
    [`--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', driver, ...args],
    out,
    childEnv(local.env),
  );
} finally {
  await local.close();
}
const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) as string;
const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
};
// The unminified bundle names each module in a `// path` comment: map every line to its module.
const bundleLines = readFileSync(file, 'utf8').split('\n');
const moduleAt: string[] = [];
let current = '(bundle prelude)';
for (const [i, line] of bundleLines.entries()) {
  const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
  if (m) {
    const path = m[1] as string;
    const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
    current = pkg
      ? `${pkg[1]}/${(pkg[2] as string).replace(/^(dist-cjs|dist-es|lib\/esm|lib\/cjs)\//, '')}`
      : path.replace(/^(\.\.\/)+/, '');
  }
  moduleAt[i] = current;
}
const samples = profile.nodes.reduce((a, n) => a + n.hitCount, 0);
const usPerSample = (profile.endTime - profile.startTime) / samples;
const invocations = mode === 'cold' ? 1 : Number(countArg);
const byFunction = new Map<string, number>();
const byModule = new Map<string, number>();
for (const n of profile.nodes) {
  const { functionName, url, lineNumber } = n.callFrame;
  let where: string;
  if (url.includes('/bundles/')) where = moduleAt[lineNumber] ?? '?';
  else if (!url) where = functionName.startsWith('(') ? functionName : '(native)';
  else if (url.startsWith('node:') || !url.includes('/')) where = 'node internals';
  else where = url.replace(/^.*\//, '');
  byModule.set(where, (byModule.get(where) ?? 0) + n.hitCount);
  const key = `${functionName || '(anonymous)'}  [${where}:${lineNumber}]`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + n.hitCount);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, hits]) => `${((hits * usPerSample) / invocations).toFixed(1).padStart(8)} µs  ${name}`);
console.log(
  `${id} (${mode}): ${samples} samples over ${invocations} invocation(s); self time per invocation.`,
);
console.log(`profile: ${join(dir, profileFile)}\n`);
console.log(top(byModule, 25).join('\n'));
console.log(`\n${top(byFunction, 30).join('\n')}`);
