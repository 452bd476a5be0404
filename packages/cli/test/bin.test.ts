import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, PACKAGE_ROOT } from './helpers/run-cli.js';

/**
 * The CLI as a real process: `src/bin.ts` run by node through tsx (no build needed), with the
 * `@greenlight/source` condition so workspace packages resolve to their sources.
 */
const NODE_ARGS = [
  '--conditions=@greenlight/source',
  '--import',
  'tsx/esm',
  join(PACKAGE_ROOT, 'src', 'bin.ts'),
];
const ENV = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, POWERTOOLS_LOG_LEVEL: 'SILENT' };

function cli(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...ENV, ...env },
    timeout: 60_000,
  });
}

const hook = join(FIXTURES, 'hooks', 'before-allow-traffic.ts');

describe('the greenlight process', () => {
  it('exits 0 with --help and 2 with a bad option, naming it on stderr', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: greenlight <command>');
    const bad = cli(['simulate', '--platfrom', 'ecs']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("Unknown option '--platfrom'");
  });

  it('exits 1 when the simulated deployment fails, with a plain timeline on a pipe', () => {
    const run = cli(['simulate', hook, '--time-scale', '0.001', '-e', 'FIXTURE_VERDICT=fail']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FIXTURE_VERDICT says fail');
    expect(run.stdout).toMatch(/↩ rolled back by d-/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 when it succeeds, and colours the timeline on a terminal', () => {
    // `script` gives the process a real pseudo-terminal.
    const command = [process.execPath, ...NODE_ARGS, 'simulate', hook, '--time-scale', '0.001']
      .map((a) => `'${a}'`)
      .join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env: ENV,
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\u001b[32m✓\u001b[39m');
    expect(run.stdout).toMatch(/Succeeded/);
  });

  it('stops a simulated deployment on SIGINT and exits 130', async () => {
    // Real time: the canary's second step would come 5 minutes after the first.
    const child = spawn(process.execPath, [...NODE_ARGS, 'simulate', hook, '--time-scale', '1'], {
      cwd: PACKAGE_ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no traffic step: ${out}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('10% → version 2')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(out).toMatch(/Stopped in .*The local CodeDeploy closed/);
    expect(err).toContain('interrupted; the deployment was stopped');
  }, 60_000);

  it('serves until SIGINT, then closes and exits 0', async () => {
    const child: ChildProcess = spawn(process.execPath, [...NODE_ARGS, 'serve', '--port', '0'], {
      cwd: PACKAGE_ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Press Ctrl+C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const endpoint = /export AWS_ENDPOINT_URL=(\S+)/.exec(out)?.[1];
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(endpoint!, { method: 'POST' });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopping.');
  }, 60_000);

  it('serves with --write-env as a real process (node leaves the option to the CLI), and removes the file on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-bin-'));
    const file = join(dir, 'local.env');
    const child: ChildProcess = spawn(
      process.execPath,
      [...NODE_ARGS, 'serve', '--port', '0', '--write-env', file],
      { cwd: PACKAGE_ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    for (let i = 0; i < 300 && !existsSync(file) && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect({ exitCode: child.exitCode, out: child.exitCode === null ? '' : out }).toEqual({
      exitCode: null,
      out: '',
    });
    const env = readFileSync(file, 'utf8');
    const endpoint = /^AWS_ENDPOINT_URL=(\S+)$/m.exec(env)?.[1];
    expect((await fetch(endpoint!, { method: 'POST' })).status).toBeGreaterThanOrEqual(400);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
