import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { type Check, createEcsHook, createHook } from '@greenlight/core';
import { systemClock } from '@greenlight/core/internal';
import {
  type EcsNativeHandler,
  type LocalCodeDeploy,
  simulateEcsNativeDeployment,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { captureLogger } from '@greenlight/test-support/codedeploy-server';

// One set of checks, run unchanged as a CodeDeploy ECS hook (AfterAllowTestTraffic) and as an Amazon ECS native
// hook (POST_TEST_TRAFFIC_SHIFT), each against its local engine.
describe('one check, two platforms', () => {
  let server: Server;
  let url = '';
  let healthy = true;
  let local: LocalCodeDeploy;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(healthy ? 200 : 503);
      res.end(healthy ? 'ok' : 'down');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    local = await startLocalCodeDeploy({ timeScale: 0 });
  });
  afterAll(async () => {
    await local.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  // The shared checks: an HTTP check on the test listener, and one that reads the target either platform gives.
  const checks: Record<string, Check> = {
    testListener: async ({ signal }) => {
      const res = await fetch(url, { signal });
      return res.ok || { passed: false, reason: `test listener answered ${res.status}` };
    },
    target: async (ctx) => {
      const t = await ctx.target();
      return (t.kind === 'ecs' && t.service === 'web') || (t.kind === 'ecs-native' && t.service === 'web');
    },
  };
  const logger = () => captureLogger().logger;

  async function asCodeDeploy(): Promise<'Succeeded' | 'Failed'> {
    const client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const hook = createHook(checks, { client, logger: logger() });
    const d = await local.deployEcs({
      cluster: 'prod',
      service: 'web',
      hooks: { AfterAllowTestTraffic: hook },
      autoRollback: true,
    });
    return (await d.done).status === 'Succeeded' ? 'Succeeded' : 'Failed';
  }
  async function asEcsNative(): Promise<'Succeeded' | 'Failed'> {
    const hook = createEcsHook(checks, { logger: logger() });
    const d = simulateEcsNativeDeployment({
      cluster: 'prod',
      service: 'web',
      timeScale: 0,
      hooks: { POST_TEST_TRAFFIC_SHIFT: hook as EcsNativeHandler },
    });
    return (await d.done).status === 'Succeeded' ? 'Succeeded' : 'Failed';
  }

  it.each([
    [true, 'Succeeded'],
    [false, 'Failed'],
  ] as const)('with a healthy test listener = %s, both platforms agree: %s', async (h, expected) => {
    healthy = h;
    expect([await asCodeDeploy(), await asEcsNative()]).toEqual([expected, expected]);
  });

  it('an ECS native hook polls a not-ready check with IN_PROGRESS until it passes, without holding the Lambda', async () => {
    let calls = 0;
    const warmingUp: Check = () =>
      ++calls < 4 ? { passed: false, pending: true, reason: `${calls} of 4 targets warm` } : true;
    const hook = createEcsHook({ warmingUp }, { logger: logger(), callBackDelay: 20 });
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0.0005,
      stepMs: 0,
      hooks: { POST_SCALE_UP: hook as EcsNativeHandler },
    });
    expect((await d.done).serviceDeploymentStatus).toBe('SUCCESSFUL');
    const answers = d.invocations
      .filter((i) => i.stage === 'POST_SCALE_UP')
      .map((i) => i.response as { hookStatus: string; callBackDelay?: number });
    expect(answers.map((a) => a.hookStatus)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'SUCCEEDED',
    ]);
    expect(answers[0]?.callBackDelay).toBe(20);
  });

  it('gives up with FAILED past maxWaitMs across invocations, and ECS rolls back re-running the traffic-shift hooks', async () => {
    const neverReady: Check = () => ({ passed: false, pending: true, reason: 'replacement not warm' });
    const shifts: string[] = [];
    const shift = createEcsHook(
      async (ctx) => {
        const t = await ctx.target();
        if (t.kind === 'ecs-native')
          shifts.push(`${t.lifecycleEvent}${t.rollingBack ? ' rolling back' : ''}`);
      },
      { logger: logger() },
    );
    // The simulation runs at time scale 0; the hook's own clock advances 30 s per invocation, as real callbacks would.
    let now = Date.now();
    const clock = { ...systemClock, now: () => now };
    const gate = createEcsHook(
      { neverReady },
      { logger: logger(), callBackDelay: 30, maxWaitMs: 120_000, clock },
    );
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      hooks: {
        TEST_TRAFFIC_SHIFT: shift as EcsNativeHandler,
        PRODUCTION_TRAFFIC_SHIFT: shift as EcsNativeHandler,
        POST_PRODUCTION_TRAFFIC_SHIFT: (event, context) => {
          now += 30_000;
          return gate(event as never, context);
        },
      },
    });
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Failed', serviceDeploymentStatus: 'ROLLBACK_SUCCESSFUL' });
    const gateAnswers = d.invocations
      .filter((i) => i.stage === 'POST_PRODUCTION_TRAFFIC_SHIFT')
      .map((i) => (i.response as { hookStatus: string }).hookStatus);
    expect(gateAnswers.at(-1)).toBe('FAILED');
    expect(gateAnswers.slice(0, -1).every((s) => s === 'IN_PROGRESS')).toBe(true);
    // 30 s apart, a 120 s limit: IN_PROGRESS at 0, 30, 60 and 90 s waited (the next call still fits), FAILED at 120 s.
    expect(gateAnswers).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FAILED']);
    expect(shifts).toEqual([
      'TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT rolling back',
      'TEST_TRAFFIC_SHIFT rolling back',
    ]);
  });
});
