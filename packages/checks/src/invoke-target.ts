import type { InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { Check, CheckVerdict, HookContext } from '@greenlight/core';
import { abortedVerdict } from './internal/abort.js';
import { type AwsClientLike, call, lazyClient } from './internal/aws.js';
import { guarded } from './internal/guard.js';
import {
  isExpectation,
  type JsonSubset,
  parseJson,
  shown,
  subsetMismatch,
  textMismatch,
} from './internal/match.js';
import { is, type OptionSpec, optional, validateOptions } from './internal/options.js';

/**
 * What an `expect` predicate is told about the invocation besides the decoded payload.
 *
 * @example
 * invokeTarget({ expect: (payload, info: InvokeResultInfo) => info.executedVersion === '7' });
 */
export interface InvokeResultInfo {
  readonly statusCode: number;
  readonly executedVersion: string | undefined;
  /** The payload as text. */
  readonly raw: string;
}

/**
 * Options of {@link invokeTarget}. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * invokeTarget({ payload: { path: '/health' }, expect: { statusCode: 200 } });
 */
export interface InvokeTargetOptions {
  /** The event sent to the target version, or a function of the check context that returns it. @default {} */
  readonly payload?: unknown;
  /**
   * What the answer must be: a JSON subset of the payload, a string the payload text must contain, a RegExp
   * it must match, or a predicate of the decoded payload. A function error or a status other than 200 always fails. @default any answer without a function error
   */
  readonly expect?: JsonSubset | ((payload: unknown, result: InvokeResultInfo) => boolean | Promise<boolean>);
  /** Extra `custom` members of the ClientContext (string values), beside greenlight's own. @default {} */
  readonly clientContext?: Readonly<Record<string, string>>;
  /** The Lambda client. @default a `LambdaClient` from `@aws-sdk/client-lambda`, made on the first run */
  readonly client?: AwsClientLike;
}

const SPEC: OptionSpec<InvokeTargetOptions> = {
  payload: optional('a JSON value or a function of the check context', (v) => {
    if (typeof v === 'function') return true;
    try {
      return JSON.stringify(v) !== undefined;
    } catch {
      return false;
    }
  }),
  expect: optional('a JSON subset, a string, a RegExp or a predicate', isExpectation),
  clientContext: is.stringRecord,
  client: is.client,
};

/**
 * The `custom` key of the ClientContext that marks an invocation as a greenlight hook's smoke test (its value
 * is `hook-smoke-test`).
 *
 * @example
 * context.clientContext?.custom?.[SMOKE_TEST_MARK] === 'hook-smoke-test';
 */
export const SMOKE_TEST_MARK = 'greenlight';
const MAX_CLIENT_CONTEXT = 3583;

/**
 * Whether a Lambda context belongs to a smoke-test invocation made by {@link invokeTarget}, so the function
 * under test can skip side effects (payments, e-mails) for it.
 *
 * @example
 * export const handler = async (event, context) => {
 *   if (isHookSmokeTest(context)) return { statusCode: 200, body: 'ok (smoke test)' };
 *   // ...
 * };
 */
export function isHookSmokeTest(context: unknown): boolean {
  const custom = (context as { clientContext?: { custom?: Record<string, unknown> } } | undefined)
    ?.clientContext?.custom;
  return custom?.[SMOKE_TEST_MARK] === 'hook-smoke-test';
}

function clientContextOf(
  context: HookContext,
  lifecycleEvent: string | undefined,
  extra: Readonly<Record<string, string>>,
) {
  const custom: Record<string, string> = {
    ...extra,
    [SMOKE_TEST_MARK]: 'hook-smoke-test',
    deploymentId: context.deploymentId,
    lifecycleEventHookExecutionId: context.lifecycleEventHookExecutionId,
    checkName: context.checkName,
    ...(lifecycleEvent ? { lifecycleEvent } : {}),
  };
  return Buffer.from(JSON.stringify({ custom })).toString('base64');
}

/** `TypeError: price is not a number` from a Lambda error payload. */
function functionErrorText(raw: string): string {
  const parsed = parseJson(raw, 'payload');
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
    const { errorType, errorMessage } = parsed.value as { errorType?: unknown; errorMessage?: unknown };
    if (typeof errorMessage === 'string') {
      return typeof errorType === 'string' ? `${errorType}: ${errorMessage}` : errorMessage;
    }
  }
  return shown(raw);
}

