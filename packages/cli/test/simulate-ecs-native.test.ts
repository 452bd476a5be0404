import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECS_HOOK_EVENTS, ECS_NATIVE_HOOK_STAGES, LAMBDA_HOOK_EVENTS } from '@greenlight/local';
import type { EcsNativeResult } from '../src/simulate/ecs-native.js';
import { eventFromPath, mapHooks, platformFor } from '../src/simulate/hooks.js';
import { verdictFromLog } from '../src/simulate/verdict.js';
import { FIXTURES, REPO_ROOT, runCli } from './helpers/run-cli.js';

const hook = join(FIXTURES, 'ecs-native', 'post-test-traffic-shift.ts');
const fast = ['--time-scale', '0.001'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-native-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('greenlight simulate --platform ecs-native', () => {
  it('runs a passing ECS native deployment to SUCCESSFUL, the platform read from the stage, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['simulate', hook, ...fast]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/deployment \S+ {2}ECS native default\/my-service blue → green/);
    for (const stage of ['PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'])
      expect(stdout).toMatch(new RegExp(`✓ ${stage} +Succeeded`));
    expect(stdout).toMatch(/↳ POST_TEST_TRAFFIC_SHIFT +invocation 1: SUCCEEDED/);
    expect(stdout).toMatch(/✓ POST_TEST_TRAFFIC_SHIFT +Succeeded/);
    expect(stdout).toMatch(/test traffic +█+ 100% → green/);
    expect(stdout).toMatch(/\n +\+\d+\.\d+s ⇄ traffic +█+ 100% → green/);
    expect(stdout).toMatch(/Succeeded \(SUCCESSFUL\) in /);
    expect(stdout).not.toContain('rollback');
    expect(stdout).not.toContain('\u001b[');
  });

  it('shows IN_PROGRESS answers, then SUCCEEDED, with the checks the hook logged', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      '--hook',
      `post-test-traffic-shift=${hook}`,
      '--platform',
      'ecs-native',
      ...fast,
      '-e',
      `FIXTURE_COUNTER=${join(dir, 'count')}`,
      '-e',
      'FIXTURE_PENDING=2',
    ]);
    expect(code).toBe(0);
    const answers = [...stdout.matchAll(/POST_TEST_TRAFFIC_SHIFT +invocation (\d): (\w+)/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(answers).toEqual(['1 IN_PROGRESS', '2 IN_PROGRESS', '3 SUCCEEDED']);
    expect(stdout).toContain('(ECS calls again in 5 s)');
    expect(stdout).toContain('– ready');
    expect(stdout).toContain('warming up (2)');
    // The answers come before the stage's end.
    expect(stdout.indexOf('invocation 3: SUCCEEDED')).toBeLessThan(
      stdout.search(/✓ POST_TEST_TRAFFIC_SHIFT +Succeeded/),
    );
  });

  it('exits 1 when a hook answers FAILED, and shows the rollback re-running the traffic-shift hooks', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      '--hook',
      `POST_TEST_TRAFFIC_SHIFT=${hook}`,
      '--hook',
      `TEST_TRAFFIC_SHIFT=${hook}`,
      ...fast,
      '-e',
      'FIXTURE_FAIL_STAGE=POST_TEST_TRAFFIC_SHIFT',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/↳ POST_TEST_TRAFFIC_SHIFT +invocation 1: FAILED/);
    expect(stdout).toContain('✗ verdict');
    expect(stdout).toContain('FIXTURE_FAIL_STAGE says fail POST_TEST_TRAFFIC_SHIFT');
    expect(stdout).toMatch(/✗ POST_TEST_TRAFFIC_SHIFT +Failed .*the hook answered FAILED/);
    expect(stdout).toMatch(/▸ TEST_TRAFFIC_SHIFT \(rollback\) +started/);
    expect(stdout).toMatch(/↳ TEST_TRAFFIC_SHIFT \(rollback\) +invocation 1: SUCCEEDED/);
    expect(stdout).toMatch(/test traffic +░+ +0% → green/);
    expect(stdout).toMatch(/✓ TEST_TRAFFIC_SHIFT \(rollback\) +Succeeded/);
    expect(stdout).not.toMatch(/PRODUCTION_TRAFFIC_SHIFT +(started|Succeeded)/);
    expect(stdout).toMatch(/Failed \(ROLLBACK_SUCCESSFUL\) in .*HOOK_FAILED: POST_TEST_TRAFFIC_SHIFT/);
    expect(stdout).toContain('↩ rolled back to blue (Succeeded)');
  });

  it('rolls back on a hook that throws, showing the invocation error', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      '--hook',
      `PRE_SCALE_UP=${join(FIXTURES, 'hooks', 'after-allow-traffic.ts')}`,
      ...fast,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/! PRE_SCALE_UP +invocation 1 failed: .*ORDERS_TABLE is not set/);
    expect(stdout).not.toContain('Lambda retries it');
    expect(stdout).toMatch(/✗ PRE_SCALE_UP +Failed .*function error/);
    expect(stdout).toContain('ROLLBACK_SUCCESSFUL');
  });

  it("rolls back on an answer ECS does not accept, saying why (local's own rule)", async () => {
    const { code, stdout } = await runCli([
      'simulate',
      '--hook',
      `PRE_SCALE_UP=${join(FIXTURES, 'targets', 'good-version.ts')}`,
      ...fast,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /↳ PRE_SCALE_UP +invocation 1: not an answer ECS accepts: invalid hookStatus undefined/,
    );
    expect(stdout).toContain('ROLLBACK_SUCCESSFUL');
  });

  it('prints one JSON document with --json', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      hook,
      ...fast,
      '--json',
      '--cluster',
      'shop',
      '--service',
      'orders',
      '-e',
      `FIXTURE_COUNTER=${join(dir, 'count')}`,
      '-e',
      'FIXTURE_PENDING=1',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as EcsNativeResult;
    expect(result).toMatchObject({ status: 'Succeeded', serviceDeploymentStatus: 'SUCCESSFUL' });
    expect(result.deployments).toHaveLength(1);
    const [d] = result.deployments;
    expect(d).toMatchObject({ platform: 'ecs-native', status: 'Succeeded' });
    expect(d!.deploymentId).toMatch(/^arn:aws:ecs:us-east-1:\d{12}:service-deployment\/shop\/orders\/\w+$/);
    const stage = d!.lifecycleEvents.find((e) => e.lifecycleEvent === 'POST_TEST_TRAFFIC_SHIFT');
    expect(stage).toMatchObject({ status: 'Succeeded', attempts: 2 });
    expect(stage?.invocations?.map((i) => [i.attempt, i.hookStatus])).toEqual([
      [1, 'IN_PROGRESS'],
      [2, 'SUCCEEDED'],
    ]);
    expect(stage?.invocations?.[0]).toMatchObject({ callBackDelay: 5 });
    expect(stage?.invocations?.[0]?.verdict?.checks?.find((c) => c.name === 'ready')).toMatchObject({
      status: 'Pending',
    });
    expect(d!.traffic.map((t) => [t.listener, t.targetWeight])).toEqual([
      ['test', 100],
      ['production', 100],
    ]);
  });

  it('prints the failed outcome and the rollback entries in --json', async () => {
    const { code, stdout } = await runCli([
      'simulate',
      hook,
      ...fast,
      '--json',
      '-e',
      'FIXTURE_FAIL_STAGE=POST_TEST_TRAFFIC_SHIFT',
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as EcsNativeResult;
    expect(result).toMatchObject({ status: 'Failed', serviceDeploymentStatus: 'ROLLBACK_SUCCESSFUL' });
    const d = result.deployments[0]!;
    expect(d.errorInformation?.message).toContain('POST_TEST_TRAFFIC_SHIFT');
    expect(d.rollbackStatus).toBe('Succeeded');
    expect(d.lifecycleEvents.map((e) => e.lifecycleEvent)).toContain('TEST_TRAFFIC_SHIFT (rollback)');
    expect(d.lifecycleEvents.find((e) => e.lifecycleEvent === 'POST_TEST_TRAFFIC_SHIFT')).toMatchObject({
      status: 'Failed',
      message: 'the hook answered FAILED',
      invocations: [{ attempt: 1, hookStatus: 'FAILED' }],
    });
  });

  it('runs the ecs-native-post-test-traffic example against a test listener and --target-group', async () => {
    let status = 200;
    const listener = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'error' }));
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    const run = () =>
      runCli([
        'simulate',
        join(REPO_ROOT, 'examples', 'ecs-native-post-test-traffic'),
        ...fast,
        '--target-group',
        'orders-green=2',
        '-e',
        `TEST_LISTENER_URL=${url}`,
        '-e',
        'TEST_TARGET_GROUP=orders-green',
      ]);
    try {
      const good = await run();
      expect(good.stdout).toMatch(/↳ POST_TEST_TRAFFIC_SHIFT +invocation 1: SUCCEEDED/);
      expect(good.stdout).toContain('✓ targets');
      expect(good.code).toBe(0);
      status = 500;
      const bad = await run();
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/↳ POST_TEST_TRAFFIC_SHIFT +invocation 1: FAILED/);
      expect(bad.stdout).toContain('✗ health');
      expect(bad.stdout).toMatch(/✓ TEST_TRAFFIC_SHIFT \(rollback\) +Succeeded/);
    } finally {
      listener.closeAllConnections();
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('stops on Ctrl+C (the signal): exit 130, the hook processes killed', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const { code, stderr } = await runCli(
      [
        'simulate',
        hook,
        '--time-scale',
        '0.01',
        '-e',
        `FIXTURE_COUNTER=${join(dir, 'count')}`,
        '-e',
        'FIXTURE_PENDING=1000',
      ],
      { signal: stop.signal, onStdout: (text) => text.includes('invocation 1:') && stop.abort() },
    );
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("documents ecs-native in --help, listing every stage and hook event from @greenlight/local's lists", async () => {
    const { code, stdout } = await runCli(['simulate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('lambda, ecs or ecs-native');
    const listed = (label: string) => {
      const start = stdout.indexOf(`\n  ${label} `);
      const lines = [stdout.slice(start + 1).split('\n')[0]!];
      for (const line of stdout
        .slice(start + 1)
        .split('\n')
        .slice(1)) {
        if (!line.startsWith(' '.repeat(15))) break;
        lines.push(line);
      }
      return lines
        .join(' ')
        .slice(label.length + 2)
        .trim()
        .split(/,\s+/);
    };
    expect(listed('Lambda')).toEqual([...LAMBDA_HOOK_EVENTS]);
    expect(listed('ECS')).toEqual([...ECS_HOOK_EVENTS]);
    expect(listed('ECS native')).toEqual([...ECS_NATIVE_HOOK_STAGES]);
  });

  it.each([
    [['--hook', 'POST_TEST_SHIFT=x.ts'], "'POST_TEST_SHIFT' is not a hook lifecycle event"],
    [['--hook', 'PRE_SCALE_UP=x.ts', '--platform', 'ecs'], 'use --platform ecs-native'],
    [['--hook', 'BeforeInstall=x.ts', '--platform', 'ecs-native'], 'is a CodeDeploy lifecycle event'],
    [['--hook', 'PRE_SCALE_UP=x.ts', '--platform', 'ecs-nativ'], 'lambda, ecs or ecs-native'],
    [['--hook', 'PRE_SCALE_UP=x.ts', '-c', 'ECSAllAtOnce'], '--config has no meaning'],
    [['--hook', 'PRE_SCALE_UP=x.ts', '--target-group', 'g=3/2'], '--target-group expects'],
  ])('is a usage error (exit 2): %j', async (args, message) => {
    const { code, stderr } = await runCli(['simulate', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('mapping modules to ECS native stages', () => {
  it.each([
    ['examples/ecs-native-post-test-traffic/src/handler.ts', 'POST_TEST_TRAFFIC_SHIFT'],
    ['examples/ecs-native-post-test-traffic', 'POST_TEST_TRAFFIC_SHIFT'],
    ['hooks/pre-scale-up.ts', 'PRE_SCALE_UP'],
    ['hooks/POST_PRODUCTION_TRAFFIC_SHIFT.ts', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
    ['hooks/production-traffic-shift.ts', 'PRODUCTION_TRAFFIC_SHIFT'],
    ['hooks/test-traffic.ts', 'TEST_TRAFFIC_SHIFT'],
    // The CodeDeploy names keep winning where they are longer.
    ['examples/ecs-after-allow-test-traffic/src/handler.ts', 'AfterAllowTestTraffic'],
  ])('reads %s as %s', (path, event) => {
    expect(eventFromPath(path)).toBe(event);
  });

  it('takes kebab-case and exact --hook names, and infers ecs-native', () => {
    const hooks = mapHooks(
      ['examples/ecs-native-post-test-traffic/src/handler.ts'],
      ['pre-scale-up=a.ts', 'PRODUCTION_TRAFFIC_SHIFT=b.ts#prod'],
      '/repo',
    );
    expect(hooks.map((h) => [h.event, h.exportName])).toEqual([
      ['PRE_SCALE_UP', 'handler'],
      ['PRODUCTION_TRAFFIC_SHIFT', 'prod'],
      ['POST_TEST_TRAFFIC_SHIFT', 'handler'],
    ]);
    expect(hooks[2]?.platformHint).toBe('ecs-native');
    expect(platformFor(hooks, undefined)).toBe('ecs-native');
    expect(() =>
      platformFor(mapHooks([], ['PRE_SCALE_UP=a.ts', 'AfterInstall=b.ts'], '/'), undefined),
    ).toThrow('cannot run in one deployment');
  });

  it('reads the verdict createEcsHook logs', () => {
    const log = `noise\n{"message":"greenlight ECS hook verdict","hookStatus":"FAILED","reason":"x: no","checks":[{"name":"x","status":"Failed"}]}\n`;
    expect(verdictFromLog(log)).toMatchObject({ hookStatus: 'FAILED', reason: 'x: no' });
    expect(verdictFromLog('{"checks": 1}\nplain')).toBeUndefined();
  });
});
