#!/usr/bin/env node
// `node scripts/user-check.mjs`: greenlight as a user gets it, outside this workspace. Packed tarballs stand
// in for the npm registry; everything else is plain npm in new projects under a temporary folder:
//
//   1. build and pack every package (pnpm pack: published ranges, publishConfig without the workspace
//      source condition); check what each tarball holds
//   2. a consumer project: type-check a hook under module commonjs, node16 (CommonJS package), nodenext
//      (ES module package), bundler and node10 subpaths; require() and import at run time
//   3. bundle the hook with esbuild (cjs, esm, and SAM's esbuild builder settings, cjs and esm) and run each
//      bundle as a hook function of the local CodeDeploy (a child process per invocation)
//   4. `greenlight init` for every template from the installed CLI; in each scaffold: npm install, npm test,
//      npm run typecheck, npm run simulate
//   5. `greenlight serve --write-env` driven with the AWS CLI (skipped, saying why, where `aws` is absent)
//   6. the testing helper (@greenlight/local/testing) under jest (CommonJS and ESM) and vitest 3
//
// It prints each step's outcome and time, the measured install, init-to-green-tests and simulate times, and
// ends with `N passed, N failed` (one per step). GREENLIGHT_USER_CHECK_KEEP=1 keeps the temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED } from './package-manifest.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = mkdtempSync(join(tmpdir(), 'greenlight-user-'));
const TARBALLS = join(WORK, 'tarballs');
const PNPM = ['npx', '-y', 'pnpm@10.34.8'];
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
const QUIET = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  npm_config_update_notifier: 'false',
};
/** Tools a user adds, at the versions this workspace tests with. */
const TOOLS = { typescript: '5.9.3', '@types/node': '20.19.43', esbuild: '0.28.2' };

const results = [];
const timings = {};

function log(text) {
  process.stdout.write(`${text}\n`);
}

