import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ECS_NATIVE_LIFECYCLE_ORDER, systemClock } from '@greenlight/contract';
import { Scheduler } from '../clock.js';
import type { DeploymentEvent, LifecycleEventStatus, TimelineEntry } from '../engine/types.js';
import { invokeHook } from './invoke.js';
import { validateEcsNativeOptions } from './options.js';
import { type EcsNativeArns, hookEvent, parseResponse } from './payload.js';
import type {
  EcsNativeDeploymentOptions,
  EcsNativeHookConfig,
  EcsNativeInvocation,
  EcsNativeOutcome,
  EcsNativeStage,
  EcsNativeStep,
  ServiceDeploymentStatus,
} from './types.js';

type Step = EcsNativeStep;

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const alnum = (n: number) =>
  randomBytes(n)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, n);

interface Entry {
  lifecycleEvent: string;
  status: LifecycleEventStatus;
  startTime?: Date;
  endTime?: Date;
  hookFunction?: string;
  hookReason?: string;
  attempts: number;
}

/**
 * A simulated Amazon ECS native blue/green service deployment: the stages in order, a Lambda hook per stage
 * invoked with ECS's payload and read for `hookStatus`, IN_PROGRESS re-invoked after the (time-scaled)
 * `callBackDelay`, and FAILED, an invalid answer, a function error or a hook timeout rolling back — with the
 * traffic-shift hooks run again for the traffic that had moved.
 *
 * @example
 * const d = simulateEcsNativeDeployment({ service: 'web', timeScale: 0, hooks: { POST_TEST_TRAFFIC_SHIFT: handler } });
 * expect((await d.done).serviceDeploymentStatus).toBe('SUCCESSFUL');
 */
export class EcsNativeDeployment extends EventEmitter<{ event: [DeploymentEvent] }> {
  readonly serviceDeploymentArn: string;
  readonly arns: EcsNativeArns;
  readonly done: Promise<EcsNativeOutcome>;
  readonly invocations: EcsNativeInvocation[] = [];
  readonly #entries: Entry[] = [];
  readonly #history: DeploymentEvent[] = [];
  readonly #scheduler: Scheduler;
  /** Aborted by any stop: ends the forward stages. */
  readonly #forward = new AbortController();
  /** Aborted by a stop without rollback (or during a rollback's own stop): ends everything. */
  readonly #abort = new AbortController();
  #stopReason: string | undefined;
  #rollbackRequested = false;
  #step_: Step | undefined;
  #status: ServiceDeploymentStatus = 'PENDING';

  constructor(readonly options: EcsNativeDeploymentOptions) {
    super();
    const region = options.region ?? 'us-east-1';
    const account = options.accountId ?? '123456789012';
    const cluster = options.cluster ?? 'default';
    const base = `arn:aws:ecs:${region}:${account}`;
    const revision = (id: string) => `${base}:service-revision/${cluster}/${options.service}/${id}`;
    this.arns = {
      serviceArn: `${base}:service/${cluster}/${options.service}`,
      resourceArn: `${base}:service-deployment/${cluster}/${options.service}/${alnum(21)}`,
      blue: revision(digits(19)),
      green: revision(digits(19)),
      ...options.arns,
    };
    this.serviceDeploymentArn = this.arns.resourceArn;
    this.#scheduler = new Scheduler(options.clock ?? systemClock, options.timeScale ?? 1);
    // The runtime rule: the process stays alive until the deployment ends (a hook may wait on anything).
    const release = this.#scheduler.hold();
    // Start on a later turn so callers can subscribe first.
    this.done = new Promise<void>((r) => setImmediate(r))
      .then(() => this.#run())
      .finally(() => {
        release();
        this.#scheduler.close();
      });
  }

  /** The stages with their status, start, end, attempts and the reason of a failure. */
  get timeline(): TimelineEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  /** Every event so far. */
  get history(): readonly DeploymentEvent[] {
    return this.#history;
  }

  /** Live events, from the first one, until the outcome. */
  async *events(): AsyncGenerator<DeploymentEvent> {
    let seen = 0;
    while (true) {
      while (seen < this.#history.length) {
        const ev = this.#history[seen++]!;
        yield ev;
        if (ev.type === 'outcome') return;
      }
      await new Promise<void>((resolve) => this.once('event', () => resolve()));
    }
  }

  /** The service deployment status ECS would report now. */
  get status(): ServiceDeploymentStatus {
    return this.#status;
  }

  /** The stage running now (or last run), as a hook stage or one of ECS's own steps. */
  get lifecycleStage(): EcsNativeStep | undefined {
    return this.#step_;
  }

  /** Why the deployment was stopped, when it was. */
  get stopReason(): string | undefined {
    return this.#stopReason;
  }

  /**
   * Stops the deployment; hooks in progress are not invoked again. Without `rollback` it ends STOPPED
   * (ECS's ABORT); with it, the traffic that had moved is shifted back (ECS's ROLLBACK: ROLLBACK_REQUESTED,
   * then the rollback's traffic-shift hooks). A stop after the outcome does nothing.
   */
  stop(options: { readonly rollback?: boolean; readonly reason?: string } = {}): void {
    if (this.#forward.signal.aborted || isFinal(this.#status)) return;
    this.#stopReason = options.reason ?? 'stopped';
    this.#rollbackRequested = options.rollback === true;
    this.#setStatus(this.#rollbackRequested ? 'ROLLBACK_REQUESTED' : 'STOP_REQUESTED');
    this.#forward.abort();
    if (!this.#rollbackRequested) this.#abort.abort();
  }

  #emit(ev: DeploymentEvent): void {
    this.#history.push(ev);
    this.emit('event', ev);
  }

  #setStatus(status: ServiceDeploymentStatus): void {
    this.#status = status;
    const mapped =
      status === 'SUCCESSFUL'
        ? 'Succeeded'
        : status === 'STOPPED'
          ? 'Stopped'
          : status === 'ROLLBACK_SUCCESSFUL' || status === 'ROLLBACK_FAILED'
            ? 'Failed'
            : 'InProgress';
    this.#emit({
      type: 'status',
      deploymentId: this.serviceDeploymentArn,
      status: mapped,
      at: new Date(this.#scheduler.clock.now()),
    });
  }

