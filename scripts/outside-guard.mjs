#!/usr/bin/env node
// `node scripts/outside-guard.mjs`: fails when code in the repository reads a path outside the clone. A
// user's clone has nothing beside it (no ../shared): the build and the tests may only read what the
// repository carries. Comments and Markdown may mention such paths; code may not build them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|ya?ml|sh)$/;
const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => CODE.test(f) && !f.startsWith('docs/reference/') && f !== 'pnpm-lock.yaml');

/** Ways code reaches outside the clone: `../shared/…` in a string, `join(…, '..', 'shared')`, absolute /work. */
const OUTSIDE = [
  /['"`](?:\.\.\/)+shared\//,
  /['"]\.\.['"]\s*,\s*['"]shared['"]/,
  /['"`]\/work\/(?:shared|main|wt)\b/,
];

/** The text without comments (line and block), so that a comment naming ../shared is not a read. */
const code = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/^\s*#.*$/gm, '');

const found = [];
for (const file of files) {
  if (file === 'scripts/outside-guard.mjs') continue;
  const text = code(readFileSync(join(root, file), 'utf8'));
  for (const pattern of OUTSIDE) {
    const match = pattern.exec(text);
    if (match) found.push(`${file}: ${match[0].replace(/\s+/g, ' ')}`);
  }
}
if (found.length > 0) {
  console.error(
    `code reads outside the repository (a clone has nothing beside it):\n  ${found.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`no code reads outside the repository (${files.length} files)`);