async function judge(
  expect: InvokeTargetOptions['expect'],
  raw: string,
  info: InvokeResultInfo,
  label: string,
): Promise<CheckVerdict> {
  if (expect === undefined) return { passed: true, reason: `${label} answered ${info.statusCode}` };
  if (expect instanceof RegExp || typeof expect === 'string') {
    const why = textMismatch(expect, raw, 'payload');
    return why
      ? { passed: false, reason: `${label}: ${why}` }
      : { passed: true, reason: `${label} answered as expected` };
  }
  const parsed = parseJson(raw, 'payload');
  if (typeof expect === 'function') {
    const judged = await guarded('the expect predicate', () => expect(parsed.ok ? parsed.value : raw, info));
    if (!judged.ok) return { passed: false, reason: `${label}: ${judged.reason}` };
    return judged.value
      ? { passed: true, reason: `${label} answered as expected` }
      : { passed: false, reason: `${label}: the expect predicate rejected the payload ${shown(raw)}` };
  }
  if (!parsed.ok) return { passed: false, reason: `${label}: ${parsed.reason}` };
  const why = subsetMismatch(expect, parsed.value, 'payload');
  return why
    ? { passed: false, reason: `${label}: ${why}` }
    : { passed: true, reason: `${label} answered as expected` };
}

/**
 * A check that invokes the version being deployed (from the deployment target: `functionName` and
 * `targetVersion`, never an environment variable) with a payload and a ClientContext marking the call as a
 * hook smoke test. It fails on a function error (quoting it), a status other than 200, or a payload the
 * expectation rejects.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { invokeTarget } from '@greenlight/checks/invoke-target';
 *
 * export const handler = createHook({
 *   smoke: invokeTarget({ payload: { orderId: 'smoke-1' }, expect: { status: 'accepted' } }),
 * });
 */
export function invokeTarget(options: InvokeTargetOptions = {}): Check {
  const o = validateOptions<InvokeTargetOptions>('invokeTarget()', options, SPEC);
  const client = lazyClient(o.client, async () => {
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    return new LambdaClient({});
  });
  return async (context) => {
    const { signal } = context;
    const target = await context.target();
    if (target.kind !== 'lambda') {
      return {
        passed: false,
        reason: `invokeTarget needs a Lambda deployment; this deployment targets ${target.kind}`,
      };
    }
    const label = `${target.functionName}:${target.targetVersion}`;
    const clientContext = clientContextOf(context, target.lifecycleEvent, o.clientContext ?? {});
    if (clientContext.length > MAX_CLIENT_CONTEXT) {
      return {
        passed: false,
        reason: `the ClientContext for ${label} is ${clientContext.length} bytes; Lambda takes at most ${MAX_CLIENT_CONTEXT}`,
      };
    }
    const payload = await guarded('the payload function', () =>
      typeof o.payload === 'function' ? o.payload(context) : (o.payload ?? {}),
    );
    if (!payload.ok) return { passed: false, reason: `${label}: ${payload.reason}` };
    const json = await guarded(
      'turning the payload into JSON',
      () => JSON.stringify(payload.value) ?? 'null',
    );
    if (!json.ok) return { passed: false, reason: `${label}: ${json.reason}` };
    try {
      const [{ InvokeCommand }, lambda] = await Promise.all([import('@aws-sdk/client-lambda'), client()]);
      const out = await call<InvokeCommandOutput>(
        'invokeTarget',
        'Invoke',
        lambda,
        new InvokeCommand({
          FunctionName: target.functionName,
          Qualifier: target.targetVersion,
          InvocationType: 'RequestResponse',
          ClientContext: clientContext,
          Payload: new TextEncoder().encode(json.value),
        }),
        signal,
      );
      const raw = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      if (out.FunctionError) {
        return { passed: false, reason: `${label} failed (${out.FunctionError}): ${functionErrorText(raw)}` };
      }
      const statusCode = out.StatusCode ?? 0;
      if (statusCode !== 200)
        return { passed: false, reason: `${label} answered status ${statusCode}, expected 200` };
      return await judge(o.expect, raw, { statusCode, executedVersion: out.ExecutedVersion, raw }, label);
    } catch (error) {
      if (signal.aborted) return abortedVerdict(signal, `invoking ${label}`);
      throw error;
    }
  };
}
