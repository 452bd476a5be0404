/** Lambda's restJson1 wire details for Invoke: the path, errors and the ClientContext header. */
import type { RequestContext, ServiceResponse, WireError } from '../http/types.js';

export const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
export const MAX_CLIENT_CONTEXT = 3583;

/**
 * One invocation the slice ran, for tests.
 *
 * @example
 * expect(services.lambda.invocations.at(-1)).toMatchObject({ functionName: 'orders', version: '2' });
 */
export interface InvocationRecord {
  readonly functionName: string;
  /** The qualifier asked for (version, alias, `$LATEST`), if any. */
  readonly qualifier: string | undefined;
  /** The version that ran. */
  readonly version: string;
  readonly invocationType: 'RequestResponse' | 'Event' | 'DryRun';
  readonly event: unknown;
  readonly clientContext: unknown;
  /** `Unhandled` when the handler threw or timed out. */
  readonly functionError?: string;
}

/**
 * An alias: the version it points at, and optionally other versions with a share of the traffic (0..1).
 *
 * @example
 * { version: '1', additionalVersionWeights: { '2': 0.1 } }
 */
export interface AliasRouting {
  readonly version: string;
  readonly additionalVersionWeights?: Readonly<Record<string, number>>;
}

/** The restJson1 error shape Lambda answers: `x-amzn-errortype` and `{ Type, message }`. */
export function lambdaError(error: WireError, ctx: Pick<RequestContext, 'requestId'>): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': ctx.requestId,
      'x-amzn-errortype': error.type,
    },
    body: JSON.stringify({ Type: error.status >= 500 ? 'Service' : 'User', message: error.message }),
  };
}

export class LambdaApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Splits `name`, `name:qualifier`, `123456789012:function:name[:q]` and full ARNs. */
export function parseName(raw: string): { name: string; qualifier: string | undefined } {
  const parts = raw.split(':');
  if (parts[0] === 'arn') return { name: parts[6] ?? '', qualifier: parts[7] };
  if (parts[1] === 'function') return { name: parts[2] ?? '', qualifier: parts[3] };
  return { name: parts[0] ?? '', qualifier: parts[1] };
}

export function decodeClientContext(header: string | undefined): unknown {
  if (header === undefined || header === '') return undefined;
  const invalid = new LambdaApiError(
    'InvalidRequestContentException',
    'Client context must be a valid Base64-encoded JSON object.',
    400,
  );
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(header)) throw invalid;
  const text = Buffer.from(header, 'base64').toString('utf8');
  if (Buffer.byteLength(text) > MAX_CLIENT_CONTEXT) {
    throw new LambdaApiError(
      'InvalidRequestContentException',
      `Client context must be at most ${MAX_CLIENT_CONTEXT} bytes.`,
      400,
    );
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid;
    return value;
  } catch {
    throw invalid;
  }
}