/** Runs a command; throws with its output when it fails. */
function run(cmd, args, { cwd, env = {}, timeout = 600_000 } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...QUIET, ...env },
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${out}`);
  }
  return r.stdout;
}

/** One step: its outcome is counted, its time printed. A failure never stops the next step. */
async function step(name, fn) {
  const started = Date.now();
  log(`\n> ${name}`);
  try {
    const note = await fn();
    const s = ((Date.now() - started) / 1000).toFixed(1);
    log(`  ok (${s} s)${note ? `: ${note}` : ''}`);
    results.push({ name, ok: true });
  } catch (err) {
    log(`  FAILED: ${err instanceof Error ? err.message : String(err)}`);
    results.push({ name, ok: false });
  }
}

const timed = (key, fn) => {
  const started = Date.now();
  const out = fn();
  timings[key] = [...(timings[key] ?? []), Date.now() - started];
  return out;
};

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The tarball of each package, by name. */
const tarballs = {};
const tarballOf = (name) => {
  if (!tarballs[name]) throw new Error(`no tarball for ${name}`);
  return tarballs[name];
};

/** Points every greenlight dependency of a project's package.json at its tarball (the registry stand-in). */
function useTarballs(dir) {
  const file = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(pkg[field] ?? {})) {
      if (name === 'greenlight' || name.startsWith('@greenlight/')) {
        if (!/^\^\d+\.\d+\.\d+$/.test(pkg[field][name]))
          throw new Error(`${file}: ${name} has the range '${pkg[field][name]}', not a published one`);
        pkg[field][name] = `file:${tarballOf(name)}`;
      }
    }
  }
  // Transitive greenlight dependencies resolve to the same tarballs.
  pkg.overrides = Object.fromEntries(Object.keys(tarballs).map((n) => [n, `file:${tarballs[n]}`]));
  writeJson(file, pkg);
}

function npmInstall(dir, extra = []) {
  return run('npm', ['install', ...NPM_FLAGS, ...extra], { cwd: dir });
}

// ---------------------------------------------------------------------------------------------------------
// 1. build and pack

await step('build and pack every package', () => {
  run(PNPM[0], [...PNPM.slice(1), 'build'], { cwd: ROOT });
  mkdirSync(TARBALLS, { recursive: true });
  for (const spec of PUBLISHED) {
    const dir = join(ROOT, spec.dir);
    const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
    const before = new Set(readdirSync(TARBALLS));
    run(PNPM[0], [...PNPM.slice(1), 'pack', '--pack-destination', TARBALLS], { cwd: dir });
    const made = readdirSync(TARBALLS).find((f) => !before.has(f));
    if (!made) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs[name] = join(TARBALLS, made);
    const files = run('tar', ['-tzf', tarballs[name]], { cwd: TARBALLS }).split('\n');
    const manifest = JSON.parse(
      run('tar', ['-xzOf', tarballs[name], 'package/package.json'], { cwd: TARBALLS }),
    );
    const text = JSON.stringify(manifest);
    const problems = [
      ...['package/LICENSE', 'package/README.md', 'package/package.json'].filter((f) => !files.includes(f)),
      ...(text.includes('@greenlight/source') ? ['the @greenlight/source condition is published'] : []),
      ...(text.includes('workspace:') ? ['a workspace: range is published'] : []),
      ...(files.some((f) => f.startsWith('package/src/')) ? ['src/ is published'] : []),
      ...(spec.dual && !files.includes('package/dist/cjs/package.json') ? ['no dist/cjs/package.json'] : []),
      ...(spec.dual && !files.includes('package/dist/esm/index.js') ? ['no dist/esm/index.js'] : []),
      ...['repository', 'homepage', 'bugs', 'keywords'].filter((k) => !manifest[k]).map((k) => `no ${k}`),
    ];
    const maps = files.filter((f) => f.endsWith('.js.map'));
    for (const map of maps.slice(0, 3)) {
      const content = JSON.parse(run('tar', ['-xzOf', tarballs[name], map], { cwd: TARBALLS }));
      if (!content.sourcesContent?.length) problems.push(`${map} has no sourcesContent`);
    }
    if (name === 'greenlight') {
      const templates = files.filter((f) => /^package\/templates\/[^/]+\/package\.json$/.test(f));
      if (templates.length < 8) problems.push(`only ${templates.length} templates`);
      for (const t of templates)
        if (run('tar', ['-xzOf', tarballs[name], t], { cwd: TARBALLS }).includes('workspace:'))
          problems.push(`${t} has a workspace: range`);
    }
    if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  }
  return Object.keys(tarballs).join(', ');
});

// ---------------------------------------------------------------------------------------------------------
// 2. a consumer project: the type-check setups and the run-time module systems

const CONSUMER = join(WORK, 'consumer');
const HOOK = `import { invokeTarget } from '@greenlight/checks/invoke-target';
import { http } from '@greenlight/checks/http';
import { createHook, type HookResult } from '@greenlight/core';

