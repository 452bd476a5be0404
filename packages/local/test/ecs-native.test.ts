import { join } from 'node:path';
import {
  type EcsNativeHookEvent,
  type EcsNativeStage,
  Scheduler,
  simulateEcsNativeDeployment,
  systemClock,
} from '@greenlight/local';
import { runTsFile } from './helpers/child.js';

const ok = () => ({ hookStatus: 'SUCCEEDED' });

describe('a simulated Amazon ECS native blue/green deployment', () => {
  it('runs the stages in order, each hook once with its stage payload, and succeeds', async () => {
    const seen: EcsNativeHookEvent[] = [];
    const record = (e: EcsNativeHookEvent) => {
      seen.push(e);
      return { hookStatus: 'SUCCEEDED' };
    };
    const stages: EcsNativeStage[] = [
      'PRE_SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
    ];
    const d = simulateEcsNativeDeployment({
      cluster: 'prod',
      service: 'web',
      timeScale: 0,
      hooks: Object.fromEntries(stages.map((s) => [s, record])),
    });
    const outcome = await d.done;
    expect(outcome).toEqual({ status: 'Succeeded', serviceDeploymentStatus: 'SUCCESSFUL' });
    expect(seen.map((e) => e.lifecycleStage)).toEqual(stages);
    const { green, blue, serviceArn, resourceArn } = d.arns;
    expect(serviceArn).toBe('arn:aws:ecs:us-east-1:123456789012:service/prod/web');
    expect(resourceArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/web\/[A-Za-z0-9]{21}$/,
    );
    for (const e of seen) {
      expect(e.resourceArn).toBe(resourceArn);
      expect(e.executionDetails).toMatchObject({ serviceArn, targetServiceRevisionArn: green });
    }
    const at = (s: EcsNativeStage) => seen.find((e) => e.lifecycleStage === s)!.executionDetails;
    expect(at('TEST_TRAFFIC_SHIFT')).toMatchObject({
      testTrafficWeights: { [green]: 100, [blue]: 0 },
      productionTrafficWeights: {},
    });
    expect(at('PRE_PRODUCTION_TRAFFIC_SHIFT').productionTrafficWeights).toEqual({ [green]: 0, [blue]: 100 });
    expect(at('PRODUCTION_TRAFFIC_SHIFT').productionTrafficWeights).toEqual({ [green]: 100, [blue]: 0 });
    expect(at('POST_SCALE_UP')).toMatchObject({ testTrafficWeights: {}, productionTrafficWeights: {} });
    expect(d.timeline.map((t) => [t.lifecycleEvent, t.status])).toEqual([
      ['PRE_SCALE_UP', 'Succeeded'],
      ['SCALE_UP', 'Succeeded'],
      ['POST_SCALE_UP', 'Succeeded'],
      ['TEST_TRAFFIC_SHIFT', 'Succeeded'],
      ['POST_TEST_TRAFFIC_SHIFT', 'Succeeded'],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'Succeeded'],
      ['PRODUCTION_TRAFFIC_SHIFT', 'Succeeded'],
      ['POST_PRODUCTION_TRAFFIC_SHIFT', 'Succeeded'],
      ['BAKE_TIME', 'Succeeded'],
      ['CLEAN_UP', 'Succeeded'],
    ]);
  });

  it('re-invokes an IN_PROGRESS hook after its callBackDelay (scaled), passing back its hookDetails', async () => {
    const details: unknown[] = [];
    let n = 0;
    const polling = (e: EcsNativeHookEvent) => {
      details.push(e.hookDetails);
      return ++n < 3
        ? { hookStatus: 'IN_PROGRESS', callBackDelay: 10, hookDetails: { round: n } }
        : { hookStatus: 'SUCCEEDED' };
    };
    const started = Date.now();
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0.001,
      stepMs: 0,
      hooks: { POST_TEST_TRAFFIC_SHIFT: { handler: polling, hookDetails: { bucket: 'approvals' } } },
    });
    expect((await d.done).status).toBe('Succeeded');
    // Two callbacks of 10 simulated seconds at 1/1000 speed: at least 20 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
    expect(details).toEqual([
      { bucket: 'approvals' },
      { bucket: 'approvals', round: 1 },
      { bucket: 'approvals', round: 2 },
    ]);
    expect(d.timeline.find((t) => t.lifecycleEvent === 'POST_TEST_TRAFFIC_SHIFT')?.attempts).toBe(3);
    expect(new Set(d.invocations.map((i) => i.event.executionId)).size).toBe(1);
  });

  it.each([
    ['answers FAILED', () => ({ hookStatus: 'FAILED' }), /answered FAILED/],
    [
      'throws',
      () => {
        throw new Error('smoke test failed');
      },
      /function error: smoke test failed/,
    ],
    ['returns nothing', () => undefined, /returned nothing/],
    ['returns an invalid hookStatus', () => ({ hookStatus: 'OK' }), /invalid hookStatus "OK"/],
  ])(
    'rolls back when the hook %s, re-running the traffic-shift hooks with weights moving back',
    async (_, failing, reason) => {
      const rollbackSeen: EcsNativeHookEvent[] = [];
      const shift = (e: EcsNativeHookEvent) => {
        if (d.invocations.some((i) => i.stage === 'POST_PRODUCTION_TRAFFIC_SHIFT')) rollbackSeen.push(e);
        return ok();
      };
      const d = simulateEcsNativeDeployment({
        service: 'web',
        timeScale: 0,
        hooks: {
          TEST_TRAFFIC_SHIFT: shift,
          PRODUCTION_TRAFFIC_SHIFT: shift,
          POST_PRODUCTION_TRAFFIC_SHIFT: failing,
        },
      });
      const outcome = await d.done;
      expect(outcome).toMatchObject({
        status: 'Failed',
        serviceDeploymentStatus: 'ROLLBACK_SUCCESSFUL',
        rollbackStatus: 'Succeeded',
      });
      expect(outcome.errorInformation?.message).toMatch(reason);
      expect(rollbackSeen.map((e) => e.lifecycleStage)).toEqual([
        'PRODUCTION_TRAFFIC_SHIFT',
        'TEST_TRAFFIC_SHIFT',
      ]);
      const { green, blue } = d.arns;
      expect(rollbackSeen[0]?.executionDetails.productionTrafficWeights).toEqual({ [green]: 0, [blue]: 100 });
      expect(rollbackSeen[1]?.executionDetails.testTrafficWeights).toEqual({ [green]: 0, [blue]: 100 });
      expect(d.timeline.map((t) => t.lifecycleEvent).slice(-4)).toEqual([
        'BAKE_TIME',
        'CLEAN_UP',
        'PRODUCTION_TRAFFIC_SHIFT (rollback)',
        'TEST_TRAFFIC_SHIFT (rollback)',
      ]);
      expect(d.timeline.find((t) => t.lifecycleEvent === 'BAKE_TIME')?.status).toBe('Skipped');
    },
  );

  it('runs no rollback hook for traffic that never moved', async () => {
    const shift = jest.fn(ok);
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      hooks: { POST_SCALE_UP: () => ({ hookStatus: 'FAILED' }), TEST_TRAFFIC_SHIFT: shift },
    });
    expect((await d.done).serviceDeploymentStatus).toBe('ROLLBACK_SUCCESSFUL');
    expect(shift).not.toHaveBeenCalled();
  });

  it('ends ROLLBACK_FAILED when a traffic-shift hook fails during the rollback', async () => {
    let forward = true;
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      hooks: {
        TEST_TRAFFIC_SHIFT: () => ({ hookStatus: forward ? 'SUCCEEDED' : 'FAILED' }),
        POST_TEST_TRAFFIC_SHIFT: () => {
          forward = false;
          return { hookStatus: 'FAILED' };
        },
      },
    });
    expect(await d.done).toMatchObject({
      serviceDeploymentStatus: 'ROLLBACK_FAILED',
      rollbackStatus: 'Failed',
    });
  });

  it('rolls back when a hook stays IN_PROGRESS past its timeout, or continues with timeoutAction CONTINUE', async () => {
    const forever = () => ({ hookStatus: 'IN_PROGRESS', callBackDelay: 30 });
    const rollback = simulateEcsNativeDeployment({
      service: 'a',
      timeScale: 0,
      hooks: { POST_SCALE_UP: { handler: forever, timeoutInMinutes: 2 } },
    });
    const outcome = await rollback.done;
    expect(outcome.errorInformation?.message).toMatch(/did not answer SUCCEEDED within 2 min/);
    expect(rollback.timeline.find((t) => t.lifecycleEvent === 'POST_SCALE_UP')?.attempts).toBe(5);
    const cont = simulateEcsNativeDeployment({
      service: 'b',
      timeScale: 0,
      hooks: { POST_SCALE_UP: { handler: forever, timeoutInMinutes: 1, timeoutAction: 'CONTINUE' } },
    });
    expect((await cont.done).serviceDeploymentStatus).toBe('SUCCESSFUL');
  });

  it('gives the hook a Lambda-like context and fails it at its function timeout', async () => {
    let remaining = -1;
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      hooks: {
        PRE_SCALE_UP: {
          handler: (_e, ctx) => {
            remaining = ctx.getRemainingTimeInMillis();
            return new Promise(() => {});
          },
          functionTimeoutMs: 50,
        },
      },
    });
    const outcome = await d.done;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(50);
    expect(outcome.errorInformation?.message).toMatch(/Task timed out after 0.05 seconds/);
  });

  it('streams the same event shapes as CodeDeploy deployments, ending with the outcome', async () => {
    const d = simulateEcsNativeDeployment({ service: 'web', timeScale: 0, hooks: { PRE_SCALE_UP: ok } });
    const types: string[] = [];
    for await (const ev of d.events()) types.push(ev.type);
    expect(types[0]).toBe('status');
    expect(types).toContain('lifecycle');
    expect(types).toContain('invocation');
    expect(types).toContain('traffic');
    expect(types.at(-1)).toBe('outcome');
  });

  it('can be stopped', async () => {
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 1,
      hooks: { PRE_SCALE_UP: () => ({ hookStatus: 'IN_PROGRESS', callBackDelay: 60 }) },
    });
    setTimeout(() => d.stop(), 20);
    expect(await d.done).toMatchObject({ status: 'Stopped', serviceDeploymentStatus: 'STOPPED' });
  });
});

