import { createHash } from 'node:crypto';
import type { Scheduler } from '../clock.js';
import { ApiError, messageOf } from '../errors.js';
import { BoundedLog } from '../http/log.js';
import { newDeploymentId, seededRandom } from '../ids.js';
import { parseAppSpec } from './appspec.js';
import { DEPLOYMENT_CONFIGS } from './configs.js';
import type { EngineContext, EngineOptions } from './context.js';
import { toTimelineEntry } from './events.js';
import { DeploymentHandle } from './handle.js';
import { type DeploymentSpec, rollbackSpec } from './rollback.js';
import { finalize, runDeployment } from './run.js';
import { type DeploymentRecord, EngineState } from './state.js';
import { buildTarget } from './targets.js';
import { ecsOriginal, ecsService } from './traffic.js';
import type { HookReport } from './types.js';

/** CreateDeployment's input members the engine uses (already validated against the model). */
export interface CreateDeploymentRequest {
  readonly applicationName: string;
  readonly deploymentGroupName?: string;
  readonly revision?: Record<string, unknown>;
  readonly deploymentConfigName?: string;
  readonly description?: string;
  readonly autoRollbackConfiguration?: { enabled?: boolean; events?: string[] };
  readonly overrideAlarmConfiguration?: { enabled?: boolean; alarms?: { name?: string }[] };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

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

  /** The deployment or `DeploymentDoesNotExistException`. */
  deployment(deploymentId: string): DeploymentRecord {
    const dep = this.state.deployments.get(deploymentId);
    if (!dep)
      throw new ApiError(
        'DeploymentDoesNotExistException',
        `The deployment ${deploymentId} could not be found.`,
      );
    return dep;
  }

  /** Validates a CreateDeployment request, creates the deployment and starts it. */
  createDeployment(input: CreateDeploymentRequest): DeploymentRecord {
    if (this.#close.signal.aborted)
      throw new ApiError('ServiceUnavailable', 'The local CodeDeploy is closing.', 503);
    const app = this.state.applications.get(input.applicationName);
    if (!app)
      throw new ApiError(
        'ApplicationDoesNotExistException',
        `No application found for name: ${input.applicationName}`,
      );
    if (!input.deploymentGroupName) {
      throw new ApiError('DeploymentGroupNameRequiredException', 'Deployment Group name is required');
    }
    const group = this.state.groups.get(EngineState.groupKey(app.applicationName, input.deploymentGroupName));
    if (!group) {
      throw new ApiError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${input.deploymentGroupName}`,
      );
    }
    if (!input.revision) throw new ApiError('RevisionRequiredException', 'Revision is required');
    if (app.computePlatform === 'Server') {
      throw new ApiError(
        'InvalidRevisionException',
        'EC2/On-premises deployments are not supported by @greenlight/local',
      );
    }
    const revisionType = input.revision.revisionType;
    const raw = obj(revisionType === 'String' ? input.revision.string : input.revision.appSpecContent);
    if ((revisionType !== 'AppSpecContent' && revisionType !== 'String') || typeof raw.content !== 'string') {
      throw new ApiError(
        'InvalidRevisionException',
        'The revision must be of type AppSpecContent or String with its content (S3 and GitHub revisions are not supported locally)',
      );
    }
    const sha256 = createHash('sha256').update(raw.content).digest('hex');
    if (typeof raw.sha256 === 'string' && raw.sha256 !== sha256) {
      throw new ApiError('InvalidRevisionException', 'The sha256 of the revision does not match its content');
    }
    const configName = input.deploymentConfigName ?? group.deploymentConfigName;
    const config = Object.hasOwn(DEPLOYMENT_CONFIGS, configName) ? DEPLOYMENT_CONFIGS[configName] : undefined;
    if (!config || config.computePlatform !== app.computePlatform) {
      throw new ApiError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${configName}`,
      );
    }
    const appSpec = parseAppSpec(raw.content, app.computePlatform);
    const groupInput = group.input;
    const rollbackCfg = obj(input.autoRollbackConfiguration ?? groupInput.autoRollbackConfiguration);
    const alarmCfg = obj(input.overrideAlarmConfiguration ?? groupInput.alarmConfiguration);
    const alarms =
      alarmCfg.enabled === true && Array.isArray(alarmCfg.alarms)
        ? alarmCfg.alarms.map((a) => String(obj(a).name ?? '')).filter(Boolean)
        : [];
    const bg = obj(groupInput.blueGreenDeploymentConfiguration);
    const ready = obj(bg.deploymentReadyOption);
    const terminate = obj(bg.terminateBlueInstancesOnDeploymentSuccess);
    const revision = {
      revisionType,
      [revisionType === 'String' ? 'string' : 'appSpecContent']: { content: raw.content, sha256 },
    };
    const dep = this.#newDeployment({
      applicationName: app.applicationName,
      deploymentGroupName: group.deploymentGroupName,
      deploymentConfigName: configName,
      computePlatform: app.computePlatform,
      creator: 'user',
      description: input.description,
      revision,
      appSpec,
      autoRollback: {
        enabled: rollbackCfg.enabled === true,
        events: Array.isArray(rollbackCfg.events) ? rollbackCfg.events.map(String) : [],
      },
      alarms,
      options: {
        ...(ready.actionOnTimeout === 'STOP_DEPLOYMENT'
          ? { readyWaitMinutes: Number(ready.waitTimeInMinutes ?? 0), readyTimeoutAction: 'STOP_DEPLOYMENT' }
          : {}),
        ...(typeof terminate.terminationWaitTimeInMinutes === 'number'
          ? { terminationWaitMinutes: terminate.terminationWaitTimeInMinutes }
          : {}),
      },
      target: buildTarget(this, app.computePlatform, appSpec, groupInput),
    });
    const key = `${app.applicationName}\u0000${sha256}`;
    const now = this.now();
    const known = this.state.revisions.get(key);
    if (known) {
      known.lastUsedTime = now;
      known.deploymentGroups.add(group.deploymentGroupName);
    } else {
      this.state.revisions.set(key, {
        revision,
        deploymentGroups: new Set([group.deploymentGroupName]),
        registerTime: now,
        firstUsedTime: now,
        lastUsedTime: now,
      });
    }
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
    const dep: DeploymentRecord = {
      ...spec,
      deploymentId,
      createTime: this.now(),
      status: 'Created',
      handle,
      abort,
      waits: new Map(),
      invocations: new Set(),
    };
    this.state.deployments.set(deploymentId, dep);
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
        message: `@greenlight/local internal error: ${messageOf(err)}`,
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
    if (['Succeeded', 'Failed', 'Stopped'].includes(dep.status)) {
      throw new ApiError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${deploymentId} has already completed.`,
      );
    }
    const rollback =
      autoRollbackEnabled ??
      (dep.autoRollback.enabled && dep.autoRollback.events.includes('DEPLOYMENT_STOP_ON_REQUEST'));
    this.#stopRequests.set(deploymentId, { rollback });
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
    if (['Succeeded', 'Failed', 'Stopped'].includes(dep.status)) {
      throw new ApiError(
        'DeploymentAlreadyCompletedException',
        `The deployment ${deploymentId} has already completed.`,
      );
    }
    if (dep.computePlatform === 'Lambda') {
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
