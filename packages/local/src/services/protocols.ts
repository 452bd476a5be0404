/** Wire encodings the slices answer in, besides awsQuery (see query.ts). */
import { cbor, dateToTag } from '@smithy/core/cbor';
import type { RequestContext, ServiceResponse, WireError } from '../http/types.js';

/** Replaces every `Date` with `convert(date)`, recursively. */
export function mapDates(value: unknown, convert: (date: Date) => unknown): unknown {
  if (value instanceof Date) return convert(value);
  if (Array.isArray(value)) return value.map((v) => mapDates(v, convert));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = mapDates(v, convert);
    return out;
  }
  return value;
}

/** Epoch seconds, as awsJson and restJson1 send timestamps. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** A 200 awsJson answer (`version` 1.0 or 1.1) with timestamps as epoch seconds. */
export function awsJsonResponse(
  version: '1.0' | '1.1',
  body: unknown,
  ctx: Pick<RequestContext, 'requestId'>,
): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': ctx.requestId },
    body: JSON.stringify(mapDates(body ?? {}, epochSeconds)),
  };
}

/** The awsQuery error code of a JSON error name (`InvalidParameterValueException` → `InvalidParameterValue`). */
export function queryCode(type: string): string {
  if (type === 'ThrottlingException') return 'Throttling';
  return type.endsWith('Exception') ? type.slice(0, -'Exception'.length) : type;
}

/**
 * An awsJson error. With `queryCompatible` (CloudWatch), it also carries `x-amzn-query-error: Code;Type`, as
 * services that moved from awsQuery do, so clients see the same error codes as before.
 */
export function awsJsonError(
  version: '1.0' | '1.1',
  error: WireError,
  ctx: Pick<RequestContext, 'requestId'>,
  options: { namespace?: string; queryCompatible?: boolean } = {},
): ServiceResponse {
  const type = options.namespace ? `${options.namespace}#${error.type}` : error.type;
  return {
    status: error.status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': ctx.requestId,
      'x-amzn-errortype': error.type,
      ...(options.queryCompatible && {
        'x-amzn-query-error': `${queryCode(error.type)};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      }),
    },
    body: JSON.stringify({ __type: type, message: error.message }),
  };
}

/** A Smithy RPCv2 CBOR answer; timestamps become CBOR tag 1. */
export function cborResponse(body: unknown, ctx: Pick<RequestContext, 'requestId'>): ServiceResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'application/cbor',
      'smithy-protocol': 'rpc-v2-cbor',
      'x-amzn-requestid': ctx.requestId,
    },
    body: Buffer.from(cbor.serialize(mapDates(body ?? {}, dateToTag))),
  };
}

/** A Smithy RPCv2 CBOR error: `{ __type: 'namespace#Name', message }`. */
export function cborError(
  error: WireError,
  namespace: string,
  ctx: Pick<RequestContext, 'requestId'>,
): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/cbor',
      'smithy-protocol': 'rpc-v2-cbor',
      'x-amzn-requestid': ctx.requestId,
    },
    body: Buffer.from(cbor.serialize({ __type: `${namespace}#${error.type}`, message: error.message })),
  };
}

/** Decodes a CBOR request body (empty → `{}`). */
export function decodeCbor(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const value = cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.length));
  return (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
}
