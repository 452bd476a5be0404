import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ParsedRequest } from './types.js';

/** The request shape smithy's signer takes (`HttpRequest` of `@smithy/types`). */
type SignableRequest = Parameters<SignatureV4['presign']>[0];
type QueryBag = SignableRequest['query'];

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

/** What a verified request must also be scoped to. */
export interface VerifyScope {
  /** The regions a request may be signed for. @default any */
  readonly regions?: readonly string[];
  /** The signing name of the service the request reached (e.g. `codedeploy`). @default any */
  readonly service?: string;
}

/** How far a request's `x-amz-date` may be from now, as AWS allows. */
const MAX_SKEW_MS = 15 * 60_000;

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Decodes a raw query string as the SDK encoded it (RFC 3986: `+` is a plus, not a space). */
function decodeQuery(rawQuery: string): NonNullable<QueryBag> {
  const query: Record<string, string | string[]> = Object.create(null);
  if (rawQuery === '') return query;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[key] = [seen, value];
  }
  return query;
}

/** The request as smithy's signer sees it: `path` is the path the client signed (as sent on the wire). */
function toSignable(
  input: { method: string; url: string; headers: Readonly<Record<string, string>>; body: Buffer | string },
  headers: Record<string, string>,
): SignableRequest {
  const q = input.url.indexOf('?');
  return {
    method: input.method.toUpperCase(),
    protocol: 'http:',
    hostname: headers.host ?? '',
    path: q === -1 ? input.url : input.url.slice(0, q),
    query: decodeQuery(q === -1 ? '' : input.url.slice(q + 1)),
    headers,
    body: input.body,
  };
}

/** `YYYYMMDDTHHMMSSZ` → epoch milliseconds, or `undefined` when malformed. */
function parseAmzDate(amzDate: string | undefined): number | undefined {
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return undefined;
  const ms = Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Verifies a request's SigV4 signature against `credentials`, over the raw body: the payload hash is computed
 * here, never taken from the client's `x-amz-content-sha256` (a claimed hash that differs from the body's is
 * refused). Resolves `undefined` when valid, or the AWS error the real service answers with.
 *
 * @example
 * ```ts
 * const problem = await verifySignature(req, { accessKeyId: 'AKID', secretAccessKey: 'secret' }, Date.now(), {
 *   regions: ['us-east-1'],
 *   service: 'codedeploy',
 * });
 * if (problem) throw new ApiError(problem.type, problem.message);
 * ```
 */
export async function verifySignature(
  req: ParsedRequest,
  credentials: Credentials,
  nowMs: number,
  scope: VerifyScope = {},
): Promise<SignatureProblem | undefined> {
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
  const when = parseAmzDate(amzDate);
  if (when === undefined || !amzDate?.startsWith(auth.date)) {
    return {
      type: 'IncompleteSignatureException',
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  }
  if (Math.abs(nowMs - when) > MAX_SKEW_MS) {
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now earlier or later than 15 min from now.`,
    };
  }
  if (scope.regions && !scope.regions.includes(auth.region)) {
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${auth.region}'.`,
    };
  }
  if (scope.service !== undefined && auth.service !== scope.service) {
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: '${scope.service}'.`,
    };
  }
  if (!auth.signedHeaders.includes('host')) {
    return {
      type: 'InvalidSignatureException',
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    };
  }
  const claimed = req.headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== sha256Hex(req.body)) {
    return { type: 'InvalidSignatureException', message: MISMATCH };
  }
  // Only the headers the client says it signed take part, exactly as it sent them.
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = Object.hasOwn(req.headers, name) ? req.headers[name] : undefined;
    if (typeof value !== 'string') return { type: 'InvalidSignatureException', message: MISMATCH };
    signed[name] = value;
  }
  const signer = new SignatureV4({
    credentials,
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const expected = await signer.sign(toSignable(req, signed), {
    signingDate: new Date(when),
    signableHeaders: new Set(auth.signedHeaders),
  });
  const computed = /Signature=([0-9a-f]+)/.exec(String(expected.headers.authorization))?.[1] ?? '';
  const given = Buffer.from(auth.signature, 'hex');
  const want = Buffer.from(computed, 'hex');
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    return { type: 'InvalidSignatureException', message: MISMATCH };
  }
  return undefined;
}

/**
 * Signs a request with `@smithy/signature-v4` (the SDK's signer): sets `x-amz-date`, `x-amz-content-sha256` and
 * `authorization` in `input.headers`. `headers` must hold `host`. Used by the invoke-endpoint runner; handy in
 * tests.
 *
 * @example
 * ```ts
 * const headers = { host: '127.0.0.1:4566', 'content-type': 'application/x-amz-json-1.1' };
 * await signRequest({ method: 'POST', url: '/', headers, body: '{}' }, credentials, 'us-east-1', 'codedeploy', Date.now());
 * await fetch('http://127.0.0.1:4566/', { method: 'POST', headers, body: '{}' });
 * ```
 */
export async function signRequest(
  input: { method: string; url: string; headers: Record<string, string>; body: string | Buffer },
  credentials: Credentials,
  region: string,
  service: string,
  nowMs: number,
): Promise<void> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (name.toLowerCase() !== 'authorization') lower[name.toLowerCase()] = value;
  }
  if (!lower.host) throw new TypeError('signRequest needs a `host` header to sign');
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: true });
  const signed = await signer.sign(toSignable(input, lower), { signingDate: new Date(nowMs) });
  for (const name of Object.keys(input.headers)) {
    if (name.toLowerCase() === 'authorization') delete input.headers[name];
  }
  for (const name of ['x-amz-date', 'x-amz-content-sha256', 'authorization']) {
    const value = signed.headers[name];
    if (value !== undefined) input.headers[name] = value;
  }
}
