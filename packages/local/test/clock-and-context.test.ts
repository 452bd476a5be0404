import { START_DELAY_MS } from '../src/engine/run.js';
import {
  type Clock,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '../src/index.js';
import { clientFor, eventually, report } from './helpers/sdk.js';

/** A clock whose time only moves when the test says so. */
class ManualClock implements Clock {
  #now = Date.now();
  #timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.#now + ms, fn };
    this.#timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t !== handle);
  }
  get pending(): number {
    return this.#timers.length;
  }
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const t of due) t.fn();
  }
}

describe('injectable time', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('runs a 10-minute canary in real time units on an injected clock, moving only when the clock moves', async () => {
    const clock = new ManualClock();
    local = await startLocalCodeDeploy({ clock, timeScale: 1 });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaCanary10Percent10Minutes',
    });
    // A deployment stays Created for the start delay, then starts.
    await new Promise((r) => setTimeout(r, 10));
    expect(d.history.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual(['Created']);
    clock.advance(START_DELAY_MS);
    const start = clock.now();
    await eventually(() => d.history.some((e) => e.type === 'traffic'));
    await new Promise((r) => setTimeout(r, 30));
    expect(
      d.history.filter((e) => e.type === 'traffic').map((e) => (e.type === 'traffic' ? e.targetWeight : 0)),
    ).toEqual([10]);
    clock.advance(9 * 60_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(local.state.lambdaFunctions.get('fn')?.aliases.get('live')?.additionalVersionWeights).toEqual({
      '2': 0.1,
    });
    clock.advance(60_000);
    expect((await d.done).status).toBe('Succeeded');
    const allow = d.timeline[1]!;
    expect(allow.startTime!.getTime()).toBe(start);
    expect(allow.endTime!.getTime()).toBe(start + 10 * 60_000);
    expect(clock.pending).toBe(0);
  });
});

describe('the Lambda-like context of in-process hooks', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('gives functionName, invokedFunctionArn, awsRequestId and a remaining time from the function timeout', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, functionTimeoutMs: 5_000 });
    const client = clientFor(local);
    let seen: LambdaLikeContext | undefined;
    let remaining = 0;
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async (event, context) => {
          seen = context;
          remaining = context.getRemainingTimeInMillis();
          await report(client, event, 'Succeeded');
        },
      },
    });
    await d.done;
    expect(seen?.functionName).toMatch(/^CodeDeployHook_fn_BeforeAllowTraffic_\d+$/);
    expect(seen?.invokedFunctionArn).toBe(
      `arn:aws:lambda:us-east-1:123456789012:function:${seen?.functionName}`,
    );
    expect(seen?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(remaining).toBeGreaterThan(4_000);
    expect(remaining).toBeLessThanOrEqual(5_000);
    client.destroy();
  });

  it('counts a handler still running at its function timeout as a failed invocation and retries it', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001, functionTimeoutMs: 50, hookRetries: 1 });
    const client = clientFor(local);
    let calls = 0;
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async (event) => {
          calls += 1;
          if (calls === 1) await new Promise((r) => setTimeout(r, 200));
          else await report(client, event, 'Succeeded');
        },
      },
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(d.timeline[0]).toMatchObject({ attempts: 2, hookReason: 'Task timed out after 0.05 seconds' });
    client.destroy();
  });
});
