#!/usr/bin/env node
// `pnpm docs:check`: regenerates the API reference into a temporary folder with TypeDoc (which fails on any
// export without TSDoc, and on any warning), and fails if docs/reference differs from it: run
// `pnpm docs:reference` and commit the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'greenlight-reference-'));
const run = spawnSync(join(root, 'node_modules/.bin/typedoc'), ['--out', out], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) {
  console.error('typedoc failed: every export needs TSDoc, and no warning is allowed');
  process.exit(1);
}
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const committed = join(root, 'docs', 'reference');
const want = new Map(files(out).map((f) => [relative(out, f), readFileSync(f, 'utf8')]));
let have = new Map();
try {
  have = new Map(files(committed).map((f) => [relative(committed, f), readFileSync(f, 'utf8')]));
} catch {}
const stale = [...new Set([...want.keys(), ...have.keys()])].filter((f) => want.get(f) !== have.get(f));
rmSync(out, { recursive: true, force: true });
if (stale.length > 0) {
  console.error(
    `docs/reference is stale (${stale.length} files differ, e.g. ${stale.slice(0, 3).join(', ')}): run pnpm docs:reference`,
  );
  process.exit(1);
}
console.log(`docs/reference is up to date (${want.size} files)`);
