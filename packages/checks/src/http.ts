import { describeThrown } from '@greenlight/contract';
import type { Check, CheckVerdict, HookContext } from '@greenlight/core';
import { abortedVerdict, untilAborted, wait, withTimeout } from './internal/abort.js';
import { guarded, read } from './internal/guard.js';
import { isExpectation, type JsonSubset, shown, textMismatch } from './internal/match.js';
import { is, type OptionSpec, optional, required, validateOptions } from './internal/options.js';

/**
 * What an `expectBody` predicate is told about the response besides its body.
 *
 * @example
 * http({ url, expectBody: (body, res: HttpResponseInfo) => res.headers.get('x-version') === '2' });
 */
export interface HttpResponseInfo {
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
}

/**
 * Options of {@link http}. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * http({ url: 'https://api.example.com/health', expectBody: { status: 'ok' }, successes: 3 });
 */
export interface HttpCheckOptions {
  /** The URL, or a function of the check context that returns it (e.g. built from `ctx.target()`). */
  readonly url: string | URL | ((context: HookContext) => string | URL | Promise<string | URL>);
  /** @default 'GET' */
  readonly method?: string;
  /** Request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** The request body. An object or array is sent as JSON (with `content-type: application/json`). @default none */
  readonly body?: string | Uint8Array | Readonly<Record<string, unknown>> | readonly unknown[];
  /** Accepted statuses: one, a list, or a predicate. @default any 2xx */
  readonly expectStatus?: number | readonly number[] | ((status: number) => boolean);
  /**
   * What the body must be: a string it must contain, a RegExp it must match, a JSON subset (the body must be
   * JSON with at least these members), or a predicate of the text. @default anything
   */
  readonly expectBody?:
    | string
    | RegExp
    | JsonSubset
    | ((body: string, response: HttpResponseInfo) => boolean | Promise<boolean>);
  /** Milliseconds one request (headers and body) may take (at most 2^31 − 1). @default 5000 */
  readonly timeoutMs?: number;
  /** How many consecutive requests must succeed; the first failure fails the check. @default 1 */
  readonly successes?: number;
  /** Milliseconds between two requests of the streak (at most 2^31 − 1). @default 1000 */
  readonly intervalMs?: number;
  /** The `fetch` to use (the check's injected client). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

const SPEC: OptionSpec<HttpCheckOptions> = {
  url: required(
    optional(
      'a URL string, a URL, or a function of the check context',
      (v) => (typeof v === 'string' && v !== '') || v instanceof URL || typeof v === 'function',
    ),
  ),
  method: is.string,
  headers: is.stringRecord,
  body: optional(
    'a string, a Uint8Array, an object or an array',
    (v) => typeof v === 'string' || v instanceof Uint8Array || (typeof v === 'object' && v !== null),
  ),
  expectStatus: optional(
    'an HTTP status, a list of statuses, or a predicate',
    (v) =>
      typeof v === 'function' ||
      (Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599) ||
      (Array.isArray(v) && v.length > 0 && v.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)),
  ),
  expectBody: optional('a string, a RegExp, a JSON subset or a predicate', isExpectation),
  timeoutMs: is.ms,
  successes: is.positiveInteger,
  intervalMs: is.msOrZero,
  fetch: is.function,
};

function statusOk(expect: HttpCheckOptions['expectStatus'], status: number): boolean {
  if (expect === undefined) return status >= 200 && status <= 299;
  if (typeof expect === 'function') return expect(status);
  if (typeof expect === 'number') return status === expect;
  return expect.includes(status);
}

function expectedStatus(expect: HttpCheckOptions['expectStatus']): string {
  if (expect === undefined) return '2xx';
  if (typeof expect === 'function') return 'a status the expectStatus predicate accepts';
  return typeof expect === 'number' ? String(expect) : `one of ${expect.join(', ')}`;
}

/** Why a fetch failed, with the network code when Node has one (`fetch failed (ECONNREFUSED)`). Never throws. */
function fetchFailure(error: unknown): string {
  const message = read(error, 'message');
  const said = typeof message === 'string' && message !== '' ? message : describeThrown(error);
  const cause = read(error, 'cause');
  const code = read(cause, 'code') ?? read(cause, 'message');
  return typeof code === 'string' && code !== '' ? `${said} (${code})` : said;
}

function requestBody(
  body: HttpCheckOptions['body'],
  headers: Record<string, string>,
): string | Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return JSON.stringify(body);
}

