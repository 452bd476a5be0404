import { randomUUID } from 'node:crypto';
import { describeThrown } from '@greenlight/contract';
import { type Scheduler, SETTLED } from '../clock.js';
import type { LambdaLikeContext } from '../runners/types.js';
import type { EcsNativeHandler, EcsNativeHookEvent } from './types.js';

/** How one invocation of a hook ended: its answer, an error, or a stop that cut it short. */
export type InvocationResult =
  | { readonly kind: 'answered'; readonly response: unknown }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'stopped' };

/** What {@link invokeHook} needs. */
export interface InvokeOptions {
  readonly scheduler: Scheduler;
  readonly functionName: string;
  readonly functionArn: string;
  /** The function's own timeout, real milliseconds. */
  readonly functionTimeoutMs: number;
  /** Ends the invocation early (a stop): the handler's answer is then ignored. */
  readonly signal: AbortSignal;
}

/**
 * Invokes a hook once, as Lambda runs a handler: with a Lambda-like context and bounded by the function's
 * timeout, whose wait ends as soon as the handler settles (no timer outlives an invocation).
 */
export async function invokeHook(
  handler: EcsNativeHandler,
  event: EcsNativeHookEvent,
  o: InvokeOptions,
): Promise<InvocationResult> {
  const clock = o.scheduler.clock;
  const started = clock.now();
  const context: LambdaLikeContext = {
    functionName: o.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: o.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${o.functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, started + o.functionTimeoutMs - clock.now()),
  };
  const settled = new AbortController();
  const deadline = AbortSignal.any([settled.signal, o.signal]);
  const timeout = o.scheduler.realSleep(o.functionTimeoutMs, deadline).then(
    (elapsed): InvocationResult =>
      elapsed
        ? {
            kind: 'error',
            error: `Task timed out after ${(o.functionTimeoutMs / 1000).toFixed(2)} seconds`,
          }
        : { kind: 'stopped' },
  );
  const run = Promise.resolve()
    .then(() => handler(event, context))
    .then(
      (response): InvocationResult => ({ kind: 'answered', response }),
      (e: unknown): InvocationResult => ({
        kind: 'error',
        error: describeThrown(e),
      }),
    );
  try {
    const result = await Promise.race([run, timeout]);
    return o.signal.aborted ? { kind: 'stopped' } : result;
  } finally {
    settled.abort(SETTLED);
  }
}
