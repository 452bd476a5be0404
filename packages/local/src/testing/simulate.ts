import { describeThrown, ECS_HOOK_EVENTS, isLambdaLifecycleEvent } from '@greenlight/contract';
import type { LambdaDeploymentConfig } from '../engine/configs.js';
import type { DeploymentOutcome, TimelineEntry } from '../engine/types.js';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../local.js';
import type { CodeDeployHookEvent, HookRunner, LambdaHandler, LambdaLikeContext } from '../runners/types.js';
import { describeRun, type HookAnswer } from './report.js';

/**
 * A hook handler as users export it: `createHook(...)`, a middy handler, any `(event, context)` function.
 * Declared as a method so that handlers typed with aws-lambda's `Context` are accepted too.
 */
export type TestHook = {
  handle(event: CodeDeployHookEvent, context: LambdaLikeContext): unknown;
}['handle'];

/** Options of {@link simulateDeployment}. */
export interface SimulateDeploymentOptions {
  /**
   * The hooks by lifecycle event: a handler (run in this process, so the test sees its logs and spies), or
   * any runner `@greenlight/local` takes (`{ module }` for a child process per invocation).
   */
  readonly hooks: Readonly<Record<string, TestHook | HookRunner>>;
  /**
   * `lambda` (events BeforeAllowTraffic, AfterAllowTraffic) or `ecs` (blue/green).
   * @default 'ecs' when a hook serves BeforeInstall, AfterInstall or AfterAllowTestTraffic, else 'lambda'
   */
  readonly platform?: 'lambda' | 'ecs';
  /** @default 'CodeDeployDefault.LambdaAllAtOnce', or 'CodeDeployDefault.ECSAllAtOnce' for ECS */
  readonly config?: string;
  /** Lambda: the function deployed. @default 'my-function' */
  readonly functionName?: string;
  /** Lambda. @default '1' */
  readonly currentVersion?: string;
  /** Lambda. @default '2' */
  readonly targetVersion?: string;
  /** Lambda: the code of each version, which `invokeTarget` checks call. @default {} */
  readonly versions?: Readonly<Record<string, LambdaHandler>>;
  /** ECS. @default 'default' */
  readonly cluster?: string;
  /** ECS. @default 'my-service' */
  readonly service?: string;
  /** Environment variables the hooks see while the deployment runs (restored after). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** CloudWatch alarms watched during traffic shifting, with their state. @default {} */
  readonly alarms?: Readonly<Record<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>>;
  /** @default true */
  readonly autoRollback?: boolean;
  /** The hook functions' timeout, real milliseconds. @default 30_000 */
  readonly functionTimeoutMs?: number;
  /** Real time per unit of service time (0: canary waits and retry delays take no time). @default 0 */
  readonly timeScale?: number;
  /** Called with the running local CodeDeploy before the deployment starts (set target health, faults…). */
  readonly prepare?: (local: LocalCodeDeploy) => void | Promise<void>;
}

/** How a simulated deployment went: its outcome, timeline, the hooks' answers, and the story as text. */
export interface SimulatedRun {
  readonly deploymentId: string;
  readonly status: DeploymentOutcome['status'];
  readonly outcome: DeploymentOutcome;
  readonly timeline: readonly TimelineEntry[];
  /** What each in-process hook invocation returned (createHook's `HookResult`) or threw, in order. */
  readonly answers: readonly HookAnswer[];
  /** The whole story in plain text: {@link describeRun}. */
  readonly report: string;
  /**
   * Throws an `Error` whose message is {@link SimulatedRun.report} unless the deployment ended with
   * `status`: the failure message of a test then carries the hooks' reasons and the timeline.
   */
  expectStatus(status: DeploymentOutcome['status']): void;
}

/** The hook events only an ECS deployment has: a hook serving one makes the platform ECS. */
const ECS_ONLY: ReadonlySet<string> = new Set(
  ECS_HOOK_EVENTS.filter((event) => !isLambdaLifecycleEvent(event)),
);

/**
 * The port of the last local CodeDeploy this module started. Each run listens on it again, so a handler's
 * SDK client, created once at the first invocation with the endpoint it saw, still reaches the next run's
 * server: no stale endpoint, however many tests start a deployment.
 */
