import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';

const TARGET = 'CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus';
const JSON_1_1 = 'application/x-amz-json-1.1';

function answer(res: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_1_1,
    'x-amzn-requestid': randomUUID(),
    ...(errorType && { 'x-amzn-errortype': errorType }),
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function fail(res: ServerResponse, type: string, message: string): void {
  answer(res, 400, { __type: type, message }, type);
}

/**
 * The baseline of the local CodeDeploy's throughput: the awsJson1_1 server one would write by hand for
 * PutLifecycleEventHookExecutionStatus alone, with Node's `http` and nothing else. It routes on
 * `x-amz-target`, reads the body, parses it as JSON, checks the three members are strings and answers the
 * execution id as JSON with a request id; it keeps no state, checks no signature and runs no deployment.
 */
export function bareServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['x-amz-target'] !== TARGET) {
        fail(res, 'UnknownOperationException', 'Unknown operation');
        return;
      }
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        fail(res, 'SerializationException', 'The body is not JSON');
        return;
      }
      const { deploymentId, lifecycleEventHookExecutionId, status } = input;
      if (
        typeof deploymentId !== 'string' ||
        typeof lifecycleEventHookExecutionId !== 'string' ||
        typeof status !== 'string'
      ) {
        fail(
          res,
          'ValidationException',
          'deploymentId, lifecycleEventHookExecutionId and status are strings',
        );
        return;
      }
      answer(res, 200, { lifecycleEventHookExecutionId });
    });
  });
}
