import type { EcsHookResponse } from '@greenlight/core';
import {
  type DeploymentEvent,
  type EcsNativeDeployment,
  type EcsNativeHandler,
  type EcsNativeHookConfig,
  type EcsNativeInvocation,
  type EcsNativeOutcome,
  type EcsNativeStage,
  type ErrorInformation,
  type ModuleFunction,
  type ModuleInvocation,
  moduleFunction,
  parseResponse,
  type ServiceDeploymentStatus,
  simulateEcsNativeDeployment,
} from '@greenlight/local';
import { InvocationLog } from './invocations.js';
import type { TimelinePrinter } from './printer.js';
import { type LifecycleSummary, lifecycleOf, span, type TrafficSummary, trafficOf } from './summary.js';
import { type HookVerdict, verdictFromLog } from './verdict.js';

/** One bundled hook of an ECS native deployment. */
export interface EcsNativeBundledHook {
  readonly stage: EcsNativeStage;
  /** The bundled CommonJS file. */
  readonly file: string;
  /** Its export holding the handler. @default 'handler' */
  readonly exportName?: string;
}

/** An ECS native deployment to simulate. */
export interface EcsNativeSpec {
  readonly cluster: string;
  readonly service: string;
  /** The region in the ARNs. @default 'us-east-1' */
  readonly region?: string;
  readonly hooks: readonly EcsNativeBundledHook[];
  /** The hook functions' environment (the local endpoints and `--env`). */
  readonly env: Readonly<Record<string, string>>;
  /** The hook functions' timeout, real milliseconds. */
  readonly functionTimeoutMs: number;
  readonly timeScale: number;
  /** Service time per scale-up, bake and clean-up step. @default 60000 */
  readonly stepMs?: number;
  /** Aborting it stops the deployment and kills the hook processes. */
  readonly signal?: AbortSignal;
}

/** One hook invocation in the `--json` record. */
export interface EcsNativeInvocationSummary {
  readonly attempt: number;
  /** What the hook answered (absent when it threw, or answered something ECS does not accept). */
  readonly hookStatus?: EcsHookResponse['hookStatus'];
  /** The `callBackDelay` it gave, if any. */
  readonly callBackDelay?: number;
  /** Why ECS does not accept what the hook returned, when it does not. */
  readonly invalid?: string;
  readonly error?: string;
  /** The whole return value. */
  readonly response?: unknown;
  /** The reason and checks the hook logged (createEcsHook), when it did. */
  readonly verdict?: HookVerdict;
  /** What the handler left running when it settled (timers, sockets). */
  readonly leftBehind?: readonly string[];
}

/** The `--json` record of an ECS native deployment. */
export interface EcsNativeSummary {
  readonly deploymentId: string;
  readonly platform: 'ecs-native';
  readonly status: EcsNativeOutcome['status'];
  readonly serviceDeploymentStatus: ServiceDeploymentStatus;
  readonly rollbackStatus?: EcsNativeOutcome['rollbackStatus'];
  readonly errorInformation?: ErrorInformation;
  readonly durationMs: number;
  readonly lifecycleEvents: readonly (LifecycleSummary & {
    readonly invocations?: readonly EcsNativeInvocationSummary[];
  })[];
  readonly traffic: readonly TrafficSummary[];
}

/** What {@link simulateEcsNative} resolves with (`--json` prints it). */
export interface EcsNativeResult {
  readonly status: EcsNativeOutcome['status'];
  readonly serviceDeploymentStatus: ServiceDeploymentStatus;
  readonly deployments: readonly EcsNativeSummary[];
}

const entryName = (stage: string, rollback: boolean) => (rollback ? `${stage} (rollback)` : stage);

/** The verdict createEcsHook logged in an invocation, for the record: its reason and checks. */
function loggedVerdict(ended: ModuleInvocation | undefined): { verdict?: HookVerdict } {
  const verdict = ended && verdictFromLog(ended.logTail);
  return verdict ? { verdict: { reason: verdict.reason, checks: verdict.checks ?? [] } } : {};
}

