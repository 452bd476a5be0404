import type { RequestContext, ServiceResponse, WireError } from './types.js';

/** The awsJson1_1 content type. */
export const AWS_JSON_1_1 = 'application/x-amz-json-1.1';

/** A 200 awsJson1_1 response. */
export function jsonResponse(body: unknown, ctx: Pick<RequestContext, 'requestId'>): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': AWS_JSON_1_1, 'x-amzn-requestid': ctx.requestId },
    body: JSON.stringify(body ?? {}),
  };
}

/**
 * An AWS JSON error: `{"__type": "...Exception", "message": "..."}` with the `x-amzn-errortype` header,
 * the form the SDK reads (`__type` after any `#`, then `code`, then the header).
 */
export function jsonError(error: WireError, ctx: Pick<RequestContext, 'requestId'>): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': AWS_JSON_1_1,
      'x-amzn-requestid': ctx.requestId,
      'x-amzn-errortype': error.type,
    },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}