describe('the runtime rule for the emulator itself', () => {
  /** What keeps an event loop alive that the emulator could have left behind (stdio pipes are the script's). */
  const leftovers = (active: string[]) => active.filter((r) => !['PipeWrap', 'TTYWrap'].includes(r));

  it('keeps a plain script awaiting an ECS native deployment alive until the outcome, then leaves nothing', async () => {
    const run = await runTsFile(join(__dirname, 'fixtures', 'ecs-native-script.mts'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as {
      outcome: { serviceDeploymentStatus: string };
      active: string[];
    };
    expect(printed.outcome.serviceDeploymentStatus).toBe('SUCCESSFUL');
    expect(leftovers(printed.active)).toEqual([]);
  });

  it('leaves nothing behind after a CodeDeploy deployment in the engine and close()', async () => {
    const run = await runTsFile(join(__dirname, 'fixtures', 'engine-script.mts'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const printed = JSON.parse(run.stdout) as { outcome: { status: string }; active: string[] };
    expect(printed.outcome.status).toBe('Succeeded');
    expect(leftovers(printed.active)).toEqual([]);
  });

  it('holds the process while a wait is pending and releases it when the wait ends or the scheduler closes', async () => {
    const scheduler = new Scheduler(systemClock, 1);
    expect(scheduler.active).toBe(false);
    const wait = scheduler.realSleep(5);
    expect(scheduler.active).toBe(true);
    expect(await wait).toBe(true);
    expect(scheduler.active).toBe(false);
    const release = scheduler.hold();
    expect(scheduler.active).toBe(true);
    release();
    release();
    expect(scheduler.active).toBe(false);
    const long = scheduler.realSleep(60_000);
    scheduler.hold();
    scheduler.close();
    expect(await long).toBe(false);
    expect(scheduler.active).toBe(false);
    expect(await scheduler.realSleep(1)).toBe(false);
  });

  it('ends the function-timeout wait of every invocation as soon as the hook answers', async () => {
    const clock = {
      pending: new Set<unknown>(),
      now: () => Date.now(),
      setTimeout(fn: () => void, ms: number) {
        const t = setTimeout(() => {
          clock.pending.delete(t);
          fn();
        }, ms);
        t.unref();
        clock.pending.add(t);
        return t;
      },
      clearTimeout(handle: unknown) {
        clock.pending.delete(handle);
        clearTimeout(handle as NodeJS.Timeout);
      },
    };
    let waitsDuringLastHook = -1;
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      clock,
      hooks: {
        PRE_SCALE_UP: ok,
        POST_SCALE_UP: ok,
        POST_TEST_TRAFFIC_SHIFT: () => {
          waitsDuringLastHook = clock.pending.size;
          return ok();
        },
      },
    });
    await d.done;
    // Only this invocation's own timeout is pending while it runs: none left over from earlier hooks.
    expect(waitsDuringLastHook).toBe(1);
    expect(clock.pending.size).toBe(0);
  });
  it('refuses a hook under a name that is not an ECS lifecycle stage, and unknown options, naming them', () => {
    expect(() =>
      simulateEcsNativeDeployment({ service: 'web', hooks: { POST_TEST_TRAFFIC: ok } as never }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'hooks.POST_TEST_TRAFFIC',
        message: expect.stringContaining('got POST_TEST_TRAFFIC'),
      }),
    );
    expect(() => simulateEcsNativeDeployment({ service: 'web', timescale: 0 } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'timescale' }),
    );
    expect(() => simulateEcsNativeDeployment({ service: '' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'service' }),
    );
  });
});
