import { spawn } from 'node:child_process';
import {
  type EcsNativeDeployment,
  type EcsNativeHandler,
  type EcsNativeHookConfig,
  type EcsNativeOutcome,
  type EcsNativeStage,
  simulateEcsNativeDeployment,
} from '@greenlight/local';
import type { TimelineEvent } from './events.js';
import type { TimelinePrinter } from './printer.js';

const LOG_TAIL_BYTES = 16_384;

/**
 * The child process of one invocation: it requires the bundled hook, calls its `handler` with the ECS event and
 * a Lambda-like context, and sends what it returned (or threw) over IPC. Hook logs stay in the child's stdout.
 */
const CHILD_SOURCE = `
const { randomUUID } = require('node:crypto');
const payload = JSON.parse(process.env.GREENLIGHT_INVOCATION);
delete process.env.GREENLIGHT_INVOCATION;
const done = (message) => process.send(message, () => process.exit(0));
const deadline = Date.now() + payload.timeoutMs;
const context = {
  functionName: payload.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:' + payload.functionName,
  memoryLimitInMB: '128',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/' + payload.functionName,
  logStreamName: '$LATEST/' + randomUUID(),
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
};
const fail = (err) => done({ ok: false, error: String((err && err.message) || err) });
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
Promise.resolve()
  .then(() => require(payload.module).handler(payload.event, context))
  .then((result) => done({ ok: true, result: result === undefined ? null : result }), fail);
`;

/** How a bundled ECS native hook runs. */
export interface ChildHandlerOptions {
  /** The bundled CommonJS file (its `handler` export). */
  readonly file: string;
  /** The function name the context and the timeline show. */
  readonly functionName: string;
  /** The function's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Real milliseconds before the process is killed. */
  readonly timeoutMs: number;
  /** Aborting it kills the running processes. */
  readonly signal: AbortSignal;
  /** Called before the handler settles with the verdict the hook logged (createEcsHook logs one), if any. */
  readonly onVerdict?: (verdict: HookVerdict | undefined) => void;
}

/** What createEcsHook logs about an invocation: its reason and each check. */
export interface HookVerdict {
  readonly hookStatus?: string;
  readonly reason?: string;
  readonly checks?: readonly { name: string; status: string; reason?: string; durationMs?: number }[];
  readonly mode?: string;
}

/**
 * The last verdict a createEcsHook handler logged (a JSON line with `checks`), from a process's output.
 *
 * @example
 * verdictFromLog('{"message":"greenlight ECS hook verdict","hookStatus":"FAILED","checks":[]}\n')?.hookStatus; // 'FAILED'
 */
export function verdictFromLog(log: string): HookVerdict | undefined {
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{') || !line.includes('"checks"')) continue;
    try {
      const parsed = JSON.parse(line) as HookVerdict & { message?: unknown };
      if (Array.isArray(parsed.checks)) return parsed;
    } catch {
      // not a JSON line, or cut by the log tail
    }
  }
  return undefined;
}

/**
 * An ECS native handler that runs a bundled hook in a fresh `node` process per invocation (as Lambda does) and
 * resolves with what the handler returned; a throw, a crash or the timeout rejects.
 *
 * @example
 * const handler = childHandler({ file: '/tmp/greenlight-x/POST_TEST_TRAFFIC_SHIFT.cjs', functionName: 'hook', env: {}, timeoutMs: 30_000, signal });
 */
export function childHandler(options: ChildHandlerOptions): EcsNativeHandler {
  const run = (event: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (options.signal.aborted) {
        reject(new Error('stopped'));
        return;
      }
      const payload = {
        module: options.file,
        event,
        functionName: options.functionName,
        timeoutMs: options.timeoutMs,
      };
      const child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_OPTIONS: '',
          ...options.env,
          AWS_LAMBDA_FUNCTION_NAME: options.functionName,
          AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.ceil(options.timeoutMs / 1000)),
          GREENLIGHT_INVOCATION: JSON.stringify(payload),
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let log = '';
      const capture = (chunk: Buffer) => {
        log = (log + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
      };
      child.stdout?.on('data', capture);
      child.stderr?.on('data', capture);
      let message: { ok: boolean; result?: unknown; error?: string } | undefined;
      let killedFor: string | undefined;
      child.on('message', (m) => {
        message = m as typeof message;
      });
      const kill = (why: string) => {
        killedFor = why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(
        () => kill(`Task timed out after ${(options.timeoutMs / 1000).toFixed(2)} seconds`),
        options.timeoutMs,
      );
      timer.unref();
      const onAbort = () => kill('stopped');
      options.signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (err) => {
        killedFor ??= `could not start the hook process: ${err.message}`;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        options.onVerdict?.(verdictFromLog(log));
        if (killedFor) reject(new Error(killedFor));
        else if (message?.ok) resolve(message.result);
        else {
          const reason =
            message?.error ??
            `process exited with ${signal ?? `code ${code}`} before answering${log ? `: ${log.trim().split('\n').at(-1)}` : ''}`;
          reject(new Error(reason.split('\n')[0] ?? reason));
        }
      });
    });
  const handler: EcsNativeHandler = (event) => run(event);
  Object.defineProperty(handler, 'name', { value: options.functionName });
  return handler;
}

