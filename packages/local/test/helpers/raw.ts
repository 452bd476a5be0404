import type { LocalCodeDeploy } from '../../src/index.js';

/** A syntactically valid SigV4 Authorization header (not verified unless the local has credentials). */
export const DUMMY_AUTH =
  'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/codedeploy/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000';

/** Sends a raw awsJson1_1 request and returns the status, headers and parsed body. */
export async function rawCall(
  local: Pick<LocalCodeDeploy, 'endpoint'>,
  operation: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown>; text: string }> {
  const res = await fetch(`${local.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `CodeDeploy_20141006.${operation}`,
      authorization: DUMMY_AUTH,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, json, text };
}
