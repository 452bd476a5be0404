import { createServer } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import {
  type Check,
  type CodeDeployLike,
  createHook,
  HookReportError,
  type HookResult,
} from '@greenlight/core';
import type { LocalCodeDeploy } from '@greenlight/local';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';

/** What can go wrong with one report attempt. `refused`: nothing listens (ECONNREFUSED); the rest are the local CodeDeploy's faults. */
export type AttemptFault = 'throttle' | 'error500' | 'error503' | 'reset' | 'slow' | 'refused';
export const ATTEMPT_FAULTS: readonly AttemptFault[] = [
  'throttle',
  'error500',
  'error503',
  'reset',
  'slow',
  'refused',
];

/** How a check behaves. */
export type Behaviour = 'pass' | 'fail' | 'throw' | 'rejectNonError' | 'hang' | 'ignoreSignal';
export const BEHAVIOURS: readonly Behaviour[] = [
  'pass',
  'fail',
  'throw',
  'rejectNonError',
  'hang',
  'ignoreSignal',
];

export const SLOW_MS = 80;
export const ATTEMPT_TIMEOUT_MS = 30;
export const CHECK_TIMEOUT_MS = 25;

export function check(behaviour: Behaviour): Check {
  switch (behaviour) {
    case 'pass':
      return () => true;
    case 'fail':
      return () => false;
    case 'throw':
      return () => {
        throw new Error('check exploded');
      };
    case 'rejectNonError':
      return () => Promise.reject('a string, not an Error');
    case 'hang':
      return () => new Promise(() => {});
    case 'ignoreSignal':
      return () => new Promise((resolve) => setTimeout(() => resolve(true), CHECK_TIMEOUT_MS * 3));
  }
}

/** A client whose attempts follow `schedule`: `refused` attempts go to a port where nothing listens. */
export function scheduledClient(
  local: LocalCodeDeploy,
  schedule: readonly AttemptFault[],
  deadPort: number,
): CodeDeployLike {
  const credentials = {
    accessKeyId: local.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
  };
  const make = (endpoint: string) =>
    new CodeDeployClient({ endpoint, region: local.region, credentials, maxAttempts: 1 });
  const live = make(local.endpoint);
  const dead = make(`http://127.0.0.1:${deadPort}`);
  let attempt = 0;
  for (const fault of schedule) {
    if (fault === 'refused') continue;
    const kind =
      fault === 'throttle'
        ? { kind: 'throttle' as const }
        : fault === 'error500'
          ? { kind: 'error5xx' as const, status: 500 as const }
          : fault === 'error503'
            ? { kind: 'error5xx' as const, status: 503 as const }
            : fault === 'reset'
              ? { kind: 'reset' as const }
              : { kind: 'delay' as const, delayMs: SLOW_MS };
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { ...kind, times: 1 });
  }
  return {
    send(command, options) {
      const fault = schedule[attempt++];
      return (fault === 'refused' ? dead : live).send(command, options);
    },
  };
}

export interface Outcome {
  readonly result?: HookResult;
  readonly error?: unknown;
  readonly end: number;
  readonly finishedAt: number;
  /**
   * The longest the test process's event loop stalled while the handler ran (GC, or the process not being
   * scheduled on a loaded machine): no timer can fire on time then, so an overrun up to it is not the hook's.
   */
  readonly stallMs: number;
  readonly accepted: { status: string | undefined; at: number }[];
  readonly redelivered?: HookResult;
  readonly acceptedAfterRedelivery: number;
}

/**
 * One scenario: a pending BeforeAllowTraffic execution, a hook with one check, a report schedule; if the
 * handler throws (as Lambda would see it), the event is delivered again with the faults gone, as Lambda's
 * async retry does.
 */
