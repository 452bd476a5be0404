import { CODEDEPLOY_SERVICE_EVENTS } from '@greenlight/contract';
import type { EngineContext, StepResult } from './context.js';
import { endEvent, setStatus, startEvent } from './events.js';
import { releaseGroup } from './group-lock.js';
import { runHookEvent } from './hooks.js';
import type { DeploymentRecord, LifecycleEventState } from './state.js';
import {
  ecsAllowTestTraffic,
  ecsAllowTraffic,
  ecsDrainOld,
  ecsInstall,
  lambdaAllowTraffic,
} from './traffic.js';
import type { DeploymentOutcome, ErrorInformation } from './types.js';

const ACTIONS: ReadonlySet<string> = new Set(CODEDEPLOY_SERVICE_EVENTS);

/**
 * How long a new deployment stays `Created` before it starts, in service time (scaled like every wait): on
 * AWS a client that calls GetDeployment right after CreateDeployment sees `Created` too.
 */
export const START_DELAY_MS = 1_000;

/** How AWS fails an EC2/on-premises deployment whose group has no instance to deploy to. */
export const NO_INSTANCES_MESSAGE =
  'The deployment failed because no instances were found for your deployment group. Check your deployment group settings to make sure the tags for your Amazon EC2 instances or Auto Scaling groups correctly identify the instances you want to deploy to, and then try again.';

/** What the engine does when a deployment needs a rollback (creates and runs it). */
export type StartRollback = (failed: DeploymentRecord) => DeploymentRecord | undefined;

/** Marks the deployment final (idempotent): status, completeTime, target status, skipped events. */
export function finalize(
  engine: EngineContext,
  dep: DeploymentRecord,
  status: 'Succeeded' | 'Failed' | 'Stopped',
  error?: ErrorInformation,
): boolean {
  if (dep.status === 'Succeeded' || dep.status === 'Failed' || dep.status === 'Stopped') return false;
  const now = engine.now();
  dep.completeTime = now;
  if (error) dep.errorInformation = error;
  for (const ev of dep.target.lifecycleEvents) {
    if (ev.status === 'Pending') endEvent(dep, ev, 'Skipped', now);
  }
  dep.target.status = status === 'Succeeded' ? 'Succeeded' : 'Failed';
  dep.target.lastUpdatedAt = now;
  setStatus(dep, status, now);
  const group = dep.group;
  if (group) {
    const info = { deploymentId: dep.deploymentId, status, endTime: now, createTime: dep.createTime };
    group.lastAttemptedDeployment = info;
    if (status === 'Succeeded') group.lastSuccessfulDeployment = info;
  }
  return true;
}

async function runStep(
  engine: EngineContext,
  dep: DeploymentRecord,
  ev: LifecycleEventState,
): Promise<StepResult> {
  const name = ev.lifecycleEventName;
  if (!ACTIONS.has(name)) {
    const hook = dep.appSpec.hooks[name];
    if (!hook) {
      // An event without a hook succeeds at once, as AWS's get-deployment-target output shows it.
      endEvent(dep, ev, 'Succeeded', engine.now());
      return { ok: true };
    }
    return runHookEvent(engine, dep, ev, hook);
  }
  startEvent(dep, ev, engine.now());
  let result: StepResult;
  if (dep.computePlatform === 'Lambda') result = await lambdaAllowTraffic(engine, dep);
  else if (name === 'Install') result = ecsInstall(engine, dep);
  else if (name === 'AllowTestTraffic') result = ecsAllowTestTraffic(engine, dep);
  else result = await ecsAllowTraffic(engine, dep);
  if (result.ok) endEvent(dep, ev, 'Succeeded', engine.now());
  else {
    endEvent(dep, ev, 'Failed', engine.now(), {
      errorCode: 'UnknownError',
      message: result.error?.message ?? 'The deployment was stopped.',
    });
  }
  return result;
}

/** Waits in the `Ready` state for ContinueDeployment (READY_WAIT) or the ready timeout. */
async function readyWait(engine: EngineContext, dep: DeploymentRecord): Promise<StepResult> {
  const minutes = dep.options.readyWaitMinutes;
  if (minutes === undefined) return { ok: true };
  setStatus(dep, 'Ready', engine.now());
  dep.target.status = 'Ready';
  const timer = new AbortController();
  const continued = new Promise<'continued'>((resolve) =>
    dep.waits.set('READY_WAIT', () => resolve('continued')),
  );
  const outcome = await Promise.race([
    continued,
    // A deadline, like the hook timeout: not armed at time scale 0, where it would fire at once.
    engine.scheduler.timeScale > 0
      ? engine.scheduler
          .sleep(minutes * 60_000, timer.signal)
          .then((elapsed) => (elapsed ? 'timeout' : 'never'))
      : new Promise<never>(() => {}),
    new Promise<'stopped'>((resolve) =>
      dep.abort.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
    ),
  ]);
  timer.abort();
  dep.waits.delete('READY_WAIT');
  if (outcome === 'stopped') return { ok: false, stopped: true };
  if (outcome === 'timeout' && dep.options.readyTimeoutAction === 'STOP_DEPLOYMENT') {
    return {
      ok: false,
      asStopped: true,
      rollbackEvent: 'DEPLOYMENT_STOP_ON_REQUEST',
      error: { code: 'TIMEOUT', message: 'The deployment was not continued within the ready wait time.' },
    };
  }
  setStatus(dep, 'InProgress', engine.now());
  dep.target.status = 'InProgress';
  return { ok: true };
}

