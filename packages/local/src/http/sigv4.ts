import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ParsedRequest } from './types.js';

/** Static AWS credentials. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Why a signature was refused: the AWS error name and message. */
export interface SignatureProblem {
  readonly type:
    | 'MissingAuthenticationTokenException'
    | 'IncompleteSignatureException'
    | 'UnrecognizedClientException'
    | 'InvalidSignatureException';
  readonly message: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const joined = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${
    segments.length > 0 && path.endsWith('/') ? '/' : ''
  }`;
  return escapeUri(joined).replace(/%2F/g, '/');
}

function canonicalQuery(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return '';
  const pairs: [string, string][] = [];
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    if (k.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([escapeUri(k), escapeUri(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** The signing key for a date, region and service. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** The SigV4 string to sign for a request with the given signed headers. */
export function stringToSign(
  input: { method: string; url: string; headers: Readonly<Record<string, string>>; body: Buffer | string },
  signedHeaders: readonly string[],
  amzDate: string,
  scope: string,
): string {
  const path = input.url.split('?')[0] ?? '/';
  const headerLines = signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = input.headers['x-amz-content-sha256'] ?? sha256(input.body);
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(input.url),
    headerLines,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  return ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
}

/**
 * Verifies a request's SigV4 signature against `credentials`. Returns `undefined` when valid.
 *
 * @example
 * ```ts
 * const problem = verifySignature(req, { accessKeyId: 'AKID', secretAccessKey: 'secret' }, Date.now());
 * if (problem) throw new ApiError(problem.type, problem.message);
 * ```
 */
export function verifySignature(
  req: ParsedRequest,
  credentials: Credentials,
  nowMs: number,
): SignatureProblem | undefined {
  const auth = req.authorization;
  if (!req.headers.authorization) {
    return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  if (!auth) {
    return {
      type: 'IncompleteSignatureException',
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
    };
  }
  if (auth.accessKeyId !== credentials.accessKeyId) {
    return {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  const amzDate = req.headers['x-amz-date'];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(auth.date)) {
    return {
      type: 'IncompleteSignatureException',
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  }
  const when = Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );
  if (Math.abs(nowMs - when) > 15 * 60_000) {
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now earlier or later than 15 min from now.`,
    };
  }
  if (!auth.signedHeaders.includes('host')) {
    return {
      type: 'InvalidSignatureException',
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = stringToSign(req, auth.signedHeaders, amzDate, scope);
  const expected = createHmac(
    'sha256',
    signingKey(credentials.secretAccessKey, auth.date, auth.region, auth.service),
  )
    .update(toSign)
    .digest();
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return undefined;
}

/**
 * Signs a request (adds `x-amz-date`, `x-amz-content-sha256` and `authorization` to `headers`).
 * Used by the invoke-endpoint runner; handy in tests.
 */
export function signRequest(
  input: { method: string; url: string; headers: Record<string, string>; body: string },
  credentials: Credentials,
  region: string,
  service: string,
  nowMs: number,
): void {
  const amzDate = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  input.headers['x-amz-date'] = amzDate;
  input.headers['x-amz-content-sha256'] = sha256(input.body);
  const signedHeaders = Object.keys(input.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h !== 'authorization')
    .sort();
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) lower[k.toLowerCase()] = v;
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = stringToSign({ ...input, headers: lower }, signedHeaders, amzDate, scope);
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, date, region, service))
    .update(toSign)
    .digest('hex');
  input.headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
}
