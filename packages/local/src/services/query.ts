/**
 * The awsQuery protocol (ELBv2; CloudWatch for older clients): form-encoded requests with `Action`,
 * `Version` and flattened members (`Targets.member.1.Id`), and XML answers.
 */
import { ApiError } from '../errors.js';
import type { RequestContext, ServiceResponse, WireError } from '../http/types.js';

/** A decoded awsQuery value: strings at the leaves, lists for `member.N`, objects for the rest. */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

/** Whether the body is form-encoded (an awsQuery request). */
export function isQueryRequest(headers: Readonly<Record<string, string>>): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Member names that would reach `Object.prototype` (or a constructor) if used as keys: refused. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The `Action` of an awsQuery form body (without decoding anything else), or `unknown`. */
export function queryAction(body: Buffer): string {
  return new URLSearchParams(body.toString('utf8')).get('Action') ?? 'unknown';
}

/**
 * Decodes a form body into nested members: `A.member.2.B=x` → `{ A: [ , { B: 'x' } ] }` (lists are
 * compacted in index order), `Dimensions.member.1.Name=n` → `{ Dimensions: [{ Name: 'n' }] }`. A member
 * path with `__proto__`, `constructor` or `prototype` in it is refused (`MalformedQueryString`); the result is
 * built of prototype-less objects while it is decoded.
 *
 * @example
 * parseQuery('Action=DescribeTargetHealth&Targets.member.1.Id=i-1'); // { Action: '…', Targets: [{ Id: 'i-1' }] }
 */
export function parseQuery(body: string): Record<string, QueryValue> {
  const root: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    for (const part of parts) {
      if (FORBIDDEN.has(part)) {
        throw new ApiError('MalformedQueryString', `The parameter name ${key.slice(0, 100)} is not allowed.`);
      }
    }
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      if (part === 'member' && i + 1 < parts.length) continue;
      const listIndex = parts[i - 1] === 'member' ? part : undefined;
      const slot = listIndex ?? part;
      if (last) node[slot] = value;
      else {
        const next = node[slot];
        if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
        else {
          const child: Record<string, unknown> = Object.create(null);
          node[slot] = child;
          node = child;
        }
      }
    }
  }
  return compact(root) as Record<string, QueryValue>;
}

/** Turns `{ '1': a, '2': b }` objects (from `member.N`) into arrays, recursively. */
function compact(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => compact(v));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, compact(v)]));
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** Renders a value as XML members: arrays as `<member>`, dates as ISO 8601, objects as nested elements. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

/** An awsQuery success answer: `<OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse>`. */
export function queryResponse(
  operation: string,
  namespace: string,
  result: unknown,
  ctx: Pick<RequestContext, 'requestId'>,
): ServiceResponse {
  const body =
    `<${operation}Response xmlns="${namespace}"><${operation}Result>${toXml(result)}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId }, body };
}

/** An awsQuery error answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function queryError(error: WireError, ctx: Pick<RequestContext, 'requestId'>): ServiceResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(error.type)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${ctx.requestId}</RequestId></ErrorResponse>`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId },
    body,
  };
}
