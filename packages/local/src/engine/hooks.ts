import { describeThrown, type HookStatus, isGreenlightError } from '@greenlight/contract';
import { onAbort } from '../abort-listeners.js';
import { SETTLED } from '../clock.js';
import { newExecutionId } from '../ids.js';
import { invokerFor, isManual, runnerTimeout } from '../runners/resolve.js';
import type { CodeDeployHookEvent, Invoker } from '../runners/types.js';
import type { EngineContext, StepResult } from './context.js';
import { emit, endEvent, lifecycleChanged, startEvent } from './events.js';
import type { DeploymentRecord, HookExecution, LifecycleEventState } from './state.js';

/** How a hook's wait for its report ended (`never`: the timeout could not run, the scheduler closed). */
type WaitEnd = HookStatus | 'timeout' | 'never' | 'stopped';

/** Lambda's async retry delays: 1 minute, then 2 minutes. */
export const RETRY_DELAYS_MS = [60_000, 120_000] as const;

/** Real milliseconds a Failed report waits for its invocation to return, so the outcome can say why. */
const REASON_WAIT_MS = 2_000;

/** The reason a handler's result gives (a `HookResult` that failed), if any. */
function resultReason(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { status, reason } = result as { status?: unknown; reason?: unknown };
  return status === 'Failed' && typeof reason === 'string' && reason !== '' ? reason : undefined;
}

/**
 * Runs one hook lifecycle event: invokes the hook asynchronously (with Lambda's retries) and waits for
 * PutLifecycleEventHookExecutionStatus, the hook timeout, or a stop — whichever comes first.
 */
export async function runHookEvent(
  engine: EngineContext,
  dep: DeploymentRecord,
  ev: LifecycleEventState,
  functionName: string,
): Promise<StepResult> {
  ev.hookFunction = functionName;
  startEvent(dep, ev, engine.now());
  const runner = engine.state.hookFunctions.get(functionName);
  if (!runner) {
    const message = `The Lambda function ${functionName} could not be found (register it with local.registerFunction).`;
    endEvent(dep, ev, 'Failed', engine.now(), {
      errorCode: 'ScriptMissing',
      scriptName: functionName,
      message,
    });
    return { ok: false, error: { code: 'INVALID_LAMBDA_FUNCTION', message } };
  }

  // The invocation running now, so a Failed report can wait for what the handler returned (its reason).
  const current: { attempt?: Promise<unknown> } = {};
  // How the wait ends: the first of a report, the hook timeout or a stop settles it (later ones do nothing).
  let finish!: (result: WaitEnd) => void;
  const ended = new Promise<WaitEnd>((resolve) => {
    finish = resolve;
  });
  const execution = newExecution(dep.deploymentId, ev.lifecycleEventName, finish);
  engine.state.executions.set(execution.id, execution);
  const event: CodeDeployHookEvent = {
    DeploymentId: dep.deploymentId,
    LifecycleEventHookExecutionId: execution.id,
  };

  if (isManual(runner)) {
    ev.attempts = 1;
    lifecycleChanged(dep, ev, engine.now());
    dep.handle._pushHookEvent({
      DeploymentId: event.DeploymentId,
      LifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      lifecycleEvent: ev.lifecycleEventName,
    });
  } else {
    const invoker = invokerFor(runner, engine.options.functionTimeoutMs)!;
    const timeoutMs = runnerTimeout(runner) ?? engine.options.functionTimeoutMs;
    const delivery = deliver(engine, dep, ev, invoker, event, functionName, timeoutMs, current);
    dep.invocations.add(delivery);
    void delivery.finally(() => dep.invocations.delete(delivery));
  }

  // The hook timeout (not armed at time scale 0, where it would fire at once), a report, or a stop.
  const waitDone = engine.scheduler.timeScale > 0 ? new AbortController() : undefined;
  if (waitDone) {
    void engine.scheduler
      .sleep(engine.options.hookTimeoutMs, waitDone.signal)
      .then((elapsed) => finish(elapsed ? 'timeout' : 'never'));
  }
  let stopListening = noop;
  if (dep.abort.signal.aborted) finish('stopped');
  else stopListening = onAbort(dep.abort.signal, () => finish('stopped'));
  const result = await ended;
  waitDone?.abort(SETTLED);
  stopListening();
  execution.completed = true;

  if (result === 'Failed' && current.attempt) {
    const returned = new AbortController();
    await Promise.race([
      current.attempt,
      engine.scheduler.realSleep(REASON_WAIT_MS, AbortSignal.any([returned.signal, engine.closeSignal])),
    ]);
    returned.abort();
  }

  const now = engine.now();
  if (result === 'Succeeded') {
    endEvent(dep, ev, 'Succeeded', now, {
      errorCode: 'Success',
      scriptName: functionName,
      message: 'Succeeded',
    });
    return { ok: true };
  }
  if (result === 'Failed') {
    const why = ev.hookReason ? `: ${ev.hookReason}` : '.';
    const message = `The ${functionName} hook reported Failed for ${ev.lifecycleEventName}${why}`;
    endEvent(dep, ev, 'Failed', now, {
      errorCode: 'ScriptFailed',
      scriptName: functionName,
      message,
      ...(ev.hookLogTail || ev.hookReason ? { logTail: ev.hookLogTail ?? ev.hookReason } : {}),
    });
    return {
      ok: false,
      error: {
        code: 'HOOK_EXECUTION_FAILURE',
        message: `Deployment failed because the ${ev.lifecycleEventName} lifecycle event hook (${functionName}) reported Failed${why}`,
      },
    };
  }
  if (result === 'timeout' || result === 'never') {
    const minutes = engine.options.hookTimeoutMs / 60_000;
    const message = `The ${functionName} hook did not report a status for ${ev.lifecycleEventName} within ${minutes} minutes (no PutLifecycleEventHookExecutionStatus call).${
      ev.hookReason ? ` Last invocation error: ${ev.hookReason}` : ''
    }`;
    endEvent(dep, ev, 'Failed', now, {
      errorCode: 'ScriptTimedOut',
      scriptName: functionName,
      message,
      ...(ev.hookLogTail || ev.hookReason ? { logTail: ev.hookLogTail ?? ev.hookReason } : {}),
    });
    return {
      ok: false,
      error: { code: 'HOOK_EXECUTION_FAILURE', message: `Deployment failed: ${message}` },
    };
  }
  endEvent(dep, ev, 'Failed', now, {
    errorCode: 'UnknownError',
    scriptName: functionName,
    message: 'The deployment was stopped before the hook reported.',
  });
  return { ok: false, stopped: true };
}