/** One bundled hook of an ECS native deployment. */
export interface EcsNativeBundledHook {
  readonly stage: EcsNativeStage;
  readonly file: string;
}

/** An ECS native deployment to simulate. */
export interface EcsNativeSpec {
  readonly cluster: string;
  readonly service: string;
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
  /** What the hook answered: SUCCEEDED, FAILED or IN_PROGRESS (absent when it threw). */
  readonly hookStatus?: string;
  readonly callBackDelay?: number;
  readonly error?: string;
  /** The whole return value. */
  readonly response?: unknown;
  /** The reason and checks the hook logged (createEcsHook), when it did. */
  readonly verdict?: HookVerdict;
}

/** The `--json` record of an ECS native deployment. */
export interface EcsNativeSummary {
  readonly deploymentId: string;
  readonly platform: 'ecs-native';
  readonly status: string;
  readonly serviceDeploymentStatus: string;
  readonly rollbackStatus?: string;
  readonly errorInformation?: { readonly code: string; readonly message: string };
  readonly durationMs: number;
  readonly lifecycleEvents: readonly {
    readonly lifecycleEvent: string;
    readonly status: string;
    readonly durationMs?: number;
    readonly hookFunction?: string;
    readonly attempts: number;
    readonly message?: string;
    readonly invocations?: readonly EcsNativeInvocationSummary[];
  }[];
  readonly traffic: readonly {
    readonly atMs: number;
    readonly targetWeight: number;
    readonly listener?: string;
  }[];
}

/** What {@link simulateEcsNative} resolves with (`--json` prints it). */
export interface EcsNativeResult {
  readonly status: string;
  readonly serviceDeploymentStatus: string;
  readonly deployments: readonly EcsNativeSummary[];
}

const entryName = (stage: string, rollback: boolean) => (rollback ? `${stage} (rollback)` : stage);

function invocationSummary(
  attempt: number,
  inv: { readonly response?: unknown; readonly error?: string },
  verdict: HookVerdict | undefined,
): EcsNativeInvocationSummary {
  const logged = verdict ? { verdict: { reason: verdict.reason, checks: verdict.checks ?? [] } } : {};
  if (inv.error !== undefined) return { attempt, error: inv.error, ...logged };
  const r = inv.response as { hookStatus?: unknown; callBackDelay?: unknown } | null | undefined;
  return {
    attempt,
    ...(typeof r?.hookStatus === 'string' ? { hookStatus: r.hookStatus } : {}),
    ...(typeof r?.callBackDelay === 'number' ? { callBackDelay: r.callBackDelay } : {}),
    response: inv.response ?? null,
    ...logged,
  };
}

function summarize(
  d: EcsNativeDeployment,
  outcome: EcsNativeOutcome,
  verdictLog: readonly (HookVerdict | undefined)[],
): EcsNativeSummary {
  const history = d.history as readonly TimelineEvent[];
  const t0 = history[0]?.at.getTime() ?? 0;
  const tEnd = history.at(-1)?.at.getTime() ?? t0;
  const invocations = new Map<string, EcsNativeInvocationSummary[]>();
  for (const [i, inv] of d.invocations.entries()) {
    const name = entryName(inv.stage, inv.rollback);
    const list = invocations.get(name) ?? [];
    list.push(invocationSummary(list.length + 1, inv, verdictLog[i]));
    invocations.set(name, list);
  }
  return {
    deploymentId: d.serviceDeploymentArn,
    platform: 'ecs-native',
    status: outcome.status,
    serviceDeploymentStatus: outcome.serviceDeploymentStatus,
    ...(outcome.rollbackStatus ? { rollbackStatus: outcome.rollbackStatus } : {}),
    ...(outcome.errorInformation ? { errorInformation: outcome.errorInformation } : {}),
    durationMs: tEnd - t0,
    lifecycleEvents: d.timeline.map((e) => ({
      lifecycleEvent: e.lifecycleEvent,
      status: e.status,
      ...(e.startTime && e.endTime ? { durationMs: e.endTime.getTime() - e.startTime.getTime() } : {}),
      ...(e.hookFunction ? { hookFunction: e.hookFunction } : {}),
      attempts: e.attempts,
      ...(e.hookReason && e.status !== 'Succeeded' ? { message: e.hookReason } : {}),
      ...(invocations.has(e.lifecycleEvent) ? { invocations: invocations.get(e.lifecycleEvent) } : {}),
    })),
    traffic: history
      .filter((ev): ev is Extract<TimelineEvent, { type: 'traffic' }> => ev.type === 'traffic')
      .map((ev) => ({
        atMs: ev.at.getTime() - t0,
        targetWeight: ev.targetWeight,
        ...(ev.listener ? { listener: ev.listener } : {}),
      })),
  };
}

