import type { IncomingMessage } from 'node:http';
import type { ParsedRequest, SigV4Authorization } from './types.js';

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (!header?.startsWith('AWS4-HMAC-SHA256 ')) return undefined;
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

/** Builds a {@link ParsedRequest} from a Node request and its full body. */
export function parseRequest(req: IncomingMessage, body: Buffer): ParsedRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query: Record<string, string> = Object.create(null);
  if (q !== -1) {
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) query[k] = v;
  }
  const headers: Record<string, string> = Object.create(null);
  const raw = req.rawHeaders;
  let authorizations = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'authorization') authorizations++;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const authorization = authorizations === 1 ? parseAuthorization(headers.authorization) : undefined;
  return {
    method: req.method ?? 'GET',
    url,
    path,
    query,
    headers,
    body,
    target: headers['x-amz-target'],
    authorization,
    signingService: authorization?.service,
    authorizationHeaders: authorizations,
  };
}
