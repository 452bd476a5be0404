import { getEventListeners, getMaxListeners } from 'node:events';
import { type Check, createHook } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

describe('verdicts, reported through the real SDK', () => {
  let server: TestCodeDeploy;
  let n = 0;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());

  async function run(check: Check) {
    const e = event(++n);
    const handler = createHook({ only: check }, { client: server.client(), logger: captureLogger().logger });
    const result = await handler(e, lambdaContext(10_000));
    const recorded = server.reports.filter(
      (r) => r.body.lifecycleEventHookExecutionId === e.LifecycleEventHookExecutionId,
    );
    return { result, recorded };
  }

  it.each<[string, Check, string | undefined]>([
    ['returns true', () => true, undefined],
    ['returns nothing', () => undefined, undefined],
    ['resolves { passed: true }', async () => ({ passed: true }), undefined],
    ['returns a non-verdict value', () => 'fine' as never, undefined],
  ])('reports Succeeded when the check %s', async (_, check) => {
    const { result, recorded } = await run(check);
    expect(result.status).toBe('Succeeded');
    expect(result.reported).toBe(true);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.body).toMatchObject({ status: 'Succeeded', deploymentId: 'd-ABCDEF123' });
  });

  it.each<[string, Check, RegExp]>([
    ['returns false', () => false, /returned false/],
    [
      'resolves a failing verdict',
      async () => ({ passed: false, reason: 'p99 850 ms > 500 ms' }),
      /p99 850 ms > 500 ms/,
    ],
    [
      'throws an Error',
      () => {
        throw new RangeError('bad range');
      },
      /RangeError: bad range/,
    ],
    ['rejects with a string', () => Promise.reject('nope'), /nope/],
    ['rejects with a number', () => Promise.reject(42), /non-Error value 42/],
    ['rejects with undefined', () => Promise.reject(undefined), /undefined/],
    ['returns a verdict with a non-boolean passed', () => ({ passed: 'yes' }) as never, /not a boolean/],
  ])('reports Failed when the check %s, with the reason', async (_, check, reason) => {
    const { result, recorded } = await run(check);
    expect(result.status).toBe('Failed');
    expect(result.reason).toMatch(reason);
    expect(result.checks[0]).toMatchObject({ name: 'only', status: 'Failed' });
    expect(result.checks[0]?.reason).toMatch(reason);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.body.status).toBe('Failed');
  });

  it('fails the hook when any named check fails, and names each in the reason', async () => {
    const e = event(++n);
    const handler = createHook(
      { a: () => true, b: () => false, c: () => Promise.reject(new Error('down')) },
      { client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(e, lambdaContext(10_000));
    expect(result.status).toBe('Failed');
    expect(result.reason).toBe('b: returned false; c: down');
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['a', 'Succeeded'],
      ['b', 'Failed'],
      ['c', 'Failed'],
    ]);
    for (const c of result.checks) expect(c.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs named checks concurrently by default', async () => {
    let running = 0;
    let most = 0;
    const slow: Check = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
    };
    const handler = createHook(
      { a: slow, b: slow, c: slow },
      { client: server.client(), logger: captureLogger().logger },
    );
    await handler(event(++n), lambdaContext(10_000));
    expect(most).toBe(3);
  });

  it('runs checks one after another in order when sequential', async () => {
    const order: string[] = [];
    const step =
      (name: string): Check =>
      async () => {
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${name}`);
      };
    const handler = createHook(
      { a: step('a'), b: step('b') },
      { sequential: true, client: server.client(), logger: captureLogger().logger },
    );
    await handler(event(++n), lambdaContext(10_000));
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('skips the rest after the first failure when sequential and failFast', async () => {
    const third = jest.fn(() => true);
    const handler = createHook(
      { a: () => true, b: () => false, c: third },
      { sequential: true, failFast: true, client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(10_000));
    expect(third).not.toHaveBeenCalled();
    expect(result.checks.map((c) => c.status)).toEqual(['Succeeded', 'Failed', 'Skipped']);
    expect(result.checks[2]?.reason).toMatch(/check "b" failed first/);
    expect(result.reason).toBe('b: returned false');
  });

  it('cancels running siblings through their signal when concurrent and failFast', async () => {
    let seen: unknown;
    const waits: Check = ({ signal }) =>
      new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          seen = signal.reason;
          reject(signal.reason);
        }),
      );
    const handler = createHook(
      { waits, fails: async () => false },
      { failFast: true, client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(10_000));
    expect(result.status).toBe('Failed');
    expect(result.checks.find((c) => c.name === 'waits')).toMatchObject({
      status: 'Skipped',
      reason: 'cancelled: check "fails" failed first',
    });
    expect(seen).toMatchObject({ code: 'CHECK_CANCELLED' });
  });

  it('runs more than ten checks, each listening on its signal, under the limit Node warns past', async () => {
    // Node prints MaxListenersExceededWarning when an AbortSignal has more 'abort' listeners than its limit
    // (10 by default). Each check (and its I/O) may listen; greenlight itself must not add one per check.
    const seen: { listeners: number; limit: number }[] = [];
    const listens: Check = ({ signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => resolve(false));
        setTimeout(() => {
          seen.push({ listeners: getEventListeners(signal, 'abort').length, limit: getMaxListeners(signal) });
          resolve(true);
        }, 5);
      });
    const checks = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, listens]));
    const handler = createHook(checks, { client: server.client(), logger: captureLogger().logger });
    const result = await handler(event(++n), lambdaContext(10_000));
    expect(result.status).toBe('Succeeded');
    expect(seen).toHaveLength(15);
    for (const { listeners, limit } of seen) expect(limit === 0 || listeners <= limit).toBe(true);
  });

  it('names a single unnamed check `check` and uses its reason as the hook reason', async () => {
    const handler = createHook(() => ({ passed: false, reason: 'nope' }), {
      client: server.client(),
      logger: captureLogger().logger,
    });
    const result = await handler(event(++n), lambdaContext(10_000));
    expect(result.checks[0]?.name).toBe('check');
    expect(result.reason).toBe('nope');
  });
});

describe('a pending verdict in a CodeDeploy hook', () => {
  it('fails, because CodeDeploy cannot call the hook back', async () => {
    const server = await TestCodeDeploy.start();
    try {
      const handler = createHook(() => ({ passed: false, pending: true, reason: '2 of 3 healthy' }), {
        client: server.client(),
        logger: captureLogger().logger,
      });
      const result = await handler(event(999), lambdaContext(10_000));
      expect(result.status).toBe('Failed');
      expect(result.reason).toBe('not ready before the deadline: 2 of 3 healthy');
      expect(server.reports[0]?.body.status).toBe('Failed');
    } finally {
      await server.close();
    }
  });
});
