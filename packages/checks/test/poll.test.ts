import { http } from '@greenlight/checks/http';
import { poll } from '@greenlight/checks/poll';
import { type Check, createHook } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';
import { json, TestHttpServer } from './helpers/http-server.js';

let server: TestHttpServer;
let warm = 0;

beforeAll(async () => {
  server = await TestHttpServer.start();
  server.route('/warming', (_req, res) => json(res, ++warm >= 3 ? 200 : 503, { warm }));
  server.route('/down', (_req, res) => json(res, 503, { error: 'down' }));
});

afterAll(() => server.close());

/** A check that fails `failures` times, then passes; it records when it ran. */
function failingThenPassing(failures: number): Check & { runs: number[] } {
  const runs: number[] = [];
  const check = async () => {
    runs.push(Date.now());
    return runs.length > failures ? true : { passed: false, reason: `attempt ${runs.length} failed` };
  };
  return Object.assign(check, { runs });
}

describe('poll', () => {
  it('re-runs an http check until the endpoint warms up', async () => {
    const check = poll(http({ url: `${server.url}/warming` }), { intervalMs: 20 });
    const verdict = toVerdict(await check(checkContext()));
    expect(verdict).toEqual({
      passed: true,
      reason: `passed after 3 attempts: GET ${server.url}/warming: status 200`,
    });
    expect(server.count('/warming')).toBe(3);
  });

  it('gives up at timeoutMs and reports the last failing reason', async () => {
    const check = poll(http({ url: `${server.url}/down` }), { intervalMs: 30, timeoutMs: 200 });
    const { value, ms } = await timed(async () => toVerdict(await check(checkContext())));
    expect(value.passed).toBe(false);
    expect(value.reason).toMatch(
      /^timed out \(poll gave up after 200 ms\); \d+ attempts in 0\.\d s; last failure: GET .*\/down: status 503, expected 2xx/,
    );
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1_000);
  });

  it('stops after maxAttempts', async () => {
    const check = failingThenPassing(10);
    const verdict = toVerdict(await poll(check, { intervalMs: 1, maxAttempts: 3 })(checkContext()));
    expect(verdict.reason).toMatch(/^still failing; 3 attempts in \d\.\d s; last failure: attempt 3 failed$/);
    expect(check.runs).toHaveLength(3);
  });

  it('waits longer each time with backoff, up to maxIntervalMs', async () => {
    const check = failingThenPassing(4);
    await poll(check, { intervalMs: 40, backoff: 2, maxIntervalMs: 100 })(checkContext());
    const gaps = check.runs.slice(1).map((t, i) => t - check.runs[i]!);
    expect(gaps).toHaveLength(4);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(95);
    expect(gaps[3]).toBeLessThan(190);
  });

  it('retries transient errors and rethrows any other error at once', async () => {
    let calls = 0;
    const throttled: Check = () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return true;
    };
    expect(toVerdict(await poll(throttled, { intervalMs: 1 })(checkContext())).passed).toBe(true);
    expect(calls).toBe(3);

    let denied = 0;
    const accessDenied: Check = () => {
      denied++;
      throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    };
    await expect(poll(accessDenied, { intervalMs: 1 })(checkContext())).rejects.toThrow('not authorized');
    expect(denied).toBe(1);
    await expect(
      poll(accessDenied, { intervalMs: 1, maxAttempts: 2, retryErrors: 'all' })(checkContext()),
    ).resolves.toEqual({
      passed: false,
      reason: expect.stringMatching(
        /^still failing; 2 attempts .* last failure: AccessDeniedException: not authorized$/,
      ),
    });
  });

  it('ends promptly when the hook deadline fires, mid-wait or mid-attempt', async () => {
    const slow = poll(http({ url: `${server.url}/down` }), { intervalMs: 10_000 });
    const { value, ms } = await timed(async () =>
      toVerdict(await slow(checkContext({ signal: deadlineSignal(100) }))),
    );
    expect(value.reason).toMatch(
      /^timed out after 100 ms; 1 attempt in 0\.\d s; last failure: GET .* status 503/,
    );
    expect(ms).toBeLessThan(1_000);

    const hanging: Check = ({ signal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const second = await timed(async () =>
      toVerdict(await poll(hanging)(checkContext({ signal: deadlineSignal(80) }))),
    );
    expect(second.value.reason).toBe(
      'timed out after 80 ms; 1 attempt in 0.1 s; last failure: no attempt finished',
    );
    expect(second.ms).toBeLessThan(1_000);
  });

  it('uses an injected clock for its waits', async () => {
    const waits: number[] = [];
    const clock = {
      now: () => Date.now(),
      setTimeout: (fn: () => void, ms: number) => {
        waits.push(ms);
        // Backoff waits pass at once; the poll's own deadline stays a real (unref'd) timer.
        const timer = setTimeout(fn, ms > 10_000 ? ms : 0);
        timer.unref();
        return timer;
      },
      clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
    };
    const check = failingThenPassing(3);
    await poll(check, { intervalMs: 1_000, backoff: 3, maxIntervalMs: 5_000, clock })(checkContext());
    // First the poll's own deadline (just before the context's, 60 s away), then the backoff.
    expect(waits[0]).toBeGreaterThan(58_000);
    expect(waits.slice(1)).toEqual([1_000, 3_000, 5_000]);
  });

  it("stops just before the hook's deadline, so the hook reports the last failing reason", async () => {
    const hook = createHook(
      { warm: poll(http({ url: `${server.url}/down` }), { intervalMs: 50 }) },
      { timeout: 600, dryRun: true, defaultRemainingMs: 60_000 },
    );
    const result = await hook({ DeploymentId: 'd-POLL00001', LifecycleEventHookExecutionId: 'exec-1' });
    expect(result.status).toBe('Failed');
    expect(result.checks[0]?.reason).toMatch(
      /^timed out \(poll gave up after \d+ ms\); \d+ attempts in \d\.\d s; last failure: GET .*\/down: status 503, expected 2xx/,
    );
  });

  it('rejects unknown and malformed options with a TypeError that names them', () => {
    const ok: Check = () => true;
    expect(() => poll(ok, { interval: 5 } as never)).toThrow(
      /^Unknown option `interval` of poll\(\)\. Known options: intervalMs,/,
    );
    expect(() => poll(ok, { backoff: 0.5 })).toThrow(
      'Expected `backoff` to be a finite number >= 1, got 0.5',
    );
    expect(() => poll(ok, { retryErrors: 'some' as never })).toThrow(
      /Expected `retryErrors` to be one of "transient", "all", "none"/,
    );
    expect(() => poll('nope' as never)).toThrow(
      'Expected the first argument of poll() to be a check function, got string',
    );
  });
});

describe('poll in an Amazon ECS native hook', () => {
  it('runs the check once and answers "not yet" instead of waiting, so ECS calls back', async () => {
    const check = jest.fn(() => ({ passed: false, reason: '1 of 2 healthy' }));
    const context = { ...checkContext(), platform: 'ecs-native' as const };
    const started = Date.now();
    expect(await poll(check, { intervalMs: 5_000 })(context)).toEqual({
      passed: false,
      pending: true,
      reason: 'not yet: 1 of 2 healthy',
    });
    expect(check).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await poll(() => true)(context)).toEqual({ passed: true });
  });
});
