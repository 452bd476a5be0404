import { CheckTimeoutError, createHook } from '@greenlight/core';
import { defaultReserve, systemClock } from '@greenlight/core/internal';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

describe('the deadline', () => {
  let server: TestCodeDeploy;
  let n = 100;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());

  it('reserves min(30 s, max(1 s, 20%)) by default', () => {
    expect(defaultReserve(3_000)).toBe(1_000);
    expect(defaultReserve(60_000)).toBe(12_000);
    expect(defaultReserve(900_000)).toBe(30_000);
  });

  it('fails a check that hangs, with "timed out after N ms", and still reports before the Lambda deadline', async () => {
    const e = event(++n);
    const context = lambdaContext(1_500);
    const handler = createHook(
      { hangs: () => new Promise(() => {}) },
      { client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(e, context);
    expect(result.status).toBe('Failed');
    expect(result.checks[0]).toMatchObject({
      name: 'hangs',
      status: 'Failed',
      reason: expect.stringMatching(/^timed out after 4\d\d ms$/),
    });
    const [report] = server.reports.filter(
      (r) => r.body.lifecycleEventHookExecutionId === e.LifecycleEventHookExecutionId,
    );
    expect(report?.body.status).toBe('Failed');
    expect(report!.at).toBeLessThan(context.end);
  });

  it('gives the check an AbortSignal that fires at the deadline with a CheckTimeoutError', async () => {
    let reason: unknown;
    let abortedAfter = 0;
    const started = Date.now();
    const handler = createHook(
      ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            abortedAfter = Date.now() - started;
            reason = signal.reason;
            reject(signal.reason);
          }),
        ),
      { timeout: 200, client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(30_000));
    expect(reason).toBeInstanceOf(CheckTimeoutError);
    expect(abortedAfter).toBeGreaterThanOrEqual(190);
    expect(result.checks[0]?.reason).toBe('timed out after 200 ms');
  });

  it('uses the smaller of `timeout` and remaining time less the reserve', async () => {
    const handler = createHook(() => new Promise(() => {}), {
      timeout: 5_000,
      reserve: 1_700,
      client: server.client(),
      logger: captureLogger().logger,
    });
    const result = await handler(event(++n), lambdaContext(2_000));
    expect(result.checks[0]?.reason).toMatch(/^timed out after (2\d\d|300) ms$/);
  });

  it('falls back to defaultRemainingMs without a Lambda context', async () => {
    const handler = createHook(() => new Promise(() => {}), {
      defaultRemainingMs: 1_250,
      client: server.client(),
      logger: captureLogger().logger,
    });
    const result = await handler(event(++n));
    expect(result.checks[0]?.reason).toBe('timed out after 250 ms');
    expect(result.reported).toBe(true);
  });

  it('fails without running checks when no time is left before the reserve', async () => {
    const check = jest.fn(() => true);
    const handler = createHook(check, {
      reserve: 5_000,
      client: server.client(),
      logger: captureLogger().logger,
    });
    const result = await handler(event(++n), lambdaContext(2_000));
    expect(check).not.toHaveBeenCalled();
    expect(result.status).toBe('Failed');
    expect(result.reason).toMatch(/no time left/);
    expect(result.reported).toBe(true);
  });

  it('keeps the signal in a context spread into a new one (`{ ...ctx, logger }`), as wrappers do', async () => {
    let reason: unknown;
    const handler = createHook(
      (ctx) => {
        const wrapped = { ...ctx, logger: captureLogger().logger };
        return new Promise((_, reject) =>
          wrapped.signal.addEventListener('abort', () => {
            reason = wrapped.signal.reason;
            reject(wrapped.signal.reason);
          }),
        );
      },
      { timeout: 100, client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(30_000));
    expect(reason).toBeInstanceOf(CheckTimeoutError);
    expect(result.checks[0]?.reason).toBe('timed out after 100 ms');
  });

  it('exposes the deadline and the remaining time to checks', async () => {
    let seen: { deadline: number; remaining: number } | undefined;
    const handler = createHook(
      (ctx) => {
        seen = { deadline: ctx.deadline, remaining: ctx.remainingTimeMs() };
      },
      { timeout: 1_000, client: server.client(), logger: captureLogger().logger },
    );
    const before = Date.now();
    await handler(event(++n), lambdaContext(30_000));
    expect(seen!.deadline).toBeGreaterThanOrEqual(before + 1_000);
    expect(seen!.remaining).toBeGreaterThan(900);
    expect(seen!.remaining).toBeLessThanOrEqual(1_000);
  });

  it('leaves no timer of its own behind once the handler returns, whatever the checks did', async () => {
    const pending = new Set<unknown>();
    const clock = {
      now: () => systemClock.now(),
      setTimeout(callback: () => void, ms: number) {
        const handle = systemClock.setTimeout(() => {
          pending.delete(handle);
          callback();
        }, ms);
        pending.add(handle);
        return handle;
      },
      clearTimeout(handle: unknown) {
        pending.delete(handle);
        systemClock.clearTimeout(handle);
      },
    };
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 503,
      type: 'ServiceUnavailable',
    });
    const handler = createHook(
      {
        slow: () => new Promise((r) => setTimeout(r, 5)),
        fast: () => true,
        hangs: () => new Promise(() => {}),
      },
      {
        timeout: 100,
        clock,
        client: server.client(),
        logger: captureLogger().logger,
        retry: { baseDelayMs: 1 },
      },
    );
    const result = await handler(event(++n), lambdaContext(120_000));
    expect(result.reported).toBe(true);
    expect(pending.size).toBe(0);
  });

  it.each([
    [
      'its own timeout reason',
      'timed out after 150 ms while waiting for GET /health (2 of 3 successes)',
      /^timed out after 150 ms while waiting for GET \/health \(2 of 3 successes\)$/,
    ],
    ['what it was doing', 'socket closed', /^timed out after 150 ms: socket closed$/],
  ])('keeps %s when an aborted check rejects right away', async (_, message, reason) => {
    const handler = createHook(
      ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error(message)))),
      { timeout: 150, client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(30_000));
    expect(result.checks[0]?.reason).toMatch(reason);
  });
});
