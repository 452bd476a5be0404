#!/usr/bin/env node
// One build for every published package (`pnpm build` runs it in each, in dependency order): TypeScript's
// own compiler, run once per output format from the package's one tsconfig.build.json.
//
//   dist/esm/  ES modules with declarations      (the "import" condition)
//   dist/cjs/  CommonJS with declarations        (the "require" condition, `main`, `types`)
//              plus dist/cjs/package.json {"type":"commonjs"}, so Node and TypeScript read those files
//              as CommonJS although the package is "type": "module"
//
// `--esm-only` (the CLI, an application) builds ES modules into dist/ and nothing else.
// Source maps carry their sources (`inlineSources`), since src/ is not published; declaration maps are
// left out for the same reason. Usage, from a package folder: node ../../scripts/build-package.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const cwd = process.cwd();
const esmOnly = process.argv.includes('--esm-only');

if (!existsSync(join(cwd, 'tsconfig.build.json'))) {
  console.error(`build-package: no tsconfig.build.json in ${cwd}`);
  process.exit(1);
}

const common = ['-p', 'tsconfig.build.json', '--declarationMap', 'false', '--inlineSources', 'true'];

/** The two outputs: ES modules as the sources are written, and CommonJS from the same sources. */
const formats = esmOnly
  ? [{ name: 'esm', outDir: 'dist', args: [] }]
  : [
      { name: 'esm', outDir: 'dist/esm', args: [] },
      {
        name: 'cjs',
        outDir: 'dist/cjs',
        // `module: commonjs` makes every file CommonJS whatever package.json says; `node10` resolution
        // reads the dependencies' `types` fields, which point at their CommonJS declarations.
        args: ['--module', 'commonjs', '--moduleResolution', 'node10', '--verbatimModuleSyntax', 'false'],
      },
    ];

rmSync(join(cwd, 'dist'), { recursive: true, force: true });
for (const format of formats) {
  const r = spawnSync(tsc, [...common, '--outDir', format.outDir, ...format.args], {
    cwd,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`build-package: the ${format.name} build of ${cwd} failed`);
    process.exit(r.status ?? 1);
  }
  if (format.name === 'cjs') {
    mkdirSync(join(cwd, format.outDir), { recursive: true });
    writeFileSync(join(cwd, format.outDir, 'package.json'), '{ "type": "commonjs" }\n');
  }
}
