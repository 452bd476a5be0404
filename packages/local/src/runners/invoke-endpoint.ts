import { request } from 'node:http';
import { HookInvocationError } from '../errors.js';
import { signRequest } from '../http/sigv4.js';
import { taskTimedOut } from './runtime-words.js';
import type { InvocationResult, InvokeEndpointHook, Invoker } from './types.js';

/**
 * Calls a Lambda Invoke endpoint (`POST /2015-03-31/functions/{name}/invocations`, SigV4-signed with
 * the local credentials). A function error (`X-Amz-Function-Error`) or a non-2xx answer is a failed
 * invocation, retried by the engine like Lambda's async retries.
 */
export function invokeEndpointInvoker(hook: InvokeEndpointHook): Invoker {
  return async (invocation) => {
    const base = new URL(hook.invokeEndpoint);
    const path = `${base.pathname.replace(/\/$/, '')}/2015-03-31/functions/${encodeURIComponent(hook.functionName)}/invocations`;
    const body = JSON.stringify(invocation.event);
    const headers: Record<string, string> = {
      host: base.host,
      'content-type': 'application/json',
      'x-amz-invocation-type': hook.invocationType ?? 'RequestResponse',
    };
    await signRequest(
      { method: 'POST', url: path, headers, body },
      invocation.credentials,
      invocation.region,
      'lambda',
      Date.now(),
    );
    return new Promise<InvocationResult | undefined>((resolve, reject) => {
      const timeoutMs = hook.timeoutMs ?? invocation.timeoutMs;
      // The function timeout bounds the whole invocation (a trickling answer included), and the local's close
      // ends it too. The request's socket keeps the process alive meanwhile; nothing is left once it ends.
      const deadline = AbortSignal.timeout(timeoutMs);
      const fail = (err: Error) =>
        reject(
          deadline.aborted
            ? new HookInvocationError(taskTimedOut(timeoutMs), { code: 'HOOK_TIMED_OUT', cause: err })
            : new HookInvocationError(`Invoke failed: ${err.message}`, { cause: err }),
        );
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method: 'POST',
          headers,
          signal: AbortSignal.any([invocation.signal, deadline]),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 4096);
            const status = res.statusCode ?? 0;
            const functionError = res.headers['x-amz-function-error'];
            if (status < 200 || status >= 300) {
              reject(new HookInvocationError(`Invoke answered HTTP ${status}: ${text}`, { logTail: text }));
            } else if (functionError) {
              reject(
                new HookInvocationError(`Function error (${String(functionError)}): ${text}`, {
                  logTail: text,
                }),
              );
            } else {
              resolve(resultOf(text));
            }
          });
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  };
}

/** The function's answer, when it is JSON (an `Event` invocation answers nothing). */
function resultOf(text: string): InvocationResult | undefined {
  if (text === '') return undefined;
  try {
    return { result: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