export const handler = createHook(
  {
    smoke: invokeTarget({ payload: { action: 'health' }, expect: { status: 'ok' } }),
    ...(process.env.HEALTH_URL ? { health: http({ url: process.env.HEALTH_URL }) } : {}),
  },
  { timeout: 10_000 },
);
export type Result = HookResult;
`;
const LOCAL_USE = `import { startLocalCodeDeploy } from '@greenlight/local';
import { simulateDeployment } from '@greenlight/local/testing';
export const both = [startLocalCodeDeploy, simulateDeployment] as const;
`;

await step('a consumer project: npm install of the tarballs', () => {
  mkdirSync(join(CONSUMER, 'esm'), { recursive: true });
  writeJson(join(CONSUMER, 'package.json'), {
    name: 'consumer',
    version: '1.0.0',
    private: true,
    dependencies: {
      '@greenlight/core': '^0.1.0',
      '@greenlight/checks': '^0.1.0',
      '@greenlight/local': '^0.1.0',
      '@greenlight/middy': '^0.1.0',
    },
    devDependencies: { ...TOOLS, '@types/aws-lambda': '^8.10.164' },
  });
  useTarballs(CONSUMER);
  timed('install', () => npmInstall(CONSUMER));
  return `${(timings.install.at(-1) / 1000).toFixed(1)} s`;
});

const SETUPS = [
  { name: 'module commonjs (CommonJS package)', dir: '.', compilerOptions: { module: 'commonjs' } },
  {
    name: 'module commonjs, moduleResolution node10 (subpaths through typesVersions)',
    dir: '.',
    compilerOptions: { module: 'commonjs', moduleResolution: 'node10' },
  },
  { name: 'module node16 (CommonJS package)', dir: '.', compilerOptions: { module: 'node16' } },
  { name: 'module nodenext (ES module package)', dir: 'esm', compilerOptions: { module: 'nodenext' } },
  {
    name: 'module esnext, moduleResolution bundler',
    dir: '.',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler' },
  },
];

await step(`type-check a hook under ${SETUPS.length} TypeScript setups`, () => {
  writeJson(join(CONSUMER, 'esm', 'package.json'), { type: 'module' });
  for (const dir of ['.', 'esm']) {
    writeFileSync(join(CONSUMER, dir, 'hook.ts'), HOOK);
    writeFileSync(join(CONSUMER, dir, 'local-use.ts'), LOCAL_USE);
  }
  const failures = [];
  SETUPS.forEach((setup, i) => {
    const config = join(CONSUMER, setup.dir, `tsconfig.${i}.json`);
    writeJson(config, {
      compilerOptions: {
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        esModuleInterop: true,
        ...setup.compilerOptions,
      },
      files: ['hook.ts', 'local-use.ts'],
    });
    try {
      run(join(CONSUMER, 'node_modules', '.bin', 'tsc'), ['-p', config], { cwd: CONSUMER });
    } catch (err) {
      failures.push(`${setup.name}: ${err.message}`);
    }
  });
  if (failures.length) throw new Error(failures.join('\n'));
  return SETUPS.map((s) => s.name).join('; ');
});

await step('require() and import of every package at run time', () => {
  const names = [
    '@greenlight/contract',
    '@greenlight/core',
    '@greenlight/checks',
    '@greenlight/checks/http',
    '@greenlight/middy',
    '@greenlight/local',
    '@greenlight/local/testing',
  ];
  const cjs = names
    .map(
      (n) => `if (typeof require(${JSON.stringify(n)}) !== 'object') throw new Error(${JSON.stringify(n)});`,
    )
    .join('\n');
  run(process.execPath, ['-e', cjs], { cwd: CONSUMER });
  const esm = names
    .map(
      (n, i) =>
        `import * as m${i} from ${JSON.stringify(n)}; if (!Object.keys(m${i}).length) throw new Error(${JSON.stringify(n)});`,
    )
    .join('\n');
  run(process.execPath, ['--input-type=module', '-e', esm], { cwd: CONSUMER });
  // Both builds see the same classes only within one module system; each must work on its own.
  return `${names.length} entry points, both ways`;
});

// ---------------------------------------------------------------------------------------------------------
// 3. bundles, run as hook functions of the local CodeDeploy

const BANNER = "import { createRequire } from 'module';const require = createRequire(import.meta.url);";
/** esbuild settings a user would use: plain, and SAM's esbuild builder (BuildMethod: esbuild) as documented. */
const BUNDLES = [
  { name: 'esbuild cjs', file: 'cjs.js', args: ['--format=cjs', '--target=node20'] },
  {
    name: 'esbuild esm',
    file: 'esm.mjs',
    args: ['--format=esm', '--target=node20', `--banner:js=${BANNER}`],
  },
  {
    name: 'SAM esbuild (cjs)',
    file: 'sam-cjs.js',
    args: ['--format=cjs', '--target=es2020', '--minify', '--sourcemap'],
  },
  {
    name: 'SAM esbuild (esm, OutExtension .mjs, createRequire banner)',
    file: 'sam-esm.mjs',
    args: ['--format=esm', '--target=es2020', '--minify', '--sourcemap', `--banner:js=${BANNER}`],
  },
];

const RUN_BUNDLE = `
const { startLocalCodeDeploy } = require('@greenlight/local');
(async () => {
  const local = await startLocalCodeDeploy({ timeScale: 0 });
  try {
    for (const file of process.argv.slice(1)) {
      const d = await local.deployLambda({
        functionName: 'orders', currentVersion: '1', targetVersion: '2',
        versions: { '1': async () => ({ status: 'ok' }), '2': async () => ({ status: 'ok' }) },
        hooks: { BeforeAllowTraffic: { module: file, timeoutMs: 30000 } },
      });
      const outcome = await d.done;
      await d.settled;
      if (outcome.status !== 'Succeeded') {
        const why = d.timeline.map((e) => e.lifecycleEvent + ' ' + e.status + ' ' + (e.diagnostics?.message ?? '') + ' ' + (e.hookReason ?? '')).join('; ');
        throw new Error(file + ': ' + outcome.status + ': ' + why);
      }
    }
  } finally {
    await local.close();
  }
})().catch((err) => { console.error(err.message); process.exit(1); });
`;

await step(
  `bundle the hook (${BUNDLES.map((b) => b.name).join(', ')}) and run each on the local CodeDeploy`,
  () => {
    const out = join(CONSUMER, 'bundles');
    mkdirSync(out, { recursive: true });
    const files = BUNDLES.map((b) => {
      const file = join(out, b.file);
      run(
        join(CONSUMER, 'node_modules', '.bin', 'esbuild'),
        ['hook.ts', '--bundle', '--platform=node', `--outfile=${file}`, '--log-level=error', ...b.args],
        { cwd: CONSUMER },
      );
      return file;
    });
    run(process.execPath, ['-e', RUN_BUNDLE, ...files], { cwd: CONSUMER });
    return files
      .map((f) => `${f.split('/').pop()} ${(readFileSync(f).length / 1024).toFixed(0)} KB`)
      .join(', ');
  },
);

// ---------------------------------------------------------------------------------------------------------
// 4. every template, scaffolded by the installed CLI

const TOOLBOX = join(WORK, 'toolbox');
let templates = [];
await step('install the CLI and list its templates', () => {
  mkdirSync(TOOLBOX, { recursive: true });
  writeJson(join(TOOLBOX, 'package.json'), {
    name: 'toolbox',
    version: '1.0.0',
    private: true,
    devDependencies: { greenlight: '^0.1.0' },
  });
  useTarballs(TOOLBOX);
  npmInstall(TOOLBOX);
  templates = run(join(TOOLBOX, 'node_modules', '.bin', 'greenlight'), ['init', '--list'], { cwd: TOOLBOX })
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/)[0]);
  if (templates.length < 8) throw new Error(`only ${templates.length} templates: ${templates.join(', ')}`);
  return templates.join(', ');
});

for (const template of templates) {
  await step(`scaffold ${template}: npm install, npm test, typecheck, simulate`, () => {
    const dir = join(WORK, 'scaffolds', template);
    const started = Date.now();
    run(join(TOOLBOX, 'node_modules', '.bin', 'greenlight'), ['init', dir, '--template', template], {
      cwd: TOOLBOX,
    });
    for (const f of ['src/handler.ts', 'README.md', 'jest.config.cjs', 'tsconfig.json'])
      if (!existsSync(join(dir, f))) throw new Error(`init wrote no ${f}`);
    if (!readdirSync(join(dir, 'test')).some((f) => f.endsWith('.test.ts')))
      throw new Error('init wrote no test');
    useTarballs(dir);
    timed('install', () => npmInstall(dir));
    const test = run('npm', ['test', '--silent'], { cwd: dir, env: { CI: 'true' } });
    timings.initToGreen = [...(timings.initToGreen ?? []), Date.now() - started];
    const typecheck = run('npm', ['run', 'typecheck', '--silent'], { cwd: dir });
    if (typecheck.trim()) throw new Error(`typecheck printed:\n${typecheck}`);
    const simulate = timed('simulate', () =>
      run('npm', ['run', 'simulate', '--silent'], { cwd: dir, env: { NO_COLOR: '1' } }),
    );
    if (!/Succeeded (\(SUCCESSFUL\) )?in /.test(simulate))
      throw new Error(`simulate did not succeed:\n${simulate}`);
    const noisy = /NodeVersionSupportWarning|"level":"(INFO|WARN)"/.exec(test);
    if (noisy) throw new Error(`npm test is not quiet: ${noisy[0]}`);
    return `init to green tests ${(timings.initToGreen.at(-1) / 1000).toFixed(1)} s, simulate ${(timings.simulate.at(-1) / 1000).toFixed(1)} s`;
  });
}

// ---------------------------------------------------------------------------------------------------------
// 5. serve, driven by the AWS CLI

await step('greenlight serve --write-env, driven by the AWS CLI', async () => {
  if (spawnSync('aws', ['--version'], { encoding: 'utf8' }).status !== 0)
    return 'skipped: the AWS CLI (aws) is not installed here';
  const envFile = join(WORK, 'serve.env');
  writeFileSync(join(CONSUMER, 'target.ts'), "export const handler = async () => ({ status: 'ok' });\n");
  const serve = spawn(
    join(TOOLBOX, 'node_modules', '.bin', 'greenlight'),
    [
      'serve',
      '--port',
      '0',
      '--time-scale',
      '0.001',
      '--write-env',
      envFile,
      '--function',
      `CodeDeployHook_pre=${join(CONSUMER, 'hook.ts')}`,
      '--target',
      `orders:2=${join(CONSUMER, 'target.ts')}`,
    ],
    { cwd: CONSUMER, env: { ...process.env, ...QUIET, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  serve.stdout.on('data', (c) => {
    output += c;
  });
  serve.stderr.on('data', (c) => {
    output += c;
  });
  const exited = new Promise((resolve) => {
    serve.on('exit', (code) => resolve(code));
    serve.on('error', (err) => {
      output += `could not start serve: ${err.message}\n`;
      resolve(null);
    });
  });
  try {
    for (let i = 0; i < 300 && !existsSync(envFile) && serve.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(envFile)) throw new Error(`serve wrote no ${envFile}:\n${output}`);
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const aws = (...args) =>
      JSON.parse(run('aws', ['--output', 'json', ...args], { cwd: WORK, env }) || '{}');
    aws('deploy', 'create-application', '--application-name', 'shop', '--compute-platform', 'Lambda');
    aws(
      'deploy',
      'create-deployment-group',
      '--application-name',
      'shop',
      '--deployment-group-name',
      'orders',
      '--service-role-arn',
      'arn:aws:iam::123456789012:role/CodeDeploy',
      '--deployment-style',
      'deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL',
    );
    const appspec = JSON.stringify({
      version: 0.0,
      Resources: [
        {
          orders: {
            Type: 'AWS::Lambda::Function',
            Properties: { Name: 'orders', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
          },
        },
      ],
      Hooks: [{ BeforeAllowTraffic: 'CodeDeployHook_pre' }],
    });
    const { deploymentId } = aws(
      'deploy',
      'create-deployment',
      '--application-name',
      'shop',
      '--deployment-group-name',
      'orders',
      '--revision',
      JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content: appspec } }),
    );
    let status;
    for (let i = 0; i < 150 && !['Succeeded', 'Failed', 'Stopped'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = aws('deploy', 'get-deployment', '--deployment-id', deploymentId).deploymentInfo?.status;
    }
    if (status !== 'Succeeded') throw new Error(`deployment ${deploymentId} ended ${status}:\n${output}`);
  } finally {
    serve.kill('SIGTERM');
    await exited;
  }
  if (existsSync(envFile)) throw new Error('serve left its --write-env file behind');
  // The timeline serve printed: the deployment, the hook's invocation and its checks.
  if (!/✓ smoke \(\d+ ms\)/.test(output))
    throw new Error(`serve printed no invocation of the hook:\n${output}`);
  return 'a deployment created with aws deploy create-deployment Succeeded; serve printed its timeline';
});

// ---------------------------------------------------------------------------------------------------------
// 6. the testing helper under jest (CommonJS and ESM) and vitest

const HELPER_TEST_TS = `import { createHook } from '@greenlight/core';
import { simulateDeployment } from '@greenlight/local/testing';

