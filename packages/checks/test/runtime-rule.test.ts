import type { ServerResponse } from 'node:http';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { alarms } from '@greenlight/checks/alarms';
import { http } from '@greenlight/checks/http';
import { invokeTarget } from '@greenlight/checks/invoke-target';
import { poll } from '@greenlight/checks/poll';
import { CheckTimeoutError, type CodeDeployHookContext, InvalidOptionsError } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { checkContext, deadlineSignal } from './helpers/context.js';
import { json, TestHttpServer } from './helpers/http-server.js';
import { abortListeners, done, recordTimers } from './helpers/runtime.js';

// Lambda ends an invocation when nothing holds the event loop: every wait a pending check makes must keep the
// process alive, every request it abandons must be given up, and nothing of it may outlive it.
let server: TestHttpServer;
const held: ServerResponse[] = [];
let warm = 0;

beforeAll(async () => {
  server = await TestHttpServer.start();
  server.route('/ok', (_req, res) => json(res, 200, { status: 'ok' }));
  server.route('/down', (_req, res) => json(res, 503, { status: 'down' }));
  server.route('/warming', (_req, res) => json(res, ++warm % 3 === 0 ? 200 : 503, { warm }));
  server.route('/hold', (_req, res) => {
    held.push(res); // answered by the test, or never
  });
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await server.close();
});

const lambdaTarget = {
  kind: 'lambda',
  targetId: 'fn',
  lifecycleEvents: [],
  functionName: 'fn',
  targetVersion: '2',
} as const;

describe('every wait of a pending check keeps the process alive', () => {
  it("http's request timeout is a ref'd timer while the request is pending, cleared after", async () => {
    const { timers } = await recordTimers(async () => {
      const running = http({ url: `${server.url}/hold`, timeoutMs: 2_000 })(checkContext());
      await new Promise((resolve) => setImmediate(resolve));
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      held.shift()?.end('late');
      return running;
    });
    const timeout = timers.filter((t) => t.ms === 2_000);
    expect(timeout.map((t) => [t.timer.hasRef(), done(t)])).toEqual([[true, true]]);
  });

  it("http with successes waits between its requests on a ref'd timer", async () => {
    const { value, timers } = await recordTimers(() =>
      http({ url: `${server.url}/ok`, successes: 2, intervalMs: 400 })(checkContext()),
    );
    expect(toVerdict(value).passed).toBe(true);
    expect(timers.filter((t) => t.ms === 400).map((t) => t.timer.hasRef())).toEqual([true]);
  });

  it("poll waits between its attempts on a ref'd timer", async () => {
    warm = 0;
    const { value, timers } = await recordTimers(() =>
      poll(http({ url: `${server.url}/warming` }), { intervalMs: 300 })(checkContext()),
    );
    expect(toVerdict(value).passed).toBe(true);
    expect(timers.filter((t) => t.ms === 300).map((t) => t.timer.hasRef())).toEqual([true, true]);
  });

  it('leaves no timer and no abort listener once it settled', async () => {
    const context = checkContext();
    warm = 0;
    const { timers } = await recordTimers(async () => {
      await poll(http({ url: `${server.url}/warming`, timeoutMs: 1_000 }), { intervalMs: 20 })(context);
      await http({ url: `${server.url}/ok`, successes: 3, intervalMs: 10 })(context);
    });
    expect(timers.length).toBeGreaterThan(5);
    expect(timers.filter((t) => !done(t)).map((t) => t.ms)).toEqual([]);
    expect(abortListeners(context.signal)).toBe(0);
  });
});

describe('an abandoned request is given up when the check is', () => {
  it('an AWS call whose client ignores the abort signal ends at the deadline', async () => {
    const ignoring = { send: () => new Promise<never>(() => {}) };
    const check = invokeTarget({ client: ignoring });
    const verdict = toVerdict(
      await check(checkContext({ signal: deadlineSignal(100), target: lambdaTarget })),
    );
    expect(verdict).toEqual({ passed: false, reason: 'timed out after 100 ms while invoking fn:2' });
  });

  it('a fetch that ignores the abort signal ends at the deadline', async () => {
    const ignoring = (() => new Promise<never>(() => {})) as unknown as typeof fetch;
    const verdict = toVerdict(
      await http({ url: 'https://example.invalid/', fetch: ignoring })(
        checkContext({ signal: deadlineSignal(100) }),
      ),
    );
    expect(verdict.reason).toBe('timed out after 100 ms while waiting for GET https://example.invalid/');
  });

  it('the real SDK request to a version that never answers is aborted at the deadline', async () => {
    const answered: string[] = [];
    server.route('/2015-03-31/functions/fn/invocations', (_req, res) => {
      res.on('close', () => answered.push(res.writableFinished ? 'answered' : 'abandoned by the client'));
    });
    const lambda = new LambdaClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      const verdict = toVerdict(
        await invokeTarget({ client: lambda })(
          checkContext({ signal: deadlineSignal(150), target: lambdaTarget }),
        ),
      );
      expect(verdict.reason).toMatch(/^timed out after 150 ms while invoking fn:2/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toEqual(['abandoned by the client']);
    } finally {
      lambda.destroy();
    }
  });
});