function invocationSummary(
  attempt: number,
  inv: EcsNativeInvocation,
  ended: ModuleInvocation | undefined,
): EcsNativeInvocationSummary {
  const left = ended?.leftBehind.length ? { leftBehind: ended.leftBehind } : {};
  if (inv.error !== undefined) return { attempt, error: inv.error, ...loggedVerdict(ended), ...left };
  const answer = parseResponse(inv.response);
  const delay = (inv.response as { callBackDelay?: unknown } | null | undefined)?.callBackDelay;
  return {
    attempt,
    ...(answer.ok ? { hookStatus: answer.hookStatus } : { invalid: answer.reason }),
    ...(answer.ok && typeof delay === 'number' ? { callBackDelay: delay } : {}),
    response: inv.response ?? null,
    ...loggedVerdict(ended),
    ...left,
  };
}

function summarize(
  d: EcsNativeDeployment,
  outcome: EcsNativeOutcome,
  ended: ReadonlyMap<number, ModuleInvocation>,
): EcsNativeSummary {
  const invocations = new Map<string, EcsNativeInvocationSummary[]>();
  for (const [i, inv] of d.invocations.entries()) {
    const name = entryName(inv.stage, inv.rollback);
    const list = invocations.get(name) ?? [];
    list.push(invocationSummary(list.length + 1, inv, ended.get(i)));
    invocations.set(name, list);
  }
  return {
    deploymentId: d.serviceDeploymentArn,
    platform: 'ecs-native',
    status: outcome.status,
    serviceDeploymentStatus: outcome.serviceDeploymentStatus,
    ...(outcome.rollbackStatus ? { rollbackStatus: outcome.rollbackStatus } : {}),
    ...(outcome.errorInformation ? { errorInformation: outcome.errorInformation } : {}),
    durationMs: span(d.history).durationMs,
    lifecycleEvents: d.timeline.map((e) => ({
      ...lifecycleOf(e, e.hookReason),
      ...(invocations.has(e.lifecycleEvent) ? { invocations: invocations.get(e.lifecycleEvent) } : {}),
    })),
    traffic: trafficOf(d.history),
  };
}

/** A function's name as a Lambda function would have it: `greenlight-post-test-traffic-shift`. */
const functionName = (stage: EcsNativeStage) => `greenlight-${stage.toLowerCase().replace(/_/g, '-')}`;

/**
 * Each stage's hook as a Lambda function run by @greenlight/local's function runner (warm containers, the Lambda
 * runtime's rules), recording how each invocation ended in `log` under its stage.
 */
function hookFunctions(spec: EcsNativeSpec, log: InvocationLog): Map<EcsNativeStage, ModuleFunction> {
  const functions = new Map<EcsNativeStage, ModuleFunction>();
  for (const h of spec.hooks) {
    const hook = log.record(h.stage, { module: h.file, ...(h.exportName ? { export: h.exportName } : {}) });
    functions.set(
      h.stage,
      moduleFunction(hook, {
        functionName: functionName(h.stage),
        timeoutMs: spec.functionTimeoutMs,
        env: spec.env,
      }),
    );
  }
  return functions;
}

/** The simulator's hook configuration: each function's `handler` face, under the function's name. */
function hookConfigs(
  functions: ReadonlyMap<EcsNativeStage, ModuleFunction>,
  functionTimeoutMs: number,
): Partial<Record<EcsNativeStage, EcsNativeHookConfig>> {
  const hooks: Partial<Record<EcsNativeStage, EcsNativeHookConfig>> = {};
  for (const [stage, fn] of functions) {
    const handler: EcsNativeHandler = (event) => fn.handler(event);
    // The simulator names the function after its handler, in the timeline and the ARN it passes.
    Object.defineProperty(handler, 'name', { value: functionName(stage) });
    // The simulator's own timeout comes a little after the runner's, so the runner's kill (and its words) wins.
    hooks[stage] = { handler, functionTimeoutMs: functionTimeoutMs + 1000 };
  }
  return hooks;
}

