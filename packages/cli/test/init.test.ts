import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { TOOL_VERSIONS } from '../src/init/project.js';
import { REPO_ROOT, runCli, ttyInput } from './helpers/run-cli.js';

const TEMPLATE = 'ecs-before-install';
let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'greenlight-init-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface PackageJson {
  name: string;
  private: boolean;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const readPackage = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

describe('greenlight init', () => {
  it('scaffolds a project with handler, test, README, tsconfig, jest config and published versions', async () => {
    const { code, stdout } = await runCli(['init', 'orders-hook', '--template', TEMPLATE], { cwd: scratch });
    expect(code).toBe(0);
    const dir = join(scratch, 'orders-hook');
    for (const file of [
      'src/handler.ts',
      `test/${TEMPLATE}.test.ts`,
      'README.md',
      'tsconfig.json',
      'jest.config.cjs',
      'jest.setup.cjs',
      '.gitignore',
    ]) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
    expect(readFileSync(join(dir, 'src/handler.ts'), 'utf8')).toBe(
      readFileSync(join(REPO_ROOT, 'examples', TEMPLATE, 'src/handler.ts'), 'utf8'),
    );
    const pkg = readPackage(dir);
    expect(pkg.name).toBe('orders-hook');
    expect(pkg.scripts.test).toBe('jest');
    expect(pkg.dependencies).toEqual({ '@greenlight/checks': '^0.1.0', '@greenlight/core': '^0.1.0' });
    expect(pkg.devDependencies['@greenlight/local']).toBe('^0.1.0');
    expect(pkg.devDependencies.greenlight).toBe('^0.1.0');
    expect(pkg.scripts.simulate).toBe(
      `greenlight simulate --hook BeforeInstall=src/handler.ts --platform ecs --stub DEPENDENCY_HEALTH_URL`,
    );
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(
      /^> Scaffolded with `greenlight init --template ecs-before-install`/,
    );
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    expect(stdout).toContain('Next: cd orders-hook && npm install && npm test');
  });

  it('scaffolds every file from an installed CLI, whose templates live under node_modules', async () => {
    // The layout npm gives an installed CLI: <project>/node_modules/greenlight/{dist,templates}, no src/.
    const installed = join(scratch, 'tools', 'node_modules', 'greenlight');
    cpSync(join(REPO_ROOT, 'examples', TEMPLATE), join(installed, 'templates', TEMPLATE), {
      recursive: true,
      filter: (src) => !src.includes('node_modules'),
    });
    const { code, stdout } = await runCli(['init', 'orders-hook', '-t', TEMPLATE], {
      cwd: scratch,
      packageRoot: installed,
    });
    expect(code).toBe(0);
    const dir = join(scratch, 'orders-hook');
    for (const file of ['src/handler.ts', `test/${TEMPLATE}.test.ts`, 'README.md']) {
      expect({ file, exists: existsSync(join(dir, file)) }).toEqual({ file, exists: true });
      expect(stdout).toContain(`  ${file.split('/')[0]}${file.includes('/') ? '/' : ''}\n`);
    }
  });

  it('writes a jest setup that keeps test runs quiet (no SDK Node notice, no Powertools lines)', async () => {
    expect((await runCli(['init', 'quiet', '-t', TEMPLATE], { cwd: scratch })).code).toBe(0);
    const dir = join(scratch, 'quiet');
    expect(readFileSync(join(dir, 'jest.config.cjs'), 'utf8')).toContain(
      "setupFiles: ['<rootDir>/jest.setup.cjs']",
    );
    const env = spawnSync(
      process.execPath,
      [
        '-r',
        join(dir, 'jest.setup.cjs'),
        '-p',
        'JSON.stringify([process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, process.env.POWERTOOLS_LOG_LEVEL])',
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(JSON.parse(env.stdout)).toEqual(['true', 'SILENT']);
  });

  it('refuses a non-empty directory, and writes into it with --force', async () => {
    writeFileSync(join(scratch, 'notes.txt'), 'mine');
    const refused = await runCli(['init', '.', '-t', TEMPLATE], { cwd: scratch });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    expect(existsSync(join(scratch, 'package.json'))).toBe(false);
    const forced = await runCli(['init', '.', '-t', TEMPLATE, '--force'], { cwd: scratch });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(scratch, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(scratch, 'src/handler.ts'))).toBe(true);
  });

  it('requires --template without a terminal, listing the templates', async () => {
    const { code, stderr } = await runCli(['init', 'x'], { cwd: scratch });
    expect(code).toBe(2);
    expect(stderr).toContain('--template is required when no terminal is attached');
    expect(stderr).toContain(TEMPLATE);
  });

  it('asks which template on a terminal, and asks again after a bad answer', async () => {
    const list = await runCli(['init', '--list']);
    const names = list.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    const number = names.indexOf(TEMPLATE) + 1;
    const { code, stdout } = await runCli(['init', 'picked'], {
      cwd: scratch,
      tty: true,
      stdin: ttyInput(['99', String(number)]),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Which kind of hook?');
    expect(stdout).toContain("'99' is not one of the templates");
    expect(stdout).toContain(`Created picked from the ${TEMPLATE} template`);
    expect(existsSync(join(scratch, 'picked', 'src', 'handler.ts'))).toBe(true);
  });

  it('stops asking on Ctrl+C, writes nothing and exits 130', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY: boolean };
    stdin.isTTY = true;
    const stop = new AbortController();
    const run = runCli(['init', 'later'], { cwd: scratch, tty: true, stdin, signal: stop.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    const { code, stdout, stderr } = await run;
    expect(code).toBe(130);
    expect(stdout).toContain('Which kind of hook?');
    expect(stderr).toContain('interrupted; nothing was written');
    expect(existsSync(join(scratch, 'later'))).toBe(false);
  });

  it('names an unknown template', async () => {
    const { code, stderr } = await runCli(['init', 'x', '-t', 'lambda-after-lunch'], { cwd: scratch });
    expect(code).toBe(2);
    expect(stderr).toContain("unknown template 'lambda-after-lunch'");
  });

  it('gives the project the same tool versions as the workspace', () => {
    const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
    for (const [name, version] of Object.entries(TOOL_VERSIONS))
      expect(root.devDependencies[name]).toBe(version);
  });
});

/**
 * "Installs": each dependency the scaffolded package.json names is linked into its node_modules from this
 * workspace (greenlight's packages from packages/, the tools from the root), so a dependency the
 * package.json forgot is missing. "Passes its own tests": its own jest, with its own jest.config.cjs, runs
 * its own test; the only difference from a published install is the `@greenlight/source` export condition,
 * because the workspace packages are not built.
 */
describe('a scaffolded project', () => {
  /** Links each dependency the package.json names: greenlight's from packages/, others as the example installed them. */
  function install(dir: string, template: string): void {
    const pkg = readPackage(dir);
    const where = (name: string) => {
      if (name === 'greenlight') return join(REPO_ROOT, 'packages', 'cli');
      if (name.startsWith('@greenlight/'))
        return join(REPO_ROOT, 'packages', name.slice('@greenlight/'.length));
      return [
        join(REPO_ROOT, 'examples', template, 'node_modules', name),
        join(REPO_ROOT, 'node_modules', name),
      ].find((p) => existsSync(p));
    };
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const from = where(name);
      if (!from || !existsSync(from)) throw new Error(`cannot install ${name}: not in the workspace`);
      const to = join(dir, 'node_modules', name);
      mkdirSync(dirname(to), { recursive: true });
      symlinkSync(from, to, 'dir');
    }
  }

  it.each(['lambda-before-allow-traffic', 'middy-powertools'])(
    'installs, type-checks and passes its own tests (%s)',
    async (template) => {
      const dir = join(scratch, 'orders-hook');
      expect((await runCli(['init', dir, '-t', template])).code).toBe(0);
      install(dir, template);
      const jest = spawnSync(
        process.execPath,
        [
          join(dir, 'node_modules', 'jest', 'bin', 'jest.js'),
          '--ci',
          '--testEnvironmentOptions',
          JSON.stringify({ customExportConditions: ['@greenlight/source', 'node', 'node-addons'] }),
        ],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
          timeout: 60_000,
        },
      );
      const output = `${jest.stdout}\n${jest.stderr}`;
      expect(output).toMatch(/Tests: +\d+ passed, \d+ total/);
      expect(output).not.toMatch(/failed/);
      expect(jest.status).toBe(0);
      const tsc = spawnSync(
        process.execPath,
        [
          join(dir, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          dir,
          '--customConditions',
          '@greenlight/source',
        ],
        { cwd: dir, encoding: 'utf8', timeout: 60_000 },
      );
      expect(tsc.stdout).toBe('');
      expect(tsc.status).toBe(0);
    },
    90_000,
  );
});
