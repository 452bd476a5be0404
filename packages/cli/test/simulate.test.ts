import { join } from 'node:path';
import type { HookResult } from '@greenlight/core';
import { LOOP_EMPTIED } from '@greenlight/local';
import { eventFromPath, mapHooks, platformFor } from '../src/simulate/hooks.js';
import type { SimulationResult } from '../src/simulate/run.js';
import { FIXTURES, plain, REPO_ROOT, runCli } from './helpers/run-cli.js';

const hook = join(FIXTURES, 'hooks', 'before-allow-traffic.ts');
const fast = ['--time-scale', '0.001'];

describe('greenlight simulate', () => {
  it('runs a Lambda canary of a good hook to Succeeded, with a timeline, and exits 0', async () => {
    const { code, stdout } = await runCli(['simulate', hook, ...fast]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /deployment d-[A-Z0-9]{9} {2}Lambda my-function:live version 1 → 2 {2}CodeDeployDefault\.LambdaCanary10Percent5Minutes/,
    );
    expect(stdout).toMatch(/▸ BeforeAllowTraffic +started +hook CodeDeployHook_/);
    expect(stdout).toMatch(/✓ BeforeAllowTraffic +Succeeded +(\d+ ms|\d+\.\d s)/);
    expect(stdout).toContain('✓ event');
    expect(stdout).toContain('serving BeforeAllowTraffic');
    expect(stdout).toMatch(/ 10% → version 2/);
    expect(stdout).toMatch(/100% → version 2/);
    expect(stdout).toMatch(/d-[A-Z0-9]{9} Succeeded in/);
    // The hook's checks are printed right under its lifecycle event, before the traffic moves.
    expect(stdout.indexOf('serving BeforeAllowTraffic')).toBeLessThan(stdout.indexOf('10% → version 2'));
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 1 when the hook fails, shows its reason and the rollback', async () => {
    const { code, stdout } = await runCli(['simulate', hook, ...fast, '-e', 'FIXTURE_VERDICT=fail']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ BeforeAllowTraffic +Failed/);
    expect(stdout).toContain('✗ verdict');
    expect(stdout).toContain('FIXTURE_VERDICT says fail');
    expect(stdout).toMatch(/– AllowTraffic +Skipped/);
    expect(stdout).toMatch(/Failed in .*HOOK_EXECUTION_FAILURE/);
    expect(stdout).toMatch(/↩ rolled back by d-[A-Z0-9]{9} \(Succeeded\)/);
    expect(stdout).toMatch(/version 2 → 1 {2}CodeDeployDefault\.LambdaAllAtOnce {2}\(rollback of d-/);
  });

  it('prints one JSON document with --json', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      hook,
      ...fast,
      '--json',
      '--config',
      'LambdaLinear10PercentEvery1Minute',
      '-e',
      'FIXTURE_VERDICT=fail',
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as SimulationResult;
    expect(result.status).toBe('Failed');
    expect(result.deployments).toHaveLength(2);
    const [first, rollback] = result.deployments;
    const before = first!.lifecycleEvents.find((e) => e.lifecycleEvent === 'BeforeAllowTraffic');
    expect(before).toMatchObject({
      status: 'Failed',
      attempts: 1,
      hook: { outcome: 'returned', failed: false, leftBehind: [], result: { status: 'Failed' } },
    });
    const returned = before?.hook?.result as HookResult;
    expect(returned.checks.find((c) => c.name === 'verdict')?.reason).toBe('FIXTURE_VERDICT says fail');
    expect(rollback).toMatchObject({ rollbackOf: first!.deploymentId, status: 'Succeeded' });
  });

  it('shows traffic moving step by step with a linear config', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      hook,
      ...fast,
      '--json',
      '-c',
      'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SimulationResult;
    expect(result.deployments[0]!.traffic.map((t) => t.targetWeight)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
  });

  it('colours the timeline on a terminal, and not with NO_COLOR', async () => {
    const tty = await runCli(['simulate', hook, ...fast], { tty: true });
    expect(tty.stdout).toContain('\u001b[32m');
    expect(plain(tty.stdout)).toMatch(/✓ BeforeAllowTraffic +Succeeded/);
    const noColor = await runCli(['simulate', hook, ...fast], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('invokes the --target version from an example hook: a good version passes, a broken one fails', async () => {
    const example = join(REPO_ROOT, 'examples', 'lambda-before-allow-traffic', 'src', 'handler.ts');
    const good = await runCli([
      'simulate',
      example,
      ...fast,
      '--target',
      join(FIXTURES, 'targets', 'good-version.ts'),
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('✓ quote');
    expect(good.stdout).toContain('my-function:2 answered as expected');
    const bad = await runCli([
      'simulate',
      example,
      ...fast,
      '--target',
      join(FIXTURES, 'targets', 'broken-version.ts'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      'my-function:2 failed (Unhandled): RangeError: orders: PRICE_TABLE is empty',
    );
  });

  it('simulates an ECS blue/green deployment of an example hook, the platform read from its path', async () => {
    const example = join(REPO_ROOT, 'examples', 'ecs-after-install', 'src', 'handler.ts');
    const { code, stdout } = await runCli([
      'simulate',
      example,
      ...fast,
      '-c',
      'ECSAllAtOnce',
      '--service',
      'orders-web',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ECS default\/orders-web blue → green {2}CodeDeployDefault\.ECSAllAtOnce/);
    expect(stdout).toMatch(/✓ AfterInstall +Succeeded/);
    expect(stdout).toContain('is steady: 1 of 1 tasks running');
    expect(stdout).toMatch(/test traffic +█+ 100% → green \(replacement\)/);
    expect(stdout).toMatch(/✓ AfterAllowTestTraffic +Succeeded/); // no hook: it succeeds at once, as on AWS
  });

  it('stops the deployment when a watched alarm is in ALARM during traffic shifting', async () => {
    const { code, stdout } = await runCli(['simulate', hook, ...fast, '--alarm', 'orders-errors=ALARM']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ AllowTraffic +Failed .*orders-errors/);
    expect(stdout).toMatch(/Stopped in .*ALARM_ACTIVE/);
    expect(stdout).toMatch(/↩ rolled back by d-/);
  });

  it('shows a hook that throws without reporting: each invocation, the retries, then the hook timeout', async () => {
    const thrower = join(FIXTURES, 'hooks', 'after-allow-traffic.ts');
    const { code, stdout } = await runCli(['simulate', thrower, ...fast, '-c', 'LambdaAllAtOnce']);
    expect(code).toBe(1);
    const failures = stdout.match(
      /! AfterAllowTraffic +invocation \d failed: Error: cannot read config: ORDERS_TABLE is not set/g,
    );
    expect(failures).toHaveLength(3);
    expect(stdout.match(/no report from this invocation/g)).toHaveLength(1);
    expect(stdout).toMatch(
      /✗ AfterAllowTraffic +Failed .*did not report a status for AfterAllowTraffic within 60 minutes/,
    );
  });

  it('explains a module that cannot be bundled', async () => {
    const { code, stderr } = await runCli([
      'simulate',
      '--hook',
      `BeforeAllowTraffic=${join(FIXTURES, 'missing.ts')}`,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('could not bundle the hooks');
  });

  it('refuses a path that names no lifecycle event, suggesting --hook', async () => {
    const { code, stderr } = await runCli(['simulate', 'src/handler.ts']);
    expect(code).toBe(2);
    expect(stderr).toContain('cannot tell which lifecycle event src/handler.ts serves');
    expect(stderr).toContain('--hook BeforeAllowTraffic=src/handler.ts');
  });

  it('refuses to run without a hook', async () => {
    const { code, stderr } = await runCli(['simulate']);
    expect(code).toBe(2);
    expect(stderr).toContain('no hook to simulate');
  });
});

describe("simulate runs a hook as Lambda's Node.js runtime does", () => {
  const warmUp = join(FIXTURES, 'hooks', 'warm-up-first.ts');
  const run = (...env: string[]) =>
    runCli([
      'simulate',
      '--hook',
      `BeforeAllowTraffic=${warmUp}`,
      ...fast,
      '-c',
      'LambdaAllAtOnce',
      '--no-rollback',
      ...env.flatMap((e) => ['-e', e]),
    ]);

  it("fails a hook that waits on an unref'd timer: its event loop empties, and the timeline says why", async () => {
    // The same wait as below, unref'd: nothing holds the process, so each invocation ends at once (its
    // timer would fire only if a later invocation thawed the process after the wait, and the retries come sooner).
    const { code, stdout } = await run('FIXTURE_WAIT_MS=1500', 'FIXTURE_UNREF=1');
    expect(code).toBe(1);
    expect(stdout).toContain(`! BeforeAllowTraffic    invocation 1 failed: ${LOOP_EMPTIED}`);
    expect(stdout).toMatch(/invocation 3 failed: the event loop emptied/);
    expect(stdout).toContain("nothing the handler was waiting on kept the process alive (an unref'd timer");
    expect(stdout).toMatch(/✗ BeforeAllowTraffic +Failed .*did not report a status for BeforeAllowTraffic/);
  });

  it("passes the same hook when its wait is a ref'd timer, as the handler waits on it", async () => {
    const { code, stdout } = await run('FIXTURE_WAIT_MS=1500');
    expect(stdout).not.toContain('the event loop emptied');
    expect(stdout).toMatch(/✓ BeforeAllowTraffic +Succeeded/);
    expect(code).toBe(0);
  });

  it('warns when a handler returns leaving a timer behind, which the warm container inherits', async () => {
    const { code, stdout } = await run('FIXTURE_LEAVE_TIMER=1');
    expect(code).toBe(0);
    expect(stdout).toContain('⚠ the handler settled but left 1 timer behind');
  });
});

describe('mapping hook modules to lifecycle events', () => {
  it.each([
    ['examples/lambda-before-allow-traffic/src/handler.ts', 'BeforeAllowTraffic'],
    ['examples/ecs-after-allow-test-traffic/src/handler.ts', 'AfterAllowTestTraffic'],
    ['examples/ecs-after-allow-traffic/src/handler.ts', 'AfterAllowTraffic'],
    ['hooks/after-install.ts', 'AfterInstall'],
    ['hooks/BeforeInstall.ts', 'BeforeInstall'],
    ['src/handler.ts', undefined],
  ])('reads %s as %s', (path, event) => {
    expect(eventFromPath(path)).toBe(event);
  });

  it('takes --hook flags with an export name', () => {
    expect(mapHooks([], ['after-allow-traffic=src/post.ts#postHook'], '/repo')).toEqual([
      { event: 'AfterAllowTraffic', module: '/repo/src/post.ts', exportName: 'postHook' },
    ]);
  });

  it('refuses two hooks for one event and an unknown event', () => {
    expect(() => mapHooks(['a/before-install.ts'], ['BeforeInstall=b.ts'], '/')).toThrow(
      'two hooks for BeforeInstall',
    );
    expect(() => mapHooks([], ['BeforeDeploy=b.ts'], '/')).toThrow(
      "'BeforeDeploy' is not a hook lifecycle event",
    );
  });

  it('picks ECS for ECS-only events and ecs- folders, Lambda otherwise, and refuses ECS-only events on Lambda', () => {
    expect(platformFor(mapHooks(['x/after-install.ts'], [], '/'), undefined)).toBe('ecs');
    expect(
      platformFor(mapHooks(['examples/ecs-before-allow-traffic/src/handler.ts'], [], '/'), undefined),
    ).toBe('ecs');
    expect(platformFor(mapHooks(['x/before-allow-traffic.ts'], [], '/'), undefined)).toBe('lambda');
    expect(() => platformFor(mapHooks(['x/after-install.ts'], [], '/'), 'lambda')).toThrow(
      'AfterInstall is not a Lambda lifecycle event',
    );
  });
});