  #entry(name: string): Entry {
    const entry: Entry = { lifecycleEvent: name, status: 'Pending', attempts: 0 };
    this.#entries.push(entry);
    return entry;
  }

  #update(entry: Entry, patch: Partial<Entry>): void {
    Object.assign(entry, patch);
    this.#emit({
      type: 'lifecycle',
      deploymentId: this.serviceDeploymentArn,
      entry: { ...entry },
      at: new Date(this.#scheduler.clock.now()),
    });
  }

  #config(stage: EcsNativeStage): EcsNativeHookConfig | undefined {
    const hook = this.options.hooks?.[stage];
    return typeof hook === 'function' ? { handler: hook } : hook;
  }

  /** Runs one stage's hook until it answers SUCCEEDED or FAILED. Returns the reason of a failure. */
  async #runHook(
    stage: EcsNativeStage,
    entry: Entry,
    rollback: boolean,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const config = this.#config(stage);
    if (!config) return undefined;
    const executionId = randomUUID();
    const timeoutMs = (config.timeoutInMinutes ?? 1440) * 60_000;
    const functionName = config.handler.name || 'hook';
    let runtimeDetails: Record<string, unknown> | undefined;
    let waitedMs = 0;
    this.#update(entry, { hookFunction: functionName });
    const at = () => new Date(this.#scheduler.clock.now());
    while (true) {
      if (signal.aborted) return 'stopped';
      const attempt = entry.attempts + 1;
      this.#update(entry, { attempts: attempt });
      const details = { ...config.hookDetails, ...runtimeDetails };
      const event = hookEvent(stage, this.arns, executionId, rollback, details, this.options.initial);
      const base = {
        type: 'invocation',
        deploymentId: this.serviceDeploymentArn,
        lifecycleEvent: stage,
        attempt,
      };
      this.#emit({ ...base, type: 'invocation', result: 'started', at: at() });
      const result = await invokeHook(config.handler, event, {
        scheduler: this.#scheduler,
        functionName,
        functionArn: `arn:aws:lambda:${this.options.region ?? 'us-east-1'}:${this.options.accountId ?? '123456789012'}:function:${functionName}`,
        functionTimeoutMs: config.functionTimeoutMs ?? 60_000,
        signal,
      });
      if (result.kind === 'stopped') return 'stopped';
      const error = result.kind === 'error' ? result.error : undefined;
      this.invocations.push({
        stage,
        rollback,
        event,
        ...(result.kind === 'answered' ? { response: result.response } : { error: result.error }),
        at: at(),
      });
      this.#emit({
        ...base,
        type: 'invocation',
        result: error === undefined ? 'returned' : 'error',
        ...(error !== undefined && { error }),
        at: at(),
      });
      if (result.kind === 'error') return `function error: ${result.error}`;
      const parsed = parseResponse(result.response);
      if (!parsed.ok) return parsed.reason;
      if (parsed.hookStatus === 'SUCCEEDED') return undefined;
      if (parsed.hookStatus === 'FAILED') return 'the hook answered FAILED';
      runtimeDetails = parsed.hookDetails ?? runtimeDetails;
      waitedMs += parsed.callBackDelay * 1000;
      if (waitedMs > timeoutMs) {
        if ((config.timeoutAction ?? 'ROLLBACK') === 'CONTINUE') {
          this.#update(entry, {
            hookReason: `timed out after ${timeoutMs / 60_000} min; continuing (timeoutAction CONTINUE)`,
          });
          return undefined;
        }
        return `the hook did not answer SUCCEEDED within ${timeoutMs / 60_000} min`;
      }
      if (!(await this.#scheduler.sleep(parsed.callBackDelay * 1000, signal))) return 'stopped';
    }
  }

  async #step(step: Step, rollback: boolean, signal: AbortSignal): Promise<string | undefined> {
    this.#step_ = step;
    const entry = this.#entry(rollback ? `${step} (rollback)` : step);
    this.#update(entry, { status: 'InProgress', startTime: new Date(this.#scheduler.clock.now()) });
    let reason: string | undefined;
    if (step === 'SCALE_UP' || step === 'BAKE_TIME' || step === 'CLEAN_UP') {
      const stepMs = this.options.stepMs ?? 60_000;
      const ms = step === 'BAKE_TIME' ? (this.options.bakeTimeMs ?? stepMs) : stepMs;
      if (!(await this.#scheduler.sleep(ms, signal))) reason = 'stopped';
    } else {
      reason = await this.#runHook(step, entry, rollback, signal);
      if (!reason && (step === 'TEST_TRAFFIC_SHIFT' || step === 'PRODUCTION_TRAFFIC_SHIFT')) {
        const listener = step === 'TEST_TRAFFIC_SHIFT' ? 'test' : 'production';
        this.#emit({
          type: 'traffic',
          deploymentId: this.serviceDeploymentArn,
          targetWeight: rollback ? 0 : 100,
          listener,
          at: new Date(this.#scheduler.clock.now()),
        });
      }
    }
    this.#update(entry, {
      status: reason ? 'Failed' : 'Succeeded',
      endTime: new Date(this.#scheduler.clock.now()),
      ...(reason && { hookReason: reason }),
    });
    return reason;
  }

  async #run(): Promise<EcsNativeOutcome> {
    this.#setStatus('IN_PROGRESS');
    // ECS's order; RECONCILE_SERVICE runs only when more than one revision is active.
    const steps: Step[] = ECS_NATIVE_LIFECYCLE_ORDER.filter(
      (step) => step !== 'RECONCILE_SERVICE' || this.options.reconcile === true,
    );
    const reached = new Set<Step>();
    let failure: { step: Step; reason: string } | undefined;
    for (const step of steps) {
      reached.add(step);
      const reason = await this.#step(step, false, this.#forward.signal);
      if (reason) {
        failure = { step, reason };
        break;
      }
    }
    for (const step of steps) if (!reached.has(step)) this.#entry(step).status = 'Skipped';
    let outcome: EcsNativeOutcome;
    const stopped = failure?.reason === 'stopped';
    if (!failure) {
      this.#setStatus('SUCCESSFUL');
      outcome = { status: 'Succeeded', serviceDeploymentStatus: 'SUCCESSFUL' };
    } else if (stopped && !this.#rollbackRequested) {
      this.#setStatus('STOPPED');
      outcome = {
        status: 'Stopped',
        serviceDeploymentStatus: 'STOPPED',
        errorInformation: { code: 'DEPLOYMENT_STOPPED', message: this.#stopReason ?? 'stopped' },
      };
    } else {
      // Roll back: ECS re-invokes the traffic-shift hooks for the traffic that had moved, production first.
      this.#setStatus('ROLLBACK_IN_PROGRESS');
      let rollbackFailure: string | undefined;
      for (const step of ['PRODUCTION_TRAFFIC_SHIFT', 'TEST_TRAFFIC_SHIFT'] as const) {
        if (!reached.has(step) || rollbackFailure) continue;
        rollbackFailure = await this.#step(step, true, this.#abort.signal);
      }
      this.#setStatus(rollbackFailure ? 'ROLLBACK_FAILED' : 'ROLLBACK_SUCCESSFUL');
      const rollbackStatus = rollbackFailure ? 'Failed' : 'Succeeded';
      outcome = stopped
        ? {
            status: 'Stopped',
            serviceDeploymentStatus: this.#status,
            errorInformation: { code: 'DEPLOYMENT_STOPPED', message: this.#stopReason ?? 'stopped' },
            rollbackStatus,
          }
        : {
            status: 'Failed',
            serviceDeploymentStatus: this.#status,
            errorInformation: { code: 'HOOK_FAILED', message: `${failure.step}: ${failure.reason}` },
            rollbackStatus,
          };
    }
    this.#emit({
      type: 'outcome',
      deploymentId: this.serviceDeploymentArn,
      outcome,
      at: new Date(this.#scheduler.clock.now()),
    });
    return outcome;
  }
}

const isFinal = (status: ServiceDeploymentStatus) =>
  status === 'SUCCESSFUL' ||
  status === 'STOPPED' ||
  status === 'ROLLBACK_SUCCESSFUL' ||
  status === 'ROLLBACK_FAILED';

/**
 * Starts a simulated ECS native blue/green deployment. See {@link EcsNativeDeployment}.
 *
 * @throws InvalidOptionsError naming an unknown or invalid option (a hook under an unknown stage, too)
 */
export function simulateEcsNativeDeployment(options: EcsNativeDeploymentOptions): EcsNativeDeployment {
  return new EcsNativeDeployment(validateEcsNativeOptions(options));
}
