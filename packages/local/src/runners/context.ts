import { randomUUID } from 'node:crypto';
import type { LambdaLikeContext } from './types.js';

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
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
  };
}