export async function runScenario(
  local: LocalCodeDeploy,
  behaviour: Behaviour,
  schedule: readonly AttemptFault[],
  remainingMs: number,
  deadPort: number,
): Promise<Outcome> {
  const d = await local.deployLambda({
    functionName: 'fn',
    currentVersion: '1',
    targetVersion: '2',
    hooks: { BeforeAllowTraffic: 'manual' },
  });
  const pending = await d.nextHookEvent();
  const event = {
    DeploymentId: pending.DeploymentId,
    LifecycleEventHookExecutionId: pending.LifecycleEventHookExecutionId,
  };
  const options = {
    logger: captureLogger().logger,
    timeout: CHECK_TIMEOUT_MS,
    reserve: remainingMs - CHECK_TIMEOUT_MS - 10,
    retry: { baseDelayMs: 2, maxDelayMs: 10, attemptTimeoutMs: ATTEMPT_TIMEOUT_MS },
  };
  const handler = createHook(
    { behaviour: check(behaviour) },
    { ...options, client: scheduledClient(local, schedule, deadPort) },
  );
  // The invocation starts now: the reserve leaves the check only its 25 ms, so the test's own set-up time
  // (making the clients, under load) must not eat into it.
  const context = lambdaContext(remainingMs);
  let result: HookResult | undefined;
  let error: unknown;
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  try {
    result = await handler(event, context);
  } catch (e) {
    error = e;
  }
  const finishedAt = Date.now();
  stalls.disable();
  const stallMs = Math.ceil(stalls.max / 1e6);
  // Let a slow answer the handler abandoned land before counting.
  if (schedule.includes('slow')) await new Promise((r) => setTimeout(r, SLOW_MS + 100));
  const mine = () =>
    local.reports.filter(
      (r) =>
        r.lifecycleEventHookExecutionId === event.LifecycleEventHookExecutionId && r.outcome === 'accepted',
    );
  const accepted = mine().map((r) => ({ status: r.status, at: r.at.getTime() }));
  let redelivered: HookResult | undefined;
  if (error instanceof HookReportError) {
    local.faults.clear();
    const again = createHook(
      { behaviour: check(behaviour) },
      { ...options, client: scheduledClient(local, [], deadPort) },
    );
    redelivered = await again(event, lambdaContext(remainingMs));
  }
  local.faults.clear();
  return {
    result,
    error,
    end: context.end,
    finishedAt,
    stallMs,
    accepted,
    redelivered,
    acceptedAfterRedelivery: mine().length,
  };
}

/** The invariant, as a list of broken promises (empty when it holds). */
export function violations(o: Outcome, behaviour: Behaviour): string[] {
  const broken: string[] = [];
  const expected = behaviour === 'pass' ? 'Succeeded' : 'Failed';
  // A hook meets its deadline on a process that runs; a stall of the whole event loop delays every timer.
  const late = o.end + o.stallMs;
  if (o.finishedAt > late)
    broken.push(
      `handler ended ${o.finishedAt - o.end} ms after the Lambda deadline (the event loop stalled at most ${o.stallMs} ms)`,
    );
  if (o.error !== undefined && !(o.error instanceof HookReportError))
    broken.push(`threw something else: ${String(o.error)}`);
  if (o.acceptedAfterRedelivery !== 1)
    broken.push(`${o.acceptedAfterRedelivery} statuses recorded in the end, not 1`);
  if (o.result) {
    if (o.result.status !== expected) broken.push(`verdict ${o.result.status}, expected ${expected}`);
    if (o.accepted.length !== 1)
      broken.push(`handler returned but ${o.accepted.length} statuses were recorded`);
    else if (o.accepted[0]!.at > late) broken.push('the status was recorded after the Lambda deadline');
    if (o.accepted[0] && o.accepted[0].status !== expected)
      broken.push(`recorded ${o.accepted[0].status}, expected ${expected}`);
  }
  if (o.error && o.accepted.length > 1) broken.push('two statuses recorded');
  if (o.redelivered && o.redelivered.status !== expected)
    broken.push(`redelivery verdict ${o.redelivered.status}`);
  return broken;
}

/** A port nothing listens on: bind one, note it, close it. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
