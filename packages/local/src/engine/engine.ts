import { describeThrown } from '@greenlight/contract';
import type { Scheduler } from '../clock.js';
import { ApiError } from '../errors.js';
import { BoundedLog } from '../http/log.js';
import { newDeploymentId, seededRandom } from '../ids.js';
import type { EngineContext, EngineOptions } from './context.js';
import { type CreateDeploymentRequest, deploymentSpec } from './create-request.js';
import { toTimelineEntry } from './events.js';
import { groupHolder, holdGroup, isFinal } from './group-lock.js';
import { DeploymentHandle } from './handle.js';
import { recordRevisionUse } from './revisions.js';
import { type DeploymentSpec, rollbackSpec } from './rollback.js';
import { finalize, runDeployment } from './run.js';
import { type DeploymentRecord, EngineState } from './state.js';
import { ecsOriginal, ecsService } from './traffic.js';
import type { HookReport } from './types.js';

export type { CreateDeploymentRequest } from './create-request.js';

/** How a deployment is created. */
export interface CreateOptions {
  /** The region it belongs to. @default the engine's region */
  readonly region?: string;
  /**
   * Refuse it with `DeploymentLimitExceededException` while another deployment runs in the group, as
   * CreateDeployment does on AWS. The library's `deployLambda` and `deployEcs` pass `false`, so tests can
   * run deployments of one function side by side. @default true
   */
  readonly exclusive?: boolean;
}

/** The deployment engine: creates deployments, runs them, takes hook reports, stops and rolls back. */
export class Engine implements EngineContext {
  readonly state = new EngineState();
  readonly reports: HookReport[];
  readonly scheduler: Scheduler;
  readonly options: EngineOptions;
  readonly #close = new AbortController();
  readonly #running = new Set<Promise<void>>();
  readonly #stopRequests = new Map<string, { rollback: boolean }>();

  readonly #random: () => number;

  constructor(scheduler: Scheduler, options: EngineOptions) {
    this.scheduler = scheduler;
    this.options = options;
    this.reports = new BoundedLog<HookReport>(options.logLimit ?? Number.POSITIVE_INFINITY);
    this.#random = seededRandom(options.seed + 1);
  }

  get closeSignal(): AbortSignal {
    return this.#close.signal;
  }

  now(): number {
    return this.scheduler.clock.now();
  }

  duplicateDelivery(): boolean {
    return this.options.hookDuplicateRate > 0 && this.#random() < this.options.hookDuplicateRate;
  }

  /** The deployment (in `region`, when given) or `DeploymentDoesNotExistException`. */
  deployment(deploymentId: string, region?: string): DeploymentRecord {
    const dep = this.state.deployments.get(deploymentId);
    if (!dep || (region !== undefined && dep.region !== region))
      throw new ApiError(
        'DeploymentDoesNotExistException',
        `The deployment ${deploymentId} could not be found.`,
      );
    return dep;
  }

