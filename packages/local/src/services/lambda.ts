import { randomUUID } from 'node:crypto';
import { InvalidOptionsError } from '@greenlight/contract';
import type { SimulatedFunction } from '../engine/state.js';
import type { RequestContext, ServiceHandler, ServiceResponse } from '../http/types.js';
import type { LambdaHandler } from '../runners/types.js';
import type { MetricData } from './cloudwatch-metrics.js';
import { type RunOutcome, runHandler } from './lambda-run.js';
import {
  type AliasRouting,
  decodeClientContext,
  type InvocationRecord,
  LambdaApiError,
  lambdaError,
  PATH,
  parseName,
} from './lambda-wire.js';
import type { AwsServicesState, ResolvedServicesOptions } from './state.js';

export type { AliasRouting, InvocationRecord } from './lambda-wire.js';

/** The Lambda Invoke slice: runs the simulated function versions' handlers. */
export class LambdaSlice {
  readonly invocations: InvocationRecord[] = [];
  readonly #state: AwsServicesState;
  readonly #options: ResolvedServicesOptions;
  readonly #background = new Set<Promise<unknown>>();

  readonly #publish: ((data: MetricData) => void) | undefined;

  /** `publish`, when given, receives the `AWS/Lambda` metrics of every invocation (as Lambda publishes them). */
  constructor(
    state: AwsServicesState,
    options: ResolvedServicesOptions,
    publish?: (data: MetricData) => void,
  ) {
    this.#publish = publish;
    this.#state = state;
    this.#options = options;
  }

