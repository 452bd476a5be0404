import { lambdaContext } from '../runners/context.js';
import type { LambdaHandler, LambdaLikeContext } from '../runners/types.js';

/**
 * The context a simulated function version's handler receives.
 *
 * @example
 * const handler = async (event: unknown, context: SimulatedLambdaContext) => context.clientContext;
 */
export interface SimulatedLambdaContext extends LambdaLikeContext {
  /** The decoded `X-Amz-Client-Context` (what the Node.js runtime gives handlers), or undefined. */
  readonly clientContext: unknown;
  readonly identity: undefined;
}

/** How one invocation ended. */
export type RunOutcome =
  | { readonly ok: true; readonly payload: string }
  | { readonly ok: false; readonly payload: string; readonly errorType: string };

function errorPayload(error: unknown): { payload: string; errorType: string } {
  if (error instanceof Error) {
    const errorType = error.name && error.name !== 'Error' ? error.name : error.constructor?.name || 'Error';
    const trace = (error.stack ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);
    return { errorType, payload: JSON.stringify({ errorType, errorMessage: error.message, trace }) };
  }
  const errorMessage = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  return { errorType: 'Error', payload: JSON.stringify({ errorType: 'Error', errorMessage, trace: [] }) };
}

/**
 * Runs `handler` as the Node.js runtime would: async or callback style, bounded by `timeoutMs`; an error or
 * a timeout becomes an error payload (`X-Amz-Function-Error: Unhandled`).
 */
export function runHandler(
  handler: LambdaHandler,
  event: unknown,
  info: { functionName: string; version: string; arn: string; timeoutMs: number; clientContext: unknown },
): Promise<RunOutcome> {
  const base = lambdaContext(info.functionName, info.arn, info.timeoutMs);
  const context: SimulatedLambdaContext = {
    ...base,
    functionVersion: info.version,
    clientContext: info.clientContext,
    identity: undefined,
  };
  return new Promise<RunOutcome>((resolve) => {
    let done = false;
    const finish = (outcome: RunOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const fail = (error: unknown) => finish({ ok: false, ...errorPayload(error) });
    const succeed = (result: unknown) => {
      try {
        finish({ ok: true, payload: result === undefined ? 'null' : JSON.stringify(result) });
      } catch (error) {
        finish({
          ok: false,
          errorType: 'Runtime.MarshalError',
          payload: JSON.stringify({
            errorType: 'Runtime.MarshalError',
            errorMessage: `Unable to marshal response: ${(error as Error).message}`,
          }),
        });
      }
    };
    const timer = setTimeout(() => {
      const seconds = (info.timeoutMs / 1000).toFixed(2);
      const errorMessage = `RequestId: ${base.awsRequestId} Error: Task timed out after ${seconds} seconds`;
      finish({
        ok: false,
        errorType: 'Sandbox.Timedout',
        payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }),
      });
    }, info.timeoutMs);
    timer.unref();
    try {
      const callback = (error: unknown, result?: unknown) => (error ? fail(error) : succeed(result));
      const returned = (handler as (e: unknown, c: unknown, cb: typeof callback) => unknown)(
        event,
        context,
        callback,
      );
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(succeed, fail);
      } else if (handler.length < 3) {
        succeed(returned);
      }
    } catch (error) {
      fail(error);
    }
  });
}