  /** Validates a CreateDeployment request, creates the deployment and starts it. */
  createDeployment(input: CreateDeploymentRequest, options: CreateOptions = {}): DeploymentRecord {
    if (this.#close.signal.aborted)
      throw new ApiError('ServiceUnavailable', 'The local CodeDeploy is closing.', 503);
    const region = options.region ?? this.options.region;
    const { spec, app, group } = deploymentSpec(this, input, region);
    const holder = groupHolder(group);
    if (holder && options.exclusive !== false) {
      throw new ApiError(
        'DeploymentLimitExceededException',
        `The Deployment Group '${group.deploymentGroupName}' already has an active Deployment '${holder.deploymentId}'`,
      );
    }
    const now = this.now();
    recordRevisionUse(
      app,
      group.deploymentGroupName,
      group.targetRevision,
      spec.revision as Record<string, unknown>,
      now,
    );
    group.targetRevision = spec.revision;
    const dep = this.#newDeployment(spec);
    group.lastAttemptedDeployment = { deploymentId: dep.deploymentId, status: 'Created', createTime: now };
    return dep;
  }

  #newDeployment(spec: DeploymentSpec): DeploymentRecord {
    const deploymentId = newDeploymentId();
    const abort = new AbortController();
    const handle = new DeploymentHandle(
      deploymentId,
      () => dep.target.lifecycleEvents.map(toTimelineEntry),
      (rollback) => {
        try {
          this.stop(deploymentId, rollback);
        } catch {
          // already completed: nothing to stop
        }
      },
    );
    // Member by member, not `{ ...spec, … }`: a spread into a literal with more members gives each record a
    // hidden class of its own in V8 11 (Node 20), and every read of a record then misses its inline cache.
    // Every member is listed, optional ones too (`satisfies` checks it), so all records share one shape.
    const dep: DeploymentRecord = {
      region: spec.region,
      applicationName: spec.applicationName,
      deploymentGroupName: spec.deploymentGroupName,
      deploymentConfigName: spec.deploymentConfigName,
      computePlatform: spec.computePlatform,
      creator: spec.creator,
      description: spec.description,
      revision: spec.revision,
      appSpec: spec.appSpec,
      routing: spec.routing,
      group: spec.group,
      info: spec.info,
      autoRollback: spec.autoRollback,
      alarms: spec.alarms,
      options: spec.options,
      target: spec.target,
      rollbackInfo: spec.rollbackInfo,
      deploymentId,
      createTime: this.now(),
      status: 'Created' as const,
      startTime: undefined,
      completeTime: undefined,
      errorInformation: undefined,
      handle,
      abort,
      waits: new Map<'READY_WAIT' | 'TERMINATION_WAIT', () => void>(),
      invocations: new Set<Promise<void>>(),
      inflight: new Set<Promise<void>>(),
      rollbackPending: undefined,
      terminationWaitStarted: false,
      skipTerminationWait: false,
    } satisfies Record<keyof DeploymentRecord, unknown>;
    this.state.deployments.set(deploymentId, dep);
    handle._emit({ type: 'status', deploymentId, status: 'Created', at: new Date(dep.createTime) });
    holdGroup(dep);
    if (dep.computePlatform === 'ECS') {
      if (dep.creator === 'user') ecsOriginal(this, dep);
      else ecsService(this, dep);
    }
    const run = runDeployment(
      this,
      dep,
      (failed) => this.#startRollback(failed),
      () => this.#stopRequests.get(deploymentId),
    ).catch((err: unknown) => {
      // An engine defect: end the deployment visibly rather than leave `done` pending forever.
      const error = {
        code: 'INTERNAL_ERROR',
        message: `@greenlight/local internal error: ${describeThrown(err)}`,
      };
      finalize(this, dep, 'Failed', error);
      const outcome = { status: 'Failed' as const, errorInformation: error };
      dep.handle._emit({ type: 'outcome', deploymentId, outcome, at: new Date(this.now()) });
      dep.handle._finish(outcome);
      dep.handle._settle();
    });
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    return dep;
  }

  #startRollback(failed: DeploymentRecord): DeploymentRecord | undefined {
    if (this.#close.signal.aborted) return undefined;
    const rb = this.#newDeployment(rollbackSpec(failed));
    failed.rollbackPending = false;
    failed.rollbackInfo = {
      rollbackDeploymentId: rb.deploymentId,
      rollbackMessage: `Deployment ${failed.deploymentId} failed and was rolled back by ${rb.deploymentId}.`,
    };
    return rb;
  }

