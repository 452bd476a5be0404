import type { ServerResponse } from 'node:http';
import { http } from '@greenlight/checks/http';
import { type CheckVerdict, InvalidOptionsError } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';
import { json, TestHttpServer } from './helpers/http-server.js';

let server: TestHttpServer;
const hung: ServerResponse[] = [];

beforeAll(async () => {
  server = await TestHttpServer.start();
  server.route('/ok', (_req, res) => json(res, 200, { status: 'ok', version: 4, deps: [{ name: 'db' }] }));
  server.route('/degraded', (_req, res) => json(res, 200, { status: 'degraded', version: 4 }));
  server.route('/down', (_req, res) => json(res, 503, { error: 'warming up' }));
  server.route('/text', (_req, res) => res.writeHead(200).end('all systems go'));
  server.route('/created', (_req, res) => res.writeHead(201).end());
  server.route('/echo', (req, res) =>
    json(res, 200, {
      method: req.method,
      type: req.headers['content-type'],
      token: req.headers['x-token'],
      body: req.body,
    }),
  );
  server.route('/hang', (_req, res) => hung.push(res));
  let flaky = 0;
  server.route('/second-fails', (_req, res) => json(res, ++flaky === 2 ? 500 : 200, {}));
});

afterAll(async () => {
  for (const res of hung) res.destroy();
  await server.close();
});

const run = async (options: Parameters<typeof http>[0], signal?: AbortSignal): Promise<CheckVerdict> =>
  toVerdict(await http(options)(checkContext(signal ? { signal } : {})));