let lastPort = 0;

async function start(timeScale: number, functionTimeoutMs: number): Promise<LocalCodeDeploy> {
  const options = { timeScale, functionTimeoutMs };
  if (lastPort !== 0) {
    try {
      return await startLocalCodeDeploy({ ...options, port: lastPort });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EADDRINUSE') throw err;
    }
  }
  const local = await startLocalCodeDeploy(options);
  lastPort = Number(new URL(local.endpoint).port);
  return local;
}

/** Sets variables in process.env; returns what puts them back. */
function setEnv(vars: Readonly<Record<string, string>>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Wraps an in-process handler to record what it returned or threw. */
function recording(lifecycleEvent: string, hook: TestHook, answers: HookAnswer[]): TestHook {
  return async (event, context) => {
    try {
      const result = await hook(event, context);
      answers.push({ lifecycleEvent, kind: 'returned', result });
      return result;
    } catch (err) {
      answers.push({
        lifecycleEvent,
        kind: 'threw',
        error: describeThrown(err),
      });
      throw err;
    }
  };
}

/**
 * Runs one whole deployment of your hooks on a fresh local CodeDeploy and resolves when it has ended and
 * every hook invocation has returned, then closes everything it started. In-process hooks run with the
 * local CodeDeploy's endpoint, region and dummy credentials in `process.env` (and `env`), restored after.
 * Works in jest (CommonJS or ESM) and vitest: it uses no test framework.
 *
 * @example
 * ```ts
 * import { simulateDeployment } from '@greenlight/local/testing';
 * import { handler } from '../src/handler.js';
 *
 * it('lets a good version through', async () => {
 *   const run = await simulateDeployment({
 *     hooks: { BeforeAllowTraffic: handler },
 *     versions: { '2': async () => ({ status: 'ok' }) },
 *   });
 *   run.expectStatus('Succeeded'); // on failure: the hooks' reasons and the timeline
 * });
 * ```
 */
export async function simulateDeployment(options: SimulateDeploymentOptions): Promise<SimulatedRun> {
  const events = Object.keys(options.hooks);
  const platform = options.platform ?? (events.some((e) => ECS_ONLY.has(e)) ? 'ecs' : 'lambda');
  const answers: HookAnswer[] = [];
  const hooks: Record<string, HookRunner> = {};
  for (const [event, hook] of Object.entries(options.hooks))
    hooks[event] = typeof hook === 'function' ? recording(event, hook, answers) : hook;
  const local = await start(options.timeScale ?? 0, options.functionTimeoutMs ?? 30_000);
  const restore = setEnv({ ...local.env, ...options.env });
  try {
    for (const [name, state] of Object.entries(options.alarms ?? {})) local.setAlarmState(name, state);
    await options.prepare?.(local);
    const common = {
      autoRollback: options.autoRollback ?? true,
      ...(options.alarms ? { alarms: Object.keys(options.alarms) } : {}),
    };
    const handle =
      platform === 'lambda'
        ? await local.deployLambda({
            ...common,
            functionName: options.functionName ?? 'my-function',
            currentVersion: options.currentVersion ?? '1',
            targetVersion: options.targetVersion ?? '2',
            config: options.config ?? ('CodeDeployDefault.LambdaAllAtOnce' satisfies LambdaDeploymentConfig),
            ...(options.versions ? { versions: options.versions } : {}),
            hooks,
          })
        : await local.deployEcs({
            ...common,
            cluster: options.cluster ?? 'default',
            service: options.service ?? 'my-service',
            config: options.config ?? 'CodeDeployDefault.ECSAllAtOnce',
            hooks,
          });
    const outcome = await handle.done;
    // `done` resolves when the outcome is known; a hook that reported may still be returning. Wait for it.
    await handle.settled;
    const timeline = handle.timeline;
    const report = describeRun(handle.deploymentId, outcome, timeline, answers);
    return {
      deploymentId: handle.deploymentId,
      status: outcome.status,
      outcome,
      timeline,
      answers,
      report,
      expectStatus(status) {
        if (outcome.status !== status)
          throw new Error(
            `expected the deployment to end ${status}, but it ended ${outcome.status}\n${report}`,
          );
      },
    };
  } finally {
    restore();
    await local.close();
  }
}