  /** StopDeployment. */
  stop(
    deploymentId: string,
    autoRollbackEnabled?: boolean,
  ): { status: 'Pending' | 'Succeeded'; statusMessage: string } {
    const dep = this.deployment(deploymentId);
    if (isFinal(dep.status)) {
      throw new ApiError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${deploymentId} has already completed.`,
      );
    }
    const started = dep.status !== 'Created' && dep.status !== 'Queued';
    const rollback =
      started &&
      dep.computePlatform !== 'Server' &&
      (autoRollbackEnabled ??
        (dep.autoRollback.enabled && dep.autoRollback.events.includes('DEPLOYMENT_STOP_ON_REQUEST')));
    this.#stopRequests.set(deploymentId, { rollback });
    dep.rollbackPending = rollback;
    finalize(this, dep, 'Stopped', {
      code: 'MANUAL_STOP',
      message: 'The deployment was stopped by a StopDeployment request.',
    });
    dep.abort.abort();
    return rollback
      ? {
          status: 'Pending',
          statusMessage: 'Stopping the deployment; a rollback deployment will restore the original.',
        }
      : { status: 'Succeeded', statusMessage: 'The deployment was stopped.' };
  }

  /** ContinueDeployment. */
  continue(deploymentId: string, waitType: 'READY_WAIT' | 'TERMINATION_WAIT' = 'READY_WAIT'): void {
    const dep = this.deployment(deploymentId);
    if (isFinal(dep.status)) {
      throw new ApiError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${deploymentId} has already completed.`,
      );
    }
    if (dep.computePlatform !== 'ECS') {
      throw new ApiError(
        'UnsupportedActionForDeploymentTypeException',
        'ContinueDeployment is for blue/green deployments',
      );
    }
    const resume = dep.waits.get(waitType);
    if (!resume) {
      throw new ApiError(
        'DeploymentIsNotInReadyStateException',
        `The deployment ${deploymentId} is not waiting (${waitType}).`,
      );
    }
    resume();
  }

  /**
   * SkipWaitTimeForInstanceTermination: the original task set is terminated as soon as traffic has moved
   * (at once, when the termination wait has started).
   */
  skipTerminationWait(deploymentId: string): void {
    const dep = this.deployment(deploymentId);
    if (isFinal(dep.status)) {
      throw new ApiError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${deploymentId} has already completed.`,
      );
    }
    if (dep.status === 'Created' || dep.status === 'Queued') {
      throw new ApiError('DeploymentNotStartedException', `The deployment ${deploymentId} has not started.`);
    }
    if (dep.computePlatform !== 'ECS') {
      throw new ApiError(
        'UnsupportedActionForDeploymentTypeException',
        'SkipWaitTimeForInstanceTermination is for blue/green deployments with an original environment to terminate',
      );
    }
    dep.skipTerminationWait = true;
    dep.waits.get('TERMINATION_WAIT')?.();
  }

  /** Records and applies a PutLifecycleEventHookExecutionStatus (throws the AWS error). */
  report(deploymentId: string, executionId: string | undefined, status: string | undefined): void {
    const dep = this.deployment(deploymentId);
    const execution = executionId ? this.state.executions.get(executionId) : undefined;
    if (!execution || execution.deploymentId !== dep.deploymentId) {
      throw new ApiError(
        'InvalidLifecycleEventHookExecutionIdException',
        `The lifecycle event hook execution id ${String(executionId).slice(0, 100)} is not valid for deployment ${deploymentId}.`,
      );
    }
    if (status !== 'Succeeded' && status !== 'Failed') {
      throw new ApiError(
        'InvalidLifecycleEventHookExecutionStatusException',
        `The status ${String(status)} is not valid: only Succeeded and Failed can be reported.`,
      );
    }
    if (execution.completed) {
      throw new ApiError(
        'LifecycleEventAlreadyCompletedException',
        `The ${execution.lifecycleEvent} lifecycle event of ${deploymentId} has already completed.`,
      );
    }
    execution.settle(status);
  }

  /** Stops every deployment, cancels timers and kills hook processes; resolves when all have ended. */
  async close(): Promise<void> {
    for (const dep of this.state.deployments.values()) {
      if (finalize(this, dep, 'Stopped', { code: 'MANUAL_STOP', message: 'The local CodeDeploy closed.' })) {
        this.#stopRequests.set(dep.deploymentId, { rollback: false });
      }
      dep.abort.abort();
    }
    this.#close.abort();
    this.scheduler.close();
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
