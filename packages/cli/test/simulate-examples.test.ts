import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plain, REPO_ROOT, runCli } from './helpers/run-cli.js';

const EXAMPLES = join(REPO_ROOT, 'examples');
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** An example's `simulate` script as CLI arguments (what `npm run simulate` runs in its scaffold). */
function simulateArgs(example: string): string[] {
  const pkg = JSON.parse(readFileSync(join(EXAMPLES, example, 'package.json'), 'utf8')) as {
    scripts?: { simulate?: string };
  };
  const script = pkg.scripts?.simulate ?? '';
  expect(script).toMatch(/^greenlight simulate /);
  expect(script).not.toMatch(/['"$`\\]/); // no quoting: the same on every shell npm may use
  return script.split(/\s+/).slice(1);
}

describe('every example (and so every scaffold) simulates green out of the box', () => {
  it.each(examples)(
    '%s: its simulate script ends in a successful deployment',
    async (example) => {
      const { code, stdout, stderr } = await runCli([...simulateArgs(example), '--time-scale', '0.002'], {
        cwd: join(EXAMPLES, example),
      });
      expect({ code, stderr, stdout: code === 0 ? '' : stdout }).toEqual({ code: 0, stderr: '', stdout: '' });
      expect(plain(stdout)).toMatch(/Succeeded (\(SUCCESSFUL\) )?in /);
    },
    30_000,
  );
});

describe('simulate speaks the CLI language', () => {
  it('asks for --target when a hook invokes a target version it has no code for', async () => {
    const { code, stdout } = await runCli(
      ['simulate', '--hook', 'BeforeAllowTraffic=src/handler.ts', '--time-scale', '0.002', '--no-rollback'],
      { cwd: join(EXAMPLES, 'lambda-before-allow-traffic') },
    );
    expect(code).toBe(1);
    expect(plain(stdout)).toContain('simulate has no code for my-function:2: pass --target <module>');
    expect(stdout).not.toContain('registerFunction');
  });

  it('fails at bundle time, listing the exports, when --hook names an export that does not exist', async () => {
    const { code, stdout, stderr } = await runCli(
      ['simulate', '--hook', 'BeforeAllowTraffic=src/handler.ts#hook'],
      {
        cwd: join(EXAMPLES, 'lambda-before-allow-traffic'),
      },
    );
    expect(code).toBe(1);
    expect(stderr).toContain("src/handler.ts has no export named 'hook' (it exports: handler)");
    // No deployment started: nothing waits for a hook that can never report.
    expect(stdout).toBe('');
  });

  it("runs the middy README example under simulate's defaults (its 300 s function timeout)", async () => {
    const { code, stdout } = await runCli(
      [
        'simulate',
        '--hook',
        `BeforeAllowTraffic=${join(REPO_ROOT, 'packages', 'middy', 'test', 'examples', 'readme.ts')}`,
        '--stub',
        'HEALTH_URL',
        '--time-scale',
        '0.002',
      ],
      { cwd: REPO_ROOT },
    );
    expect(plain(stdout)).not.toContain('early timeout');
    expect(plain(stdout)).toMatch(/Succeeded in /);
    expect(code).toBe(0);
  });

  it('answers --stub requests with the status asked for, so a failing dependency can be tried', async () => {
    const { code, stdout } = await runCli(
      [...simulateArgs('ecs-before-install').map((a) => (a === 'DEPENDENCY_HEALTH_URL' ? `${a}=503` : a))],
      { cwd: join(EXAMPLES, 'ecs-before-install') },
    );
    expect(code).toBe(1);
    expect(plain(stdout)).toMatch(/status 503/);
  });
});