/**
 * Runs an Amazon ECS native blue/green deployment of bundled hooks on @greenlight/local's simulator, each hook a
 * Lambda function run by @greenlight/local's function runner (a warm container per function, as Lambda's Node.js
 * runtime runs it), printing the timeline live (each stage, each invocation's `hookStatus` and the checks the hook
 * logged, traffic, the outcome and the rollback's re-runs) unless `printer` is undefined.
 *
 * @example
 * const result = await simulateEcsNative({ cluster: 'default', service: 'web', hooks, env, functionTimeoutMs: 30_000, timeScale: 0.01 }, printer);
 * result.serviceDeploymentStatus; // 'SUCCESSFUL' | 'ROLLBACK_SUCCESSFUL' | …
 */
export async function simulateEcsNative(
  spec: EcsNativeSpec,
  printer: TimelinePrinter | undefined,
): Promise<EcsNativeResult> {
  const log = new InvocationLog();
  const functions = hookFunctions(spec, log);
  const closeFunctions = () => Promise.all([...functions.values()].map((fn) => fn.close()));
  const d = simulateEcsNativeDeployment({
    cluster: spec.cluster,
    service: spec.service,
    ...(spec.region ? { region: spec.region } : {}),
    hooks: hookConfigs(functions, spec.functionTimeoutMs),
    timeScale: spec.timeScale,
    stepMs: spec.stepMs ?? 60_000,
  });
  const onAbort = () => {
    d.stop();
    void closeFunctions();
  };
  if (spec.signal?.aborted) onAbort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  const shortId = (id: string) => id.split('/').at(-1) ?? id;
  printer?.header({
    deploymentId: shortId(d.serviceDeploymentArn),
    what: `ECS native ${spec.cluster}/${spec.service} blue → green`,
    deploymentConfig: 'blue/green (ECS native)',
    targetLabel: 'green',
    ecsNative: true,
  });
  // How each of the simulator's invocations (by index) ended in its function: the simulator records an
  // invocation and emits its end at once, just after the runner's `onInvocation`.
  const ended = new Map<number, ModuleInvocation>();
  // Invocation events name the stage; during the rollback, show them under its `… (rollback)` entry.
  let current = '';
  const onEvent = (ev: DeploymentEvent) => {
    if (ev.type === 'lifecycle') current = ev.entry.lifecycleEvent;
    const short = { ...ev, deploymentId: shortId(ev.deploymentId) };
    if (short.type !== 'invocation') {
      printer?.event(short);
      return;
    }
    const name = current.startsWith(`${short.lifecycleEvent} `) ? current : short.lifecycleEvent;
    const renamed = { ...short, lifecycleEvent: name };
    if (short.result === 'started') {
      printer?.event(renamed);
      return;
    }
    const invocation = log.take(short.lifecycleEvent);
    if (invocation) ended.set(d.invocations.length - 1, invocation);
    if (short.result === 'error') printer?.event(renamed);
    else printer?.hookAnswer(renamed, d.invocations.at(-1)?.response);
    const verdict = invocation && verdictFromLog(invocation.logTail);
    if (verdict) printer?.verdict(verdict);
    if (invocation) printer?.leftBehind(invocation.leftBehind);
  };
  d.on('event', onEvent);
  try {
    const outcome = await d.done;
    const summary = summarize(d, outcome, ended);
    printer?.outcome(shortId(summary.deploymentId), outcome, summary.durationMs);
    return {
      status: outcome.status,
      serviceDeploymentStatus: outcome.serviceDeploymentStatus,
      deployments: [summary],
    };
  } finally {
    d.off('event', onEvent);
    spec.signal?.removeEventListener('abort', onAbort);
    await closeFunctions();
  }
}
