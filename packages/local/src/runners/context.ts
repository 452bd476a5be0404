import { randomUUID } from 'node:crypto';
import type { ContextFields } from './runtime-protocol.js';
import type { LambdaLikeContext } from './types.js';

/** A log stream name as Lambda makes them: `2025/01/31/[$LATEST]0123…`. One per container. */
export function logStreamName(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`;
}

/** The members of a Lambda context that do not change during an invocation (a fresh `awsRequestId` each call). */
export function contextFields(
  functionName: string,
  invokedFunctionArn: string,
  stream: string = logStreamName(),
): ContextFields {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: stream,
  };
}

/**
 * A Lambda-like context whose `getRemainingTimeInMillis()` counts down from `timeoutMs` (real time).
 *
 * @example
 * ```ts
 * const ctx = lambdaContext('CodeDeployHook_pre', 'arn:aws:lambda:us-east-1:123456789012:function:CodeDeployHook_pre', 30_000);
 * ctx.getRemainingTimeInMillis(); // ≤ 30000
 * ```
 */
export function lambdaContext(
  functionName: string,
  invokedFunctionArn: string,
  timeoutMs: number,
  now: () => number = Date.now,
): LambdaLikeContext {
  const deadline = now() + timeoutMs;
  return {
    ...contextFields(functionName, invokedFunctionArn),
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
  };
}
