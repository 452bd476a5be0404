import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../src/main.js';
import { PACKAGE_ROOT, runCli } from './helpers/run-cli.js';

describe('greenlight (top level)', () => {
  it('lists every command in --help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const name of ['init', 'simulate', 'serve', 'demo'])
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('prints help to stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: greenlight <command>');
  });

  it('names an unknown command, lists the real ones and exits 2', async () => {
    const { code, stderr } = await runCli(['deploy']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'deploy'");
    expect(stderr).toContain('init, simulate, serve, demo');
  });

  it('prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it.each(COMMANDS.map((c) => c.name))(
    'gives `%s` a --help that starts with its usage and exits 0',
    async (name) => {
      for (const flag of ['--help', '-h']) {
        const { code, stdout } = await runCli([name, flag]);
        expect(code).toBe(0);
        expect(stdout.startsWith(`Usage: greenlight ${name}`)).toBe(true);
      }
      const viaHelp = await runCli(['help', name]);
      expect(viaHelp.stdout.startsWith(`Usage: greenlight ${name}`)).toBe(true);
    },
  );

  it.each(COMMANDS.map((c) => c.name))(
    'rejects an unknown option of `%s` with exit 2 and a pointer to --help',
    async (name) => {
      const { code, stderr } = await runCli([name, '--bogus-flag']);
      expect(code).toBe(2);
      expect(stderr).toContain("'--bogus-flag'");
      expect(stderr).toContain(`Run 'greenlight ${name} --help' for usage.`);
    },
  );
});

describe('option values', () => {
  it('rejects a port that is not a port', async () => {
    const { code, stderr } = await runCli(['serve', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be an integer from 0 to 65535, got 'eighty'");
  });

  it('rejects a negative time scale', async () => {
    const { code, stderr } = await runCli([
      'simulate',
      '--hook',
      'BeforeAllowTraffic=x.ts',
      '--time-scale=-1',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--time-scale must be a number >= 0');
  });

  it('rejects an --env without =', async () => {
    const { code, stderr } = await runCli(['simulate', '--hook', 'BeforeAllowTraffic=x.ts', '-e', 'NOPE']);
    expect(code).toBe(2);
    expect(stderr).toContain("--env expects KEY=VALUE, got 'NOPE'");
  });

  it('rejects a deployment config of the other platform and lists the valid ones', async () => {
    const { code, stderr } = await runCli([
      'simulate',
      '--hook',
      'BeforeAllowTraffic=x.ts',
      '--config',
      'ECSAllAtOnce',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown Lambda deployment config 'ECSAllAtOnce'");
    expect(stderr).toContain('CodeDeployDefault.LambdaAllAtOnce');
  });
});