function noop(): void {}

/**
 * A hook execution waiting for its report. Made outside {@link runHookEvent} so that the execution, which the
 * engine keeps (a late report is answered LifecycleEventAlreadyCompletedException), holds on to nothing of
 * the wait once it has ended.
 */
function newExecution(
  deploymentId: string,
  lifecycleEvent: string,
  resolve: (status: HookStatus) => void,
): HookExecution {
  const execution: HookExecution = {
    id: newExecutionId(),
    deploymentId,
    lifecycleEvent,
    completed: false,
    settle: (status) => {
      execution.completed = true;
      resolve(status);
    },
  };
  return execution;
}

/** Tracks an invocation in `dep.inflight` until it ends (the deployment's `done` waits for it). */
function inFlight<T>(dep: DeploymentRecord, invocation: Promise<T>): Promise<T> {
  const ended = invocation.then(
    () => undefined,
    () => undefined,
  );
  dep.inflight.add(ended);
  void ended.then(() => dep.inflight.delete(ended));
  return invocation;
}

/** The env a hook of `dep` runs with: the local endpoints, and the deployment's region. */
function hookEnv(engine: EngineContext, dep: DeploymentRecord): Readonly<Record<string, string>> {
  const env = engine.options.env();
  return dep.region === engine.options.region
    ? env
    : { ...env, AWS_REGION: dep.region, AWS_DEFAULT_REGION: dep.region };
}

/** Invokes with Lambda's async retry semantics; keeps retrying even after the event completed. */
async function deliver(
  engine: EngineContext,
  dep: DeploymentRecord,
  ev: LifecycleEventState,
  invoker: Invoker,
  event: CodeDeployHookEvent,
  functionName: string,
  timeoutMs: number,
  current: { attempt?: Promise<unknown> },
): Promise<void> {
  const retries = engine.options.hookRetries;
  let duplicated = false;
  for (let attempt = 1; ; attempt++) {
    ev.attempts = attempt;
    lifecycleChanged(dep, ev, engine.now());
    emit(dep, {
      type: 'invocation',
      lifecycleEvent: ev.lifecycleEventName,
      attempt,
      result: 'started',
      deploymentId: dep.deploymentId,
      at: new Date(engine.now()),
    });
    try {
      const attemptRun = inFlight(
        dep,
        invoker({
          event,
          functionName,
          invokedFunctionArn: `arn:aws:lambda:${dep.region}:${engine.options.accountId}:function:${functionName}`,
          timeoutMs,
          env: hookEnv(engine, dep),
          signal: engine.closeSignal,
          region: dep.region,
          credentials: engine.options.credentials,
        }),
      );
      current.attempt = attemptRun.then(
        () => undefined,
        () => undefined,
      );
      const returned = await attemptRun;
      if (returned?.logTail) ev.hookLogTail = returned.logTail;
      const reason = resultReason(returned?.result);
      if (reason) {
        ev.hookReason = reason;
        lifecycleChanged(dep, ev, engine.now());
      }
      emit(dep, {
        type: 'invocation',
        lifecycleEvent: ev.lifecycleEventName,
        attempt,
        result: 'returned',
        deploymentId: dep.deploymentId,
        at: new Date(engine.now()),
      });
      // Lambda may deliver an async event more than once even without an error: once more, at this rate.
      if (duplicated || engine.closeSignal.aborted || !(engine.duplicateDelivery() ?? false)) return;
      duplicated = true;
      continue;
    } catch (err) {
      // A runner's own error already says what happened; anything else is described.
      ev.hookReason = isGreenlightError(err) ? err.message : describeThrown(err);
      const logTail = (err as { logTail?: unknown }).logTail;
      if (typeof logTail === 'string' && logTail !== '') ev.hookLogTail = logTail;
      lifecycleChanged(dep, ev, engine.now());
      emit(dep, {
        type: 'invocation',
        lifecycleEvent: ev.lifecycleEventName,
        attempt,
        result: 'error',
        error: ev.hookReason,
        deploymentId: dep.deploymentId,
        at: new Date(engine.now()),
      });
    }
    if (attempt > retries || engine.closeSignal.aborted) return;
    // Cancelled when the local CodeDeploy closes, through a signal of its own: the close signal is shared by
    // every delivery, and gets no listener per retry.
    const cancel = new AbortController();
    const stopListening = onAbort(engine.closeSignal, () => cancel.abort(SETTLED));
    const waited = await engine.scheduler.sleep(RETRY_DELAYS_MS[attempt - 1] ?? 120_000, cancel.signal);
    stopListening();
    if (!waited) return;
  }
}
