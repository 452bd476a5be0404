#!/usr/bin/env node
// `pnpm test`: type-check, lint, then every jest test in the workspace (packages, examples, infra).
// It ends with one plain line, `N passed, N failed`: jest's own test counts, plus one failed entry for a
// failed type-check or lint step, so a red step can never hide behind green tests.
// Extra arguments go to jest (e.g. `pnpm test packages/core`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const args = process.argv.slice(2);
const onlyJest = args.length > 0;

function step(label, cmd, cmdArgs) {
  process.stdout.write(`\n> ${label}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

const stepFailures = [];
if (!onlyJest) {
  if (!step('type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']))
    stepFailures.push('type-check');
  if (!step('lint (biome)', bin('biome'), ['check', '.'])) stepFailures.push('lint');
}

const out = `${root}.jest-results.json`;
rmSync(out, { force: true });
const jestOk = step('tests (jest)', bin('jest'), ['--json', `--outputFile=${out}`, ...args]);

let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  // A test file that fails to load has no tests to count; count it as a failure.
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
} else {
  failed += 1;
}
if (!jestOk && failed === 0) failed += 1;
failed += stepFailures.length;
if (stepFailures.length) process.stdout.write(`\nfailed steps: ${stepFailures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
