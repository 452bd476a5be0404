import type { IncomingMessage } from 'node:http';
import type { ParsedRequest, SigV4Authorization } from './types.js';

/** The header as every SDK and the AWS CLI write it: Credential, SignedHeaders, Signature, in that order. */
const CANONICAL =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([^,\s]+), ?Signature=([^,\s]+)$/;

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (!header?.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
  const m = CANONICAL.exec(header);
  if (m) {
    return {
      accessKeyId: m[1]!,
      date: m[2]!,
      region: m[3]!,
      service: m[4]!,
      signedHeaders: m[5]!.split(';'),
      signature: m[6]!,
    };
  }
  // Any other order or spacing: field by field.
  const fields = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential?.length !== 5 || credential[4] !== 'aws4_request' || !signedHeaders || !signature) {
    return undefined;
  }
  const [accessKeyId, date, region, service] = credential as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** A request as its head tells it; `body` is filled in once it has been read (empty until then). */
export type RequestHead = Omit<ParsedRequest, 'body'> & { body: Buffer };

const NO_BODY = Buffer.alloc(0);
const NO_QUERY: Record<string, string> = Object.freeze(Object.create(null));

/**
 * Reads a Node request's head (method, target, headers from `rawHeaders`, the SigV4 Authorization), before
 * any of its body is read. Node's own lazily built `req.headers` is never touched.
 */
export function parseHead(req: IncomingMessage): RequestHead {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  let query: Record<string, string> = NO_QUERY;
  if (q !== -1) {
    query = Object.create(null) as Record<string, string>;
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query[k] = v;
  }
  // A plain object (fast properties: the same header order shares one hidden class across requests); names
  // are read as own properties only, and `__proto__`, which no real header is named, is dropped.
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  let authorizations = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'authorization') authorizations++;
    else if (name === '__proto__') continue;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]},${value}` : value;
  }
  const authorization = authorizations === 1 ? parseAuthorization(headers.authorization) : undefined;
  return {
    method: req.method ?? 'GET',
    url,
    path,
    query,
    headers,
    body: NO_BODY,
    target: headers['x-amz-target'],
    authorization,
    signingService: authorization?.service,
    authorizationHeaders: authorizations,
  };
}
