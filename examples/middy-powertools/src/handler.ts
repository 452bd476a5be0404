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

/** Invokes one version with a request; resolves with its decoded answer, or the function error. */
async function invoke(functionName: string, version: string, request: unknown, signal: AbortSignal) {
  lambda ??= new LambdaClient({});
  const out = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Qualifier: version, Payload: JSON.stringify(request) }),
    { abortSignal: signal },
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  if (out.FunctionError) return { error: `failed (${out.FunctionError}): ${text}` };
  return { answer: JSON.parse(text || 'null') as { status?: string; total?: number } | null, text };
}

/**
 * The check, as a plain middy handler: invoke the version being deployed, as `lambda-before-allow-traffic`
 * does, with a health request (expect `{"status":"ok"}`) and a two-item quote (expect a positive `total`).
 * Returning `{ passed: false, reason }` (or throwing) fails the hook; anything else passes.
 */
async function checkNewVersion(event: CodeDeployHookEvent, signal: AbortSignal) {
  const { functionName, targetVersion } = await lambdaTarget(event.DeploymentId, signal);
  const label = `${functionName}:${targetVersion}`;
  logger.info('invoking the new version', { functionName, targetVersion });
  const health = await invoke(functionName, targetVersion, { action: 'health' }, signal);
  if (health.error) return { passed: false, reason: `${label} ${health.error}` };
  if (health.answer?.status !== 'ok')
    return { passed: false, reason: `${label} answered ${health.text} to health` };
  const quote = await invoke(
    functionName,
    targetVersion,
    { action: 'quote', items: [{ sku: 'BOOK-1', qty: 2 }] },
    signal,
  );
  if (quote.error) return { passed: false, reason: `${label} ${quote.error}` };
  const total = quote.answer?.total;
  return (
    (typeof total === 'number' && total > 0) || { passed: false, reason: `${label} quoted ${quote.text}` }
  );
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