const handler = createHook({
  newVersion: async (ctx) => {
    const t = await ctx.target();
    return t.kind === 'lambda' && t.targetVersion === '2';
  },
});

// Two deployments in one file: the handler's CodeDeploy client, made at the first, serves the second.
test('a good release goes through', async () => {
  const run = await simulateDeployment({ hooks: { BeforeAllowTraffic: handler } });
  run.expectStatus('Succeeded');
});
test('a hook that fails says why', async () => {
  const run = await simulateDeployment({ hooks: { BeforeAllowTraffic: handler }, targetVersion: '3' });
  expect(run.status).toBe('Failed');
  expect(run.report).toContain('newVersion');
});
`;
const HELPER_TEST_MJS = HELPER_TEST_TS.replace(
  "test('a good",
  "import { expect, test } from '@jest/globals';\ntest('a good",
);

await step('the testing helper under jest (CommonJS and ESM) and vitest 3', () => {
  const dir = join(WORK, 'helper');
  mkdirSync(join(dir, 'test'), { recursive: true });
  writeJson(join(dir, 'package.json'), {
    name: 'helper-check',
    version: '1.0.0',
    private: true,
    devDependencies: {
      '@greenlight/core': '^0.1.0',
      '@greenlight/local': '^0.1.0',
      jest: '30.5.2',
      '@jest/globals': '30.5.2',
      '@swc/core': '1.16.22',
      '@swc/jest': '0.2.39',
      '@types/jest': '30.0.0',
      vitest: '^3.2.4',
      ...TOOLS,
    },
  });
  useTarballs(dir);
  npmInstall(dir);
  writeFileSync(join(dir, 'test', 'cjs.test.ts'), HELPER_TEST_TS);
  writeFileSync(join(dir, 'test', 'esm.test.mjs'), HELPER_TEST_MJS.replace(/^export type.*$/m, ''));
  writeFileSync(
    join(dir, 'test', 'vitest.test.ts'),
    `import { expect, test } from 'vitest';\n${HELPER_TEST_TS}`,
  );
  writeFileSync(
    join(dir, 'jest.config.cjs'),
    `module.exports = { testEnvironment: 'node', testMatch: ['<rootDir>/test/cjs.test.ts'],
  transform: { '^.+\\\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] } };\n`,
  );
  writeFileSync(
    join(dir, 'jest.esm.config.cjs'),
    `module.exports = { testEnvironment: 'node', testMatch: ['<rootDir>/test/esm.test.mjs'], transform: {} };\n`,
  );
  const jest = join(dir, 'node_modules', 'jest', 'bin', 'jest.js');
  run(process.execPath, [jest, '--ci', '-c', 'jest.config.cjs'], { cwd: dir });
  run(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', jest, '--ci', '-c', 'jest.esm.config.cjs'],
    { cwd: dir },
  );
  run(join(dir, 'node_modules', '.bin', 'vitest'), ['run', 'test/vitest.test.ts'], {
    cwd: dir,
    env: { CI: 'true' },
  });
  return 'jest (swc, CommonJS), jest (native ESM), vitest';
});

// ---------------------------------------------------------------------------------------------------------

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const summary = (key) => {
  const list = timings[key] ?? [];
  if (list.length === 0) return 'not measured';
  const sorted = [...list].sort((a, b) => a - b);
  return `median ${seconds(sorted[Math.floor(sorted.length / 2)])}, max ${seconds(sorted.at(-1))} (${list.length} runs)`;
};
log('\nmeasured (this machine, npm cache warm after the first install):');
log(`  npm install:          ${summary('install')}`);
log(`  init to green tests:  ${summary('initToGreen')}`);
log(`  npm run simulate:     ${summary('simulate')}`);
if (process.env.GREENLIGHT_USER_CHECK_KEEP === '1') log(`kept ${WORK}`);
else rmSync(WORK, { recursive: true, force: true });
const failed = results.filter((r) => !r.ok);
if (failed.length) log(`\nfailed: ${failed.map((r) => r.name).join('; ')}`);
log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