describe('odd values do not become odd timers', () => {
  it.each([
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
    ['intervalMs', { intervalMs: 3e9 }],
  ])("http refuses a %s longer than Node's longest timer", (option, extra) => {
    expect(() => http({ url: 'http://x', ...extra })).toThrow(InvalidOptionsError);
    expect(() => http({ url: 'http://x', ...extra })).toThrow(
      new RegExp(`Expected \`${option}\` to be a positive|non-negative`),
    );
  });

  it("poll refuses a timeoutMs longer than Node's longest timer", () => {
    expect(() => poll(() => true, { timeoutMs: 1e12 })).toThrow(InvalidOptionsError);
  });

  it.each<[string, () => unknown]>([
    ['NaN', () => Number.NaN],
    ['undefined', () => undefined],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['more than 2^31 - 1', () => 2 ** 40],
    ['a BigInt', () => 10n ** 12n],
    [
      'a throw',
      () => {
        throw new Error('no context');
      },
    ],
  ])('poll keeps polling until it passes when the remaining time is %s', async (_, remaining) => {
    warm = 0;
    const context = { ...checkContext(), remainingTimeMs: remaining } as unknown as CodeDeployHookContext;
    // A timer past 2^31 - 1 ms fires after 1 ms (TimeoutOverflowWarning): the poll would give up at once.
    const verdict = toVerdict(
      await poll(http({ url: `${server.url}/warming` }), { intervalMs: 10 })(context),
    );
    expect(verdict).toEqual({
      passed: true,
      reason: `passed after 3 attempts: GET ${server.url}/warming: status 200`,
    });
  });

  it('poll with an unknown remaining time still ends at the hook deadline', async () => {
    const context = {
      ...checkContext({ signal: deadlineSignal(120) }),
      remainingTimeMs: () => Number.NaN,
    } as unknown as CodeDeployHookContext;
    const verdict = toVerdict(await poll(() => false, { intervalMs: 10 })(context));
    expect(verdict.reason).toMatch(
      /^timed out after 120 ms; \d+ attempts in 0\.1 s; last failure: returned false$/,
    );
  });
});

describe('bad values from user callbacks become reasons', () => {
  /** A value that breaks whoever turns it into text. */
  const hostile = {
    toString() {
      throw new Error('toString exploded');
    },
    toJSON() {
      throw new Error('toJSON exploded');
    },
    get message(): string {
      throw new Error('message exploded');
    },
  };

  it('an expectBody predicate that throws a value whose toString and message throw', async () => {
    const verdict = toVerdict(
      await http({
        url: `${server.url}/ok`,
        expectBody: () => {
          throw hostile;
        },
      })(checkContext()),
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toMatch(/the expectBody predicate threw: non-Error value/);
  });

  it('an expectStatus predicate that throws', async () => {
    const verdict = toVerdict(
      await http({
        url: `${server.url}/ok`,
        expectStatus: () => {
          throw new RangeError('no statuses today');
        },
      })(checkContext()),
    );
    expect(verdict.reason).toMatch(/the expectStatus predicate threw: RangeError: no statuses today$/);
  });

  it('a url function that answers a value that cannot become text', async () => {
    const verdict = toVerdict(await http({ url: () => hostile as unknown as string })(checkContext()));
    expect(verdict).toEqual({
      passed: false,
      reason: 'http: turning the url into text threw: toString exploded',
    });
  });

  it('a fetch that rejects with an object whose message getter throws', async () => {
    const fetch = (() => Promise.reject(hostile)) as unknown as typeof globalThis.fetch;
    const verdict = toVerdict(await http({ url: 'https://example.invalid/', fetch })(checkContext()));
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toMatch(/^GET https:\/\/example\.invalid\/: non-Error value/);
  });

  it('an invokeTarget payload that cannot become JSON, and an expect predicate that throws', async () => {
    const lambda = { send: async () => ({ StatusCode: 200, Payload: new TextEncoder().encode('{}') }) };
    const context = checkContext({ target: lambdaTarget });
    const payload = toVerdict(await invokeTarget({ client: lambda, payload: () => hostile })(context));
    expect(payload.reason).toBe('fn:2: turning the payload into JSON threw: toJSON exploded');
    const expect_ = toVerdict(
      await invokeTarget({
        client: lambda,
        expect: () => {
          throw hostile;
        },
      })(context),
    );
    expect(expect_.reason).toMatch(/^fn:2: the expect predicate threw: non-Error value/);
  });

  it('an alarms client that rejects with a non-Error fails the check with a CheckCallError, not a raw value', async () => {
    const cloudwatch = { send: () => Promise.reject(hostile) };
    await expect(alarms({ names: ['a'], client: cloudwatch })(checkContext())).rejects.toMatchObject({
      name: 'CheckCallError',
      code: 'CHECK_CALL_FAILED',
      message: expect.stringMatching(/^alarms: DescribeAlarms failed: non-Error value/),
    });
  });
});

describe('listeners', () => {
  it('checks that share a signal, each with a request in flight, add no listener to it (no MaxListenersExceededWarning)', async () => {
    const context = checkContext();
    const running = Array.from({ length: 12 }, () => http({ url: `${server.url}/hold` })(context));
    while (held.length < 12) await new Promise((resolve) => setImmediate(resolve));
    const during = abortListeners(context.signal);
    for (const res of held.splice(0)) res.end('ok');
    await Promise.all(running);
    expect(during).toBeLessThanOrEqual(1);
    expect(abortListeners(context.signal)).toBe(0);
  });

  it('a poll of many attempts leaves no listener on the signal', async () => {
    const context = checkContext();
    await poll(http({ url: `${server.url}/down` }), { intervalMs: 5, maxAttempts: 15 })(context);
    expect(abortListeners(context.signal)).toBe(0);
  });

  it('a check abandoned at the deadline leaves no listener on the signal', async () => {
    const signal = deadlineSignal(50);
    await http({ url: `${server.url}/hold`, successes: 3 })(checkContext({ signal }));
    held.shift()?.destroy();
    expect(abortListeners(signal)).toBe(0);
    expect(signal.reason).toBeInstanceOf(CheckTimeoutError);
  });
});
