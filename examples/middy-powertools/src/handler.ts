import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { CodeDeployHookEvent } from '@greenlight/core';
import { defaultReserve, greenlight } from '@greenlight/middy';
import middy from '@middy/core';
import { lambdaTarget } from './target.js';

const logger = new Logger({ serviceName: 'orders-pre-traffic' });
/** Keep in step with the hook function's configured timeout. */
const FUNCTION_TIMEOUT_MS = 60_000;
let lambda: LambdaClient | undefined;

/**
 * The check, as a plain middy handler: invoke the version being deployed with a health request and expect
 * `{"status":"ok"}`. Returning `{ passed: false, reason }` (or throwing) fails the hook; anything else passes.
 */
async function checkNewVersion(event: CodeDeployHookEvent, signal: AbortSignal) {
  const { functionName, targetVersion } = await lambdaTarget(event.DeploymentId, signal);
  const label = `${functionName}:${targetVersion}`;
  logger.info('invoking the new version', { functionName, targetVersion });
  lambda ??= new LambdaClient({});
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Qualifier: targetVersion,
      Payload: JSON.stringify({ action: 'health' }),
    }),
    { abortSignal: signal },
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) return { passed: false, reason: `${label} failed (${out.FunctionError}): ${text}` };
  const answer = JSON.parse(text || 'null') as { status?: string } | null;
  return answer?.status === 'ok' || { passed: false, reason: `${label} answered ${text}` };
}

/**
 * The Lambda `BeforeAllowTraffic` hook of `lambda-before-allow-traffic`, written with middy and Powertools:
 * `greenlight()` (first) validates the event, reports Succeeded or Failed in time and returns a HookResult;
 * Powertools' `injectLambdaContext` adds the Lambda context to every log line, and greenlight appends
 * `deploymentId` and `lifecycleEventHookExecutionId` to them.
 *
 * @example
 * // AppSpec: Hooks: [{ BeforeAllowTraffic: CodeDeployHook_orders_pre_traffic }]
 */
export const handler = middy<CodeDeployHookEvent, unknown>({
  timeoutEarlyInMillis: defaultReserve(FUNCTION_TIMEOUT_MS),
})
  .use(greenlight({ logger }))
  .use(injectLambdaContext(logger))
  .handler(async (event, _context, { signal }) => checkNewVersion(event, signal));