/**
 * Runs an Amazon ECS native blue/green deployment of bundled hooks on @greenlight/local's simulator, each
 * invocation in its own `node` process, printing the timeline live (each stage, each invocation's
 * `hookStatus`, traffic, the outcome and the rollback's re-runs) unless `printer` is undefined.
 *
 * @example
 * const result = await simulateEcsNative({ cluster: 'default', service: 'web', hooks, env, functionTimeoutMs: 30_000, timeScale: 0.01 }, printer);
 * result.serviceDeploymentStatus; // 'SUCCESSFUL' | 'ROLLBACK_SUCCESSFUL' | …
 */
export async function simulateEcsNative(
  spec: EcsNativeSpec,
  printer: TimelinePrinter | undefined,
): Promise<EcsNativeResult> {
  const kill = new AbortController();
  // The verdict each stage's last invocation logged, printed under its answer.
  const verdicts = new Map<string, HookVerdict | undefined>();
  // Every invocation's verdict, in the order the invocations ended (the simulator's `invocations` order).
  const verdictLog: (HookVerdict | undefined)[] = [];
  const hooks: Partial<Record<EcsNativeStage, EcsNativeHookConfig>> = {};
  for (const h of spec.hooks) {
    hooks[h.stage] = {
      handler: childHandler({
        file: h.file,
        functionName: `greenlight-${h.stage.toLowerCase().replace(/_/g, '-')}`,
        env: spec.env,
        timeoutMs: spec.functionTimeoutMs,
        signal: kill.signal,
        onVerdict: (v) => {
          verdicts.set(h.stage, v);
          verdictLog.push(v);
        },
      }),
      // The simulator's own function timeout: a little after the process is killed, so the kill's reason wins.
      functionTimeoutMs: spec.functionTimeoutMs + 1000,
    };
  }
  const d = simulateEcsNativeDeployment({
    cluster: spec.cluster,
    service: spec.service,
    hooks,
    timeScale: spec.timeScale,
    stepMs: spec.stepMs ?? 60_000,
  });
  const onAbort = () => {
    d.stop();
    kill.abort();
  };
  if (spec.signal?.aborted) onAbort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  printer?.header({
    deploymentId: d.serviceDeploymentArn.split('/').at(-1) ?? d.serviceDeploymentArn,
    what: `ECS native ${spec.cluster}/${spec.service} blue → green`,
    deploymentConfig: 'blue/green (ECS native)',
    targetLabel: 'green',
    ecsNative: true,
  });
  const short = (ev: TimelineEvent): TimelineEvent => ({
    ...ev,
    deploymentId: ev.deploymentId.split('/').at(-1) ?? ev.deploymentId,
  });
  // Invocation events name the stage; during the rollback, show them under its `… (rollback)` entry.
  let current = '';
  const onEvent = (ev: TimelineEvent) => {
    if (!printer) return;
    if (ev.type === 'lifecycle') current = ev.entry.lifecycleEvent;
    if (ev.type !== 'invocation') {
      printer.event(short(ev));
      return;
    }
    const name = current.startsWith(`${ev.lifecycleEvent} `) ? current : ev.lifecycleEvent;
    const renamed = { ...ev, deploymentId: short(ev).deploymentId, lifecycleEvent: name };
    if (ev.result !== 'returned') {
      printer.event(renamed);
      return;
    }
    printer.hookAnswer(renamed, d.invocations.at(-1)?.response);
    const verdict = verdicts.get(ev.lifecycleEvent);
    if (verdict) printer.hookResult(name, { ok: true, result: verdict });
  };
  const listener = (ev: unknown) => onEvent(ev as TimelineEvent);
  d.on('event', listener);
  try {
    const outcome = await d.done;
    const summary = summarize(d, outcome, verdictLog);
    printer?.outcome(
      summary.deploymentId.split('/').at(-1) ?? summary.deploymentId,
      outcome,
      summary.durationMs,
    );
    return {
      status: outcome.status,
      serviceDeploymentStatus: outcome.serviceDeploymentStatus,
      deployments: [summary],
    };
  } finally {
    d.off('event', listener);
    spec.signal?.removeEventListener('abort', onAbort);
    kill.abort();
  }
}