async function once(
  options: HttpCheckOptions,
  url: string,
  signal: AbortSignal,
  label: string,
): Promise<CheckVerdict | 'aborted'> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { ...options.headers };
  const body = requestBody(options.body, headers);
  const timeoutMs = options.timeoutMs ?? 5000;
  const request = withTimeout(signal, timeoutMs);
  let response: Response;
  let text: string;
  try {
    // Raced with the signal too: a `fetch` that ignores it cannot hold the check past its deadline.
    const sent = Promise.resolve().then(() =>
      doFetch(url, {
        method: options.method ?? 'GET',
        headers,
        ...(body !== undefined && { body }),
        signal: request.signal,
        redirect: 'follow',
      }),
    );
    response = await untilAborted(sent, request.signal);
    text = await untilAborted(
      Promise.resolve().then(() => response.text()),
      request.signal,
    );
  } catch (error) {
    if (signal.aborted) return 'aborted';
    if (request.timedOut()) return { passed: false, reason: `${label}: no response within ${timeoutMs} ms` };
    return { passed: false, reason: `${label}: ${fetchFailure(error)}` };
  } finally {
    request.dispose();
  }
  const status = await guarded('the expectStatus predicate', () =>
    statusOk(options.expectStatus, response.status),
  );
  if (!status.ok) return { passed: false, reason: `${label}: ${status.reason}` };
  if (!status.value) {
    const expected = expectedStatus(options.expectStatus);
    return {
      passed: false,
      reason: `${label}: status ${response.status}, expected ${expected}; body ${shown(text)}`,
    };
  }
  const expect = options.expectBody;
  if (typeof expect === 'function') {
    const info: HttpResponseInfo = { status: response.status, headers: response.headers, url: response.url };
    const accepted = await guarded('the expectBody predicate', () =>
      untilAborted(
        Promise.resolve().then(() => expect(text, info)),
        signal,
      ),
    );
    if (signal.aborted) return 'aborted';
    if (!accepted.ok) return { passed: false, reason: `${label}: ${accepted.reason}` };
    if (!accepted.value)
      return { passed: false, reason: `${label}: the expectBody predicate rejected ${shown(text)}` };
  } else if (expect !== undefined) {
    const why = textMismatch(expect, text, 'body');
    if (why) return { passed: false, reason: `${label}: ${why}` };
  }
  return { passed: true, reason: `${label}: status ${response.status}` };
}

/** The URL to call: the option, or what its function answered (a throw, or no URL, is a reason). */
async function urlOf(
  option: HttpCheckOptions['url'],
  context: HookContext,
): Promise<{ ok: true; value: string } | { ok: false; reason: string }> {
  const target = await guarded('the url function', () =>
    typeof option === 'function' ? option(context) : option,
  );
  if (!target.ok) return target;
  return guarded('turning the url into text', () => String(target.value));
}

/**
 * A check that calls an HTTP endpoint and expects a status (2xx by default) and, optionally, a body; with
 * `successes`, that many consecutive requests must pass. It honours the hook's `AbortSignal`; the failing
 * reason names what differed.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { http } from '@greenlight/checks/http';
 *
 * export const handler = createHook({
 *   health: http({ url: 'https://test.example.com/health', expectBody: { status: 'ok' }, successes: 3 }),
 * });
 */
export function http(options: HttpCheckOptions): Check {
  const o = validateOptions<HttpCheckOptions>('http()', options, SPEC);
  const successes = o.successes ?? 1;
  const intervalMs = o.intervalMs ?? 1000;
  const method = (o.method ?? 'GET').toUpperCase();
  return async (context) => {
    const { signal } = context;
    const target = await urlOf(o.url, context);
    if (!target.ok) return { passed: false, reason: `http: ${target.reason}` };
    const url = target.value;
    let last: CheckVerdict = { passed: true };
    for (let n = 1; n <= successes; n++) {
      const label = successes > 1 ? `${method} ${url} (request ${n} of ${successes})` : `${method} ${url}`;
      if (n > 1 && !(await wait(intervalMs, signal))) {
        return abortedVerdict(signal, `waiting to send request ${n} of ${successes} to ${url}`);
      }
      const verdict = await once(o, url, signal, label);
      if (verdict === 'aborted') return abortedVerdict(signal, `waiting for ${method} ${url}`);
      if (!verdict.passed) return verdict;
      last = verdict;
    }
    return successes > 1
      ? { passed: true, reason: `${method} ${url}: ${successes} consecutive successes` }
      : last;
  };
}
