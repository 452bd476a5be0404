import { defaultReserve, greenlight } from '@greenlight/middy';
import middy from '@middy/core';
import {
  captureLogger,
  hookEvent,
  lambdaContext,
  ScriptedCodeDeploy,
  useEndpoint,
} from './helpers/codedeploy-server.js';

const never = () => new Promise<never>(() => {});

describe('a handler that hangs is reported Failed in time, with the reserve left for the report', () => {
  let server: ScriptedCodeDeploy;
  let restore: () => void;
  beforeEach(async () => {
    server = await ScriptedCodeDeploy.start();
    restore = useEndpoint(server.endpoint);
  });
  afterEach(async () => {
    restore();
    await server.close();
  });
  const fast = { baseDelayMs: 5, maxDelayMs: 20 };

  it('reports Failed when middy’s early timeout, set to the reserve, fires', async () => {
    const remaining = 1_500;
    const reserve = defaultReserve(remaining); // 1 s: max(1 s, 20%)
    const ctx = lambdaContext(remaining);
    const handler = middy({ timeoutEarlyInMillis: reserve })
      .use(greenlight({ logger: captureLogger().logger, retry: fast }))
      .handler(never);
    const result = await handler(hookEvent(), ctx as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result).toMatchObject({ status: 'Failed', reported: true });
    expect(result.reason).toMatch(/^timed out after \d+ ms/);
    // The report landed within the reserve, well before the Lambda deadline.
    const at = server.reports[0]?.at ?? Number.POSITIVE_INFINITY;
    expect(at).toBeLessThan(ctx.end - reserve / 2);
    expect(at).toBeGreaterThanOrEqual(ctx.end - reserve - 50);
  });

  it('still reports in time with middy’s 5 ms default: the middleware’s own deadline fires first', async () => {
    const remaining = 1_500;
    const ctx = lambdaContext(remaining);
    const handler = middy()
      .use(greenlight({ logger: captureLogger().logger, retry: fast }))
      .handler(never);
    const result = await handler(hookEvent(), ctx as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(result).toMatchObject({
      status: 'Failed',
      reason: expect.stringMatching(/^timed out after (49\d|500) ms$/),
      reported: true,
    });
    expect(server.reports[0]?.at).toBeLessThan(ctx.end - 500);
  });

  it('reports Failed in time when middy’s early timeout is off and the handler answers after the deadline', async () => {
    const ctx = lambdaContext(1_500);
    const { lines, logger } = captureLogger();
    let answeredAt = 0;
    const handler = middy({ timeoutEarlyInMillis: 0 })
      .use(greenlight({ logger, retry: fast }))
      .handler(
        () =>
          new Promise<boolean>((resolve) =>
            setTimeout(() => {
              answeredAt = Date.now();
              resolve(true);
            }, 800),
          ),
      );
    const result = await handler(hookEvent(), ctx as never);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    // Reported at the deadline (500 ms in), before the handler answered (800 ms in).
    expect(server.reports[0]?.at).toBeLessThan(answeredAt);
    expect(result).toMatchObject({
      status: 'Failed',
      reason: expect.stringMatching(/^timed out after (49\d|500) ms$/),
    });
    expect(lines.map((l) => l.message)).toContain(
      'the handler settled after its deadline; its result was not reported',
    );
  });

  it('gives the handler at most `timeout`, then reports Failed without waiting for it', async () => {
    let answeredAt = 0;
    const handler = middy()
      .use(greenlight({ logger: captureLogger().logger, timeout: 100 }))
      .handler(
        () =>
          new Promise<boolean>((resolve) =>
            setTimeout(() => {
              answeredAt = Date.now();
              resolve(true);
            }, 400),
          ),
      );
    const result = await handler(hookEvent(), lambdaContext(60_000) as never);
    expect(result).toMatchObject({ status: 'Failed', reason: 'timed out after 100 ms' });
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    expect(server.reports[0]?.at).toBeLessThan(answeredAt);
  });

  it('warns once, naming a value that works, when middy’s early timeout is at or past the time left', async () => {
    const { lines, logger } = captureLogger();
    const FUNCTION_TIMEOUT_MS = 300_000; // in code, while the function really has 30 s
    const handler = middy({ timeoutEarlyInMillis: defaultReserve(FUNCTION_TIMEOUT_MS) })
      .use(greenlight({ logger, retry: fast }))
      .handler(never);
    const result = await handler(hookEvent(), lambdaContext(30_000) as never);
    expect(result).toMatchObject({
      status: 'Failed',
      reason: expect.stringMatching(/middy's early timeout/),
    });
    const warned = lines.filter((l) => l.level === 'warn' && /timeoutEarlyInMillis/.test(l.message));
    expect(warned).toHaveLength(1);
    expect(warned[0]?.message).toMatch(
      /at or past the time the invocation has, so the handler could never run/,
    );
    expect(warned[0]?.attributes).toMatchObject({ suggestedTimeoutEarlyInMillis: defaultReserve(30_000) });
  });

  it('does not warn when middy’s early timeout leaves the handler its time', async () => {
    const { lines, logger } = captureLogger();
    const handler = middy({ timeoutEarlyInMillis: 1_000 })
      .use(greenlight({ logger, retry: fast, reserve: 500 }))
      .handler(never);
    const result = await handler(hookEvent(), lambdaContext(1_500) as never);
    expect(result.reason).toMatch(/middy's early timeout/);
    expect(lines.filter((l) => /timeoutEarlyInMillis/.test(l.message))).toEqual([]);
  });

  it('does not run the handler when no time is left before the reserve', async () => {
    let ran = false;
    const handler = middy()
      .use(greenlight({ logger: captureLogger().logger, reserve: 5_000 }))
      .handler(async () => {
        ran = true;
        return true;
      });
    const result = await handler(hookEvent(), lambdaContext(4_000) as never);
    expect(ran).toBe(false);
    expect(result).toMatchObject({ status: 'Failed', reason: 'not run: no time left before the reserve' });
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
  });
});