describe('http', () => {
  it('passes on a 2xx answer and says which request passed', async () => {
    const verdict = await run({ url: `${server.url}/ok` });
    expect(verdict).toEqual({ passed: true, reason: `GET ${server.url}/ok: status 200` });
  });

  it('fails on a 503 and the reason names the status, the expectation and the body', async () => {
    const verdict = await run({ url: `${server.url}/down` });
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toBe(
      `GET ${server.url}/down: status 503, expected 2xx; body "{\\"error\\":\\"warming up\\"}"`,
    );
  });

  it('accepts an expected status, a list of statuses or a predicate', async () => {
    expect((await run({ url: `${server.url}/created`, expectStatus: 201 })).passed).toBe(true);
    expect((await run({ url: `${server.url}/down`, expectStatus: [500, 503] })).passed).toBe(true);
    expect((await run({ url: `${server.url}/ok`, expectStatus: (s) => s >= 300 })).reason).toMatch(
      /status 200, expected a status the expectStatus predicate accepts/,
    );
    expect((await run({ url: `${server.url}/ok`, expectStatus: 204 })).reason).toMatch(
      /status 200, expected 204;/,
    );
  });

  it('checks the body as text: a string it must contain, or a RegExp', async () => {
    expect((await run({ url: `${server.url}/text`, expectBody: 'systems go' })).passed).toBe(true);
    expect((await run({ url: `${server.url}/text`, expectBody: 'red alert' })).reason).toBe(
      `GET ${server.url}/text: body does not contain "red alert": "all systems go"`,
    );
    expect((await run({ url: `${server.url}/text`, expectBody: /^all .* go$/ })).passed).toBe(true);
    expect((await run({ url: `${server.url}/text`, expectBody: /^ok$/ })).reason).toMatch(
      /body does not match \/\^ok\$\//,
    );
  });

  it('checks a JSON subset and names the member that differs', async () => {
    expect(
      (await run({ url: `${server.url}/ok`, expectBody: { status: 'ok', deps: [{ name: 'db' }] } })).passed,
    ).toBe(true);
    expect((await run({ url: `${server.url}/ok`, expectBody: { version: /^4/ } })).reason).toMatch(
      /body.version is 4, expected a string matching \/\^4\//,
    );
    const verdict = await run({ url: `${server.url}/degraded`, expectBody: { status: 'ok' } });
    expect(verdict.reason).toBe(`GET ${server.url}/degraded: body.status is "degraded", expected "ok"`);
    expect((await run({ url: `${server.url}/ok`, expectBody: { region: 'eu' } })).reason).toMatch(
      /body.region is missing/,
    );
    expect((await run({ url: `${server.url}/text`, expectBody: { status: 'ok' } })).reason).toMatch(
      /body is not JSON \(.*\): "all systems go"/,
    );
  });

  it('hands the body and the response to a predicate', async () => {
    const seen: number[] = [];
    const verdict = await run({
      url: `${server.url}/ok`,
      expectBody: (body, response) => {
        seen.push(response.status);
        return JSON.parse(body).version > 3;
      },
    });
    expect(verdict.passed).toBe(true);
    expect(seen).toEqual([200]);
    expect((await run({ url: `${server.url}/ok`, expectBody: async () => false })).reason).toMatch(
      /the expectBody predicate rejected/,
    );
  });

  it('sends the method, headers and a JSON body', async () => {
    const verdict = await run({
      url: `${server.url}/echo`,
      method: 'post',
      headers: { 'x-token': 'abc' },
      body: { ping: 1 },
      expectBody: { method: 'POST', type: 'application/json', token: 'abc', body: '{"ping":1}' },
    });
    expect(verdict).toEqual({ passed: true, reason: `POST ${server.url}/echo: status 200` });
  });

  it('takes the URL from the check context', async () => {
    const check = http({
      url: async (ctx) => {
        const target = await ctx.target();
        return new URL(`/ok?version=${target.kind === 'lambda' ? target.targetVersion : ''}`, server.url);
      },
    });
    const target = {
      kind: 'lambda',
      targetId: 'f:live',
      lifecycleEvents: [],
      functionName: 'f',
      targetVersion: '7',
    } as const;
    expect(toVerdict(await check(checkContext({ target })))).toEqual({
      passed: true,
      reason: `GET ${server.url}/ok?version=7: status 200`,
    });
    expect(server.seen.at(-1)?.url).toBe('/ok?version=7');
  });

  it('fails a request that takes longer than timeoutMs, without waiting for it', async () => {
    const { value, ms } = await timed(() => run({ url: `${server.url}/hang`, timeoutMs: 150 }));
    expect(value).toEqual({ passed: false, reason: `GET ${server.url}/hang: no response within 150 ms` });
    expect(ms).toBeLessThan(1_000);
  });

  it('needs N consecutive successes, spaced by the interval', async () => {
    const before = server.count('/ok');
    const { value, ms } = await timed(() => run({ url: `${server.url}/ok`, successes: 3, intervalMs: 100 }));
    expect(value).toEqual({ passed: true, reason: `GET ${server.url}/ok: 3 consecutive successes` });
    expect(server.count('/ok') - before).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(190);
  });

  it('fails the streak at the first failing request and says which one', async () => {
    const verdict = await run({ url: `${server.url}/second-fails`, successes: 3, intervalMs: 10 });
    expect(verdict.reason).toMatch(/^GET .*\/second-fails \(request 2 of 3\): status 500, expected 2xx/);
    expect(server.count('/second-fails')).toBe(2);
  });

  it('fails with the network error when nothing listens', async () => {
    const closed = await TestHttpServer.start();
    const url = `${closed.url}/ok`;
    await closed.close();
    const verdict = await run({ url });
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toMatch(/ECONNREFUSED/);
  });

  it('ends promptly when the hook deadline fires mid-request, and says it timed out', async () => {
    const { value, ms } = await timed(() =>
      run({ url: `${server.url}/hang`, timeoutMs: 10_000 }, deadlineSignal(100)),
    );
    expect(value).toEqual({
      passed: false,
      reason: `timed out after 100 ms while waiting for GET ${server.url}/hang`,
    });
    expect(ms).toBeLessThan(1_000);
  });

  it('ends promptly when aborted between two requests of a streak', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('fail-fast sibling')), 100).unref();
    const { value, ms } = await timed(() =>
      run({ url: `${server.url}/ok`, successes: 2, intervalMs: 5_000 }, controller.signal),
    );
    expect(value.reason).toMatch(/^aborted \(fail-fast sibling\) while waiting to send request 2 of 2/);
    expect(ms).toBeLessThan(1_000);
  });

  it('uses an injected fetch', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      urls.push(String(input));
      return new Response('{"status":"ok"}', { status: 200 });
    };
    expect(
      (await run({ url: 'https://example.invalid/h', fetch, expectBody: { status: 'ok' } })).passed,
    ).toBe(true);
    expect(urls).toEqual(['https://example.invalid/h']);
  });

  it('rejects unknown and malformed options with an InvalidOptionsError that names them', () => {
    expect(() => http({ url: 'http://x', timeoutMilis: 5 } as never)).toThrow(
      new InvalidOptionsError(
        'timeoutMilis',
        'Unknown option `timeoutMilis` of http(). Known options: url, method, headers, body, expectStatus, expectBody, timeoutMs, successes, intervalMs, fetch',
      ),
    );
    expect(() => http({} as never)).toThrow('Option `url` is required');
    expect(() => http({ url: 'http://x', successes: 0 })).toThrow(
      'Expected `successes` to be a positive integer, got 0',
    );
    expect(() => http({ url: 'http://x', expectStatus: 42 })).toThrow(/Expected `expectStatus`/);
    expect(() => http({ url: 'http://x', headers: { a: 1 } as never })).toThrow(/Expected `headers`/);
    expect(() => http('http://x' as never)).toThrow(
      'Expected the options of http() to be an object, got "http://x"',
    );
  });
});
