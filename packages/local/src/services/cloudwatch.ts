import { ApiError } from '../errors.js';
import type {
  ParsedRequest,
  RequestContext,
  ServiceHandler,
  ServiceResponse,
  WireError,
} from '../http/types.js';
import type { AlarmStore } from './cloudwatch-alarms.js';
import type { MetricStore } from './cloudwatch-metrics.js';
import {
  awsJsonError,
  awsJsonResponse,
  cborError,
  cborResponse,
  decodeCbor,
  queryCode,
} from './protocols.js';
import { isQueryRequest, parseQuery, queryAction, queryError, queryResponse } from './query.js';

const TARGET = 'GraniteServiceVersion20100801';
const CBOR_PATH = `/service/${TARGET}/operation/`;
const NAMESPACE = 'com.amazonaws.cloudwatch';
const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

type Protocol = 'json' | 'cbor' | 'query';

/**
 * Which protocol a request speaks. The SDK for JavaScript (3.1164) and the AWS CLI v1 (1.45) both send
 * awsJson1_0 with `x-amzn-query-mode: true`; older clients send awsQuery forms; Smithy RPCv2 CBOR is what
 * CloudWatch also accepts at `/service/GraniteServiceVersion20100801/operation/<Op>`.
 */
function protocolOf(req: ParsedRequest): Protocol | undefined {
  if (req.target?.startsWith(`${TARGET}.`)) return 'json';
  if (req.path.startsWith(CBOR_PATH)) return 'cbor';
  if (req.signingService === 'monitoring' && isQueryRequest(req.headers)) return 'query';
  return undefined;
}

function operationOf(req: ParsedRequest, protocol: Protocol): string {
  if (protocol === 'json') return req.target!.slice(TARGET.length + 1);
  if (protocol === 'cbor') return decodeURIComponent(req.path.slice(CBOR_PATH.length));
  return queryAction(req.body);
}

function render(
  protocol: Protocol,
  error: WireError,
  ctx: Pick<RequestContext, 'requestId'>,
): ServiceResponse {
  if (protocol === 'cbor') return cborError(error, NAMESPACE, ctx);
  if (protocol === 'query') return queryError({ ...error, type: queryCode(error.type) }, ctx);
  return awsJsonError('1.0', error, ctx, { namespace: NAMESPACE, queryCompatible: true });
}

/**
 * The CloudWatch slice: DescribeAlarms and GetMetricData, in awsJson1_0 (query-compatible), awsQuery and
 * RPCv2 CBOR.
 */
export function cloudWatchService(alarms: AlarmStore, metrics: MetricStore): ServiceHandler {
  return {
    name: 'cloudwatch',
    signingName: 'monitoring',
    matches: (req) => protocolOf(req) !== undefined,
    operation: (req) => operationOf(req, protocolOf(req) ?? 'json'),
    async handle(req, ctx) {
      const protocol = protocolOf(req)!;
      let input: Record<string, unknown>;
      try {
        if (protocol === 'json') input = JSON.parse(req.body.toString('utf8') || '{}');
        else if (protocol === 'cbor') input = decodeCbor(req.body);
        else input = parseQuery(req.body.toString('utf8')) as Record<string, unknown>;
      } catch (error) {
        const refused =
          error instanceof ApiError
            ? { type: error.type, message: error.message, status: error.status }
            : { type: 'SerializationException', message: 'The request body could not be read', status: 400 };
        return render(protocol, refused, ctx);
      }
      try {
        let output: Record<string, unknown>;
        if (ctx.operation === 'DescribeAlarms') output = alarms.describeAlarms(input);
        else if (ctx.operation === 'GetMetricData') output = metrics.getMetricData(input);
        else
          throw new ApiError(
            protocol === 'query' ? 'InvalidAction' : 'UnknownOperationException',
            `Operation ${ctx.operation} is not supported by the local CloudWatch`,
          );
        if (protocol === 'cbor') return cborResponse(output, ctx);
        if (protocol === 'query') return queryResponse(ctx.operation, XMLNS, output, ctx);
        return awsJsonResponse('1.0', output, ctx);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return render(protocol, { type: error.type, message: error.message, status: error.status }, ctx);
      }
    },
    renderError: (error, ctx, req) => render(protocolOf(req) ?? 'json', error, ctx),
  };
}