/** Waits before the original task set is terminated; ContinueDeployment (TERMINATION_WAIT) skips it. */
async function terminationWait(engine: EngineContext, dep: DeploymentRecord): Promise<void> {
  dep.terminationWaitStarted = true;
  const minutes = dep.options.terminationWaitMinutes;
  if (!minutes || dep.skipTerminationWait) return;
  const timer = new AbortController();
  const continued = new Promise<void>((resolve) => dep.waits.set('TERMINATION_WAIT', resolve));
  await Promise.race([
    continued,
    engine.scheduler.sleep(minutes * 60_000, AbortSignal.any([timer.signal, dep.abort.signal])),
  ]);
  timer.abort();
  dep.waits.delete('TERMINATION_WAIT');
}

/** Whether the deployment's auto-rollback covers `event`. */
function rollsBackOn(dep: DeploymentRecord, event: string): boolean {
  return (
    dep.autoRollback.enabled &&
    (dep.autoRollback.events.length === 0 || dep.autoRollback.events.includes(event))
  );
}

/**
 * Runs a deployment's lifecycle to its end, then (if configured) its rollback, and resolves the
 * handle's `done` once. Never throws.
 */
export async function runDeployment(
  engine: EngineContext,
  dep: DeploymentRecord,
  startRollback: StartRollback,
  stopRequest: () => { rollback: boolean } | undefined,
): Promise<void> {
  // Created until the start delay passed; always on a later turn, so whoever created the deployment can
  // subscribe to every event first.
  await engine.scheduler.sleep(START_DELAY_MS, dep.abort.signal);
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!dep.abort.signal.aborted) {
    dep.startTime = engine.now();
    dep.target.status = 'InProgress';
    setStatus(dep, 'InProgress', engine.now());
  }
  let failure: Extract<StepResult, { ok: false }> | undefined;
  if (dep.computePlatform === 'Server') {
    failure = { ok: false, error: { code: 'NO_INSTANCES', message: NO_INSTANCES_MESSAGE } };
  }
  for (const ev of failure ? [] : dep.target.lifecycleEvents) {
    if (dep.abort.signal.aborted) break;
    if (ev.status !== 'Pending') continue;
    if (ev.lifecycleEventName === 'BeforeAllowTraffic' && dep.computePlatform === 'ECS') {
      // The replacement is installed (and tested, with a test listener): wait for ContinueDeployment.
      const ready = await readyWait(engine, dep);
      if (!ready.ok) {
        failure = ready;
        break;
      }
    }
    const result = await runStep(engine, dep, ev);
    if (!result.ok) {
      failure = result;
      break;
    }
  }

  let rollback = false;
  const stop = stopRequest();
  if (stop || dep.abort.signal.aborted) {
    rollback = stop?.rollback ?? false;
  } else if (failure) {
    finalize(engine, dep, failure.asStopped ? 'Stopped' : 'Failed', failure.error);
    const installed =
      dep.computePlatform === 'Lambda' ||
      (dep.computePlatform === 'ECS' && dep.target.ecs!.taskSets.some((t) => t.taskSetLabel === 'Green'));
    rollback = installed && rollsBackOn(dep, failure.rollbackEvent ?? 'DEPLOYMENT_FAILURE');
  } else {
    if (dep.computePlatform === 'ECS') {
      await terminationWait(engine, dep);
      if (!dep.abort.signal.aborted) ecsDrainOld(engine, dep);
    }
    finalize(engine, dep, 'Succeeded');
  }
  if (dep.computePlatform === 'ECS' && dep.creator === 'codeDeployRollback') ecsDrainOld(engine, dep);

  const outcomeBase: DeploymentOutcome = {
    status: dep.status as DeploymentOutcome['status'],
    ...(dep.errorInformation ? { errorInformation: dep.errorInformation } : {}),
  };
  let outcome = outcomeBase;
  const rb = rollback && !engine.closeSignal.aborted ? startRollback(dep) : undefined;
  dep.rollbackPending = false;
  releaseGroup(dep); // a rollback, if any, holds the group now

  if (rb) {
    const rbOutcome = await rb.handle.done;
    outcome = { ...outcomeBase, rollbackDeploymentId: rb.deploymentId, rollbackStatus: rbOutcome.status };
  }
  dep.handle._emit({ type: 'outcome', deploymentId: dep.deploymentId, outcome, at: new Date(engine.now()) });
  // `done` waits for the hook invocations in flight (a handler still running, a hook process not yet exited)
  // so that whoever awaits it may close the local CodeDeploy without cutting one short.
  if (dep.inflight.size > 0) await drain(dep.inflight);
  dep.handle._finish(outcome);
  if (dep.invocations.size > 0) await drain(dep.invocations);
  dep.handle._settle();
}

/** Waits until `running` is empty (members may add others while it waits). */
async function drain(running: ReadonlySet<Promise<void>>): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}