  /** Adds (or replaces) versions and aliases of a simulated function; returns it. */
  registerFunction(
    name: string,
    versions: Readonly<Record<string, LambdaHandler | undefined>>,
    aliases: Readonly<Record<string, string | AliasRouting>> = {},
  ): SimulatedFunction {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new InvalidOptionsError(
        'name',
        `Expected a Lambda function name (letters, digits, - and _), got ${JSON.stringify(name)}`,
      );
    }
    let fn = this.#state.lambdaFunctions.get(name);
    if (!fn) {
      fn = { functionName: name, versions: new Map(), aliases: new Map() };
      this.#state.lambdaFunctions.set(name, fn);
    }
    for (const [version, handler] of Object.entries(versions)) {
      if (handler !== undefined && typeof handler !== 'function') {
        throw new InvalidOptionsError(
          `versions.${version}`,
          `Expected the handler of ${name}:${version} to be a function`,
        );
      }
      fn.versions.set(version, handler);
    }
    for (const [alias, routing] of Object.entries(aliases)) {
      const r = typeof routing === 'string' ? { version: routing } : routing;
      fn.aliases.set(alias, {
        version: r.version,
        additionalVersionWeights: { ...r.additionalVersionWeights },
      });
    }
    return fn;
  }

  /** Resolves once every `Event` invocation started so far has ended. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  #arn(name: string, qualifier?: string): string {
    const { region, accountId } = this.#options;
    return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
  }

  #resolve(
    name: string,
    qualifier: string | undefined,
  ): { version: string; handler: LambdaHandler | undefined } {
    const fn = this.#state.lambdaFunctions.get(name);
    const notFound = () =>
      new LambdaApiError(
        'ResourceNotFoundException',
        `Function not found: ${this.#arn(name, qualifier)}`,
        404,
      );
    if (!fn) throw notFound();
    let version = qualifier ?? '$LATEST';
    const alias = fn.aliases.get(version);
    if (alias) {
      version = alias.version;
      let r = this.#options.random();
      for (const [other, weight] of Object.entries(alias.additionalVersionWeights)) {
        if (r < weight) {
          version = other;
          break;
        }
        r -= weight;
      }
    } else if (version === '$LATEST' && !fn.versions.has('$LATEST')) {
      // A simulated function often has numbered versions only: unqualified calls run the newest.
      const numbered = [...fn.versions.keys()]
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a));
      if (!numbered[0]) throw notFound();
      version = numbered[0];
    }
    if (!fn.versions.has(version)) throw notFound();
    return { version, handler: fn.versions.get(version) };
  }

  async #invoke(
    name: string,
    qualifier: string | undefined,
    type: InvocationRecord['invocationType'],
    event: unknown,
    clientContext: unknown,
    version: string,
    handler: LambdaHandler | undefined,
  ): Promise<RunOutcome> {
    const started = this.#options.now();
    const outcome: RunOutcome = handler
      ? await runHandler(handler, event, {
          functionName: name,
          version,
          arn: this.#arn(name, qualifier),
          timeoutMs: this.#options.functionTimeoutMs,
          clientContext,
        })
      : {
          ok: false,
          errorType: 'Runtime.HandlerNotFound',
          payload: JSON.stringify({
            errorType: 'Runtime.HandlerNotFound',
            errorMessage: `No handler code is registered for ${name}:${version} (give it with lambda.registerFunction or deployLambda's versions)`,
          }),
        };
    this.#metrics(name, qualifier, version, outcome.ok, started);
    this.invocations.push({
      functionName: name,
      qualifier,
      version,
      invocationType: type,
      event,
      clientContext,
      ...(outcome.ok ? {} : { functionError: 'Unhandled' }),
    });
    return outcome;
  }

  /**
   * Invokes a function (name, partial or full ARN, with or without qualifier) as a service does on a
   * user's behalf (RequestResponse): the same resolution, run, record and metrics as Invoke over the wire.
   * Resolves the outcome; an unknown function or version rejects with `ResourceNotFoundException`.
   */
  async invokeAs(functionArnOrName: string, event: unknown): Promise<RunOutcome> {
    const parsed = parseName(functionArnOrName);
    const qualifier = parsed.qualifier || undefined;
    const { version, handler } = this.#resolve(parsed.name, qualifier);
    return this.#invoke(parsed.name, qualifier, 'RequestResponse', event, undefined, version, handler);
  }

  /** Answers `POST /2015-03-31/functions/{name}/invocations`. */
  async handle(
    path: string,
    query: Readonly<Record<string, string>>,
    headers: Readonly<Record<string, string>>,
    body: Buffer,
    ctx: RequestContext,
  ): Promise<ServiceResponse> {
    try {
      const match = PATH.exec(path);
      if (!match)
        throw new LambdaApiError('UnknownOperationException', 'The local Lambda implements Invoke only', 400);
      const parsed = parseName(decodeURIComponent(match[1]!));
      const qualifier = query.Qualifier || parsed.qualifier || undefined;
      const type = (headers['x-amz-invocation-type'] ??
        'RequestResponse') as InvocationRecord['invocationType'];
      if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
        throw new LambdaApiError(
          'InvalidParameterValueException',
          `Unsupported InvocationType: ${type}`,
          400,
        );
      }
      const clientContext = decodeClientContext(headers['x-amz-client-context']);
      let event: unknown = {};
      if (body.length > 0) {
        try {
          event = JSON.parse(body.toString('utf8'));
        } catch {
          throw new LambdaApiError(
            'InvalidRequestContentException',
            'Could not parse request body into json',
            400,
          );
        }
      }
      const { version, handler } = this.#resolve(parsed.name, qualifier);
      const common = { 'x-amzn-requestid': ctx.requestId, 'x-amz-executed-version': version };
      if (type === 'DryRun') return { status: 204, headers: common };
      const invoke = () => this.#invoke(parsed.name, qualifier, type, event, clientContext, version, handler);
      if (type === 'Event') {
        // The outcome of an Event invocation is recorded in `invocations` (and its metrics), never answered.
        // (runHandler turns every handler failure into an outcome, so `running` only rejects on a slice bug.)
        const running: Promise<unknown> = invoke();
        this.#background.add(running);
        const done = () => this.#background.delete(running);
        running.then(done, done);
        return { status: 202, headers: { 'x-amzn-requestid': ctx.requestId } };
      }
      const outcome = await invoke();
      const answer: Record<string, string> = { 'content-type': 'application/json', ...common };
      if (headers['x-amz-log-type'] === 'Tail')
        answer['x-amz-log-result'] = this.#logTail(ctx.requestId, version, outcome);
      if (!outcome.ok) answer['x-amz-function-error'] = 'Unhandled';
      return { status: 200, headers: answer, body: outcome.payload };
    } catch (error) {
      if (error instanceof LambdaApiError)
        return lambdaError({ type: error.type, message: error.message, status: error.status }, ctx);
      throw error;
    }
  }

  /**
   * Invocations, Errors and Duration, per function, per qualifier (`Resource`) and, through an alias, per
   * version that ran (`ExecutedVersion`): the dimensions Lambda uses, so a metric check can watch a version.
   */
  #metrics(name: string, qualifier: string | undefined, version: string, ok: boolean, started: number): void {
    if (!this.#publish) return;
    const now = this.#options.now();
    const dimensions: Record<string, string>[] = [{ FunctionName: name }];
    if (qualifier) dimensions.push({ FunctionName: name, Resource: `${name}:${qualifier}` });
    if (qualifier && qualifier !== version) {
      dimensions.push({ FunctionName: name, Resource: `${name}:${qualifier}`, ExecutedVersion: version });
    }
    for (const dims of dimensions) {
      for (const [metricName, value, unit] of [
        ['Invocations', 1, 'Count'],
        ['Errors', ok ? 0 : 1, 'Count'],
        ['Duration', now - started, 'Milliseconds'],
      ] as const) {
        this.#publish({
          namespace: 'AWS/Lambda',
          metricName,
          dimensions: dims,
          points: [{ timestamp: now, value, unit }],
        });
      }
    }
  }

  #logTail(requestId: string, version: string, outcome: RunOutcome): string {
    const lines = [`START RequestId: ${requestId} Version: ${version}`];
    if (!outcome.ok)
      lines.push(
        `${new Date(this.#options.now()).toISOString()}\t${requestId}\tERROR\tInvoke Error \t${outcome.payload}`,
      );
    lines.push(`END RequestId: ${requestId}`, `REPORT RequestId: ${requestId}\tTrace: ${randomUUID()}`);
    return Buffer.from(`${lines.join('\n')}\n`).toString('base64');
  }
}

/** The Lambda service handler: owns `/2015-03-31/functions/…` and anything signed for `lambda`. */
export function lambdaService(slice: LambdaSlice): ServiceHandler {
  return {
    name: 'lambda',
    signingName: 'lambda',
    matches: (req) => PATH.test(req.path) || req.signingService === 'lambda',
    operation: (req) => (PATH.test(req.path) ? 'Invoke' : 'unknown'),
    handle: (req, ctx) => slice.handle(req.path, req.query, req.headers, req.body, ctx),
    renderError: lambdaError,
  };
}
