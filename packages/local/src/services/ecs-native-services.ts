/**
 * ECS services with the ECS deployment controller, driven over the wire as on AWS: CreateService and
 * UpdateService (a BLUE_GREEN `deploymentConfiguration` with `lifecycleHooks` runs the ECS native blue/green
 * engine, hooks invoked through the local Lambda), DescribeServiceDeployments, ListServiceDeployments,
 * StopServiceDeployment and DescribeServiceRevisions.
 */
import { randomBytes } from 'node:crypto';
import { describeThrown } from '@greenlight/contract';
import { Scheduler } from '../clock.js';
import { EcsNativeDeployment } from '../ecs-native/deployment.js';
import type { DeploymentEvent } from '../engine/types.js';
import { ApiError } from '../errors.js';
import { engineHooks, parseLifecycleHooks } from './ecs-native-hooks.js';
import {
  isFinished,
  lifecycleStageOf,
  type NativeServiceRecord,
  type RevisionRecord,
  type ServiceDeploymentRecord,
  serviceDeploymentBrief,
  serviceDeploymentOutput,
  serviceOutput,
  serviceRevisionOutput,
} from './ecs-native-records.js';
import type { RunOutcome } from './lambda-run.js';
import type { ResolvedServicesOptions } from './state.js';
import { type Input, list, num, str, strings, struct, timestamp } from './values.js';

const invalid = (message: string) => new ApiError('InvalidParameterException', message);
const lastSegment = (idOrArn: string): string => idOrArn.slice(idOrArn.lastIndexOf('/') + 1);
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const alnum = (n: number) =>
  randomBytes(n)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, n);

/** Service time of ECS's own steps (scaling up, cleaning up) in a simulated deployment. */
const STEP_MS = 60_000;

/** What the native services need from the rest of the slices. */
export interface NativeEcsWiring {
  /** Invokes a Lambda function through the local Lambda (RequestResponse). */
  readonly invoke: (functionArn: string, event: unknown) => Promise<RunOutcome>;
  /** Whether a CodeDeploy-controlled service of that name exists (the names share one namespace). */
  readonly codeDeployService: (cluster: string, service: string) => boolean;
}

/** ECS-controller services and their service deployments. */
export class NativeEcs {
  readonly #options: ResolvedServicesOptions;
  readonly #wiring: NativeEcsWiring;
  readonly #services = new Map<string, NativeServiceRecord>();
  readonly #deployments = new Map<string, ServiceDeploymentRecord>();
  readonly #revisions = new Map<string, RevisionRecord>();
  readonly #scheduler: Scheduler;

  constructor(options: ResolvedServicesOptions, wiring: NativeEcsWiring) {
    this.#options = options;
    this.#wiring = wiring;
    this.#scheduler = new Scheduler(options.clock, options.timeScale);
  }

  #arn(kind: string, path: string): string {
    return `arn:aws:ecs:${this.#options.region}:${this.#options.accountId}:${kind}/${path}`;
  }

  #now(): Date {
    return new Date(this.#options.clock.now());
  }

  /** A task definition as ECS names it: a full ARN as given, `family:revision` or `family` (revision 1). */
  taskDefinitionArn(taskDefinition: string): string {
    if (taskDefinition.startsWith('arn:')) return taskDefinition;
    return this.#arn(
      'task-definition',
      taskDefinition.includes(':') ? taskDefinition : `${taskDefinition}:1`,
    );
  }

  /** Whether any ECS-controller service lives in `cluster`. */
  hasCluster(cluster: string): boolean {
    return [...this.#services.values()].some((s) => s.cluster === cluster);
  }

  /** The service, by name or ARN, in `cluster`. */
  find(cluster: string, service: string): NativeServiceRecord | undefined {
    return this.#services.get(`${cluster}/${lastSegment(service)}`);
  }

  /** DescribeServices' entry for a service. */
  describe(s: NativeServiceRecord): Record<string, unknown> {
    return serviceOutput(s);
  }

  /** Every service deployment still running. */
  get running(): readonly ServiceDeploymentRecord[] {
    return [...this.#deployments.values()].filter((d) => !isFinished(d.status));
  }

  /** Stops every running deployment (without rollback) and waits for their ends. */
  async close(): Promise<void> {
    const running = this.running;
    for (const d of running) d.engine?.stop({ reason: 'The local ECS closed.' });
    await Promise.allSettled(running.map((d) => d.engine?.done));
    this.#scheduler.close();
  }

  #deploymentConfiguration(input: Input | undefined, base: Readonly<Record<string, unknown>>) {
    const merged: Record<string, unknown> = { ...base, ...input };
    const strategy = str(merged, 'strategy') ?? 'ROLLING';
    if (strategy === 'LINEAR' || strategy === 'CANARY') {
      throw new ApiError(
        'UnsupportedFeatureException',
        `The ${strategy} deployment strategy is not simulated by the local ECS; use BLUE_GREEN or ROLLING.`,
      );
    }
    if (strategy !== 'ROLLING' && strategy !== 'BLUE_GREEN')
      throw invalid(`deploymentConfiguration.strategy ${strategy} is not valid.`);
    const bake = num(merged, 'bakeTimeInMinutes');
    if (bake !== undefined && !(Number.isInteger(bake) && bake >= 0 && bake <= 1440))
      throw invalid('deploymentConfiguration.bakeTimeInMinutes must be from 0 to 1440.');
    const hooks = parseLifecycleHooks(merged);
    return { configuration: { ...merged, strategy }, hooks };
  }

  #loadBalancers(input: Input): Readonly<Record<string, unknown>>[] | undefined {
    if (input.loadBalancers === undefined) return undefined;
    return list(input, 'loadBalancers').map((lb, i) => {
      if (typeof lb !== 'object' || lb === null || Array.isArray(lb))
        throw invalid(`loadBalancers[${i}] must be a structure.`);
      return { ...(lb as Record<string, unknown>) };
    });
  }

  #revision(s: NativeServiceRecord, taskDefinition: string): RevisionRecord {
    const revision: RevisionRecord = {
      arn: this.#arn('service-revision', `${s.cluster}/${s.name}/${digits(19)}`),
      serviceArn: s.arn,
      clusterArn: s.clusterArn,
      taskDefinition,
      launchType: s.launchType,
      loadBalancers: s.loadBalancers,
      createdAt: this.#now(),
      deploymentId: `ecs-svc/${digits(19)}`,
      requested: s.desiredCount,
      running: 0,
      pending: 0,
      testWeight: 0,
      productionWeight: 0,
    };
    this.#revisions.set(revision.arn, revision);
    return revision;
  }

  createService(input: Input): Record<string, unknown> {
    const cluster = lastSegment(str(input, 'cluster') ?? 'default');
    const name = str(input, 'serviceName');
    if (!name || !/^[A-Za-z0-9_-]{1,255}$/.test(name))
      throw invalid('serviceName must be 1 to 255 letters, digits, hyphens and underscores.');
    const controller = str(struct(input, 'deploymentController') ?? {}, 'type') ?? 'ECS';
    if (controller !== 'ECS') {
      throw invalid(
        `The local ECS creates services with the ECS deployment controller; ${controller} services come from CodeDeploy deployments.`,
      );
    }
    const taskDefinition = str(input, 'taskDefinition');
    if (!taskDefinition) throw invalid('taskDefinition is required.');
    if (this.find(cluster, name) || this.#wiring.codeDeployService(cluster, name))
      throw invalid('Creation of service was not idempotent.');
    const desired = num(input, 'desiredCount') ?? 1;
    if (!(Number.isInteger(desired) && desired >= 0))
      throw invalid('desiredCount must be a whole number >= 0.');
    const { configuration, hooks } = this.#deploymentConfiguration(
      struct(input, 'deploymentConfiguration'),
      {},
    );
    const service: NativeServiceRecord = {
      cluster,
      name,
      arn: this.#arn('service', `${cluster}/${name}`),
      clusterArn: this.#arn('cluster', cluster),
      createdAt: this.#now(),
      desiredCount: desired,
      launchType: str(input, 'launchType') ?? 'FARGATE',
      loadBalancers: this.#loadBalancers(input) ?? [],
      deploymentConfiguration: configuration,
      hooks,
      current: undefined,
      deployments: [],
    };
    this.#services.set(`${cluster}/${name}`, service);
    this.#deploy(service, this.taskDefinitionArn(taskDefinition));
    return { service: serviceOutput(service) };
  }

  updateService(input: Input): Record<string, unknown> {
    const cluster = lastSegment(str(input, 'cluster') ?? 'default');
    const name = str(input, 'service');
    if (!name) throw invalid('service is required.');
    const service = this.find(cluster, name);
    if (!service) {
      if (this.#wiring.codeDeployService(cluster, lastSegment(name))) {
        throw invalid(
          'The service uses the CODE_DEPLOY deployment controller: start a deployment with CodeDeploy CreateDeployment.',
        );
      }
      if (!this.hasCluster(cluster)) throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
      throw new ApiError('ServiceNotFoundException', 'Service not found.');
    }
    const desired = num(input, 'desiredCount');
    if (desired !== undefined && !(Number.isInteger(desired) && desired >= 0))
      throw invalid('desiredCount must be a whole number >= 0.');
    const config = struct(input, 'deploymentConfiguration');
    const { configuration, hooks } = config
      ? this.#deploymentConfiguration(config, service.deploymentConfiguration)
      : { configuration: service.deploymentConfiguration, hooks: service.hooks };
    const loadBalancers = this.#loadBalancers(input);
    const taskDefinition = str(input, 'taskDefinition');
    const latest = service.deployments.at(-1);
    const serving = latest && !isFinished(latest.status) ? latest.target : service.current;
    const nextTaskDefinition = taskDefinition
      ? this.taskDefinitionArn(taskDefinition)
      : serving?.taskDefinition;
    const changed =
      input.forceNewDeployment === true ||
      nextTaskDefinition !== serving?.taskDefinition ||
      (loadBalancers !== undefined &&
        JSON.stringify(loadBalancers) !== JSON.stringify(service.loadBalancers));
    if (desired !== undefined) {
      service.desiredCount = desired;
      if (service.current) service.current.requested = service.current.running = desired;
    }
    service.deploymentConfiguration = configuration;
    service.hooks = hooks;
    if (loadBalancers) service.loadBalancers = loadBalancers;
    if (changed && nextTaskDefinition) this.#deploy(service, nextTaskDefinition);
    return { service: serviceOutput(service) };
  }

  /** Starts a service deployment of `taskDefinition`: instant for ROLLING, the blue/green engine for BLUE_GREEN. */
  #deploy(service: NativeServiceRecord, taskDefinition: string): void {
    const previous = service.deployments.at(-1);
    const interrupted = previous && !isFinished(previous.status) ? previous : undefined;
    // A deployment still running is superseded: it stops where it is, and the new one reconciles.
    interrupted?.engine?.stop({ reason: 'Superseded by a newer service deployment.' });
    const source = service.current;
    const target = this.#revision(service, taskDefinition);
    const now = this.#now();
    const record: ServiceDeploymentRecord = {
      arn: this.#arn('service-deployment', `${service.cluster}/${service.name}/${alnum(21)}`),
      service,
      createdAt: now,
      updatedAt: now,
      source,
      target,
      deploymentConfiguration: service.deploymentConfiguration,
      status: 'PENDING',
      hookDetails: [],
      engine: undefined,
    };
    this.#deployments.set(record.arn, record);
    service.deployments.push(record);
    if (service.deploymentConfiguration.strategy !== 'BLUE_GREEN') {
      // ROLLING: the tasks are replaced at once (nothing to shift, no hooks).
      Object.assign(record, { status: 'SUCCESSFUL', startedAt: now, finishedAt: now });
      this.#serve(service, target, source);
      return;
    }
    const bake = num(service.deploymentConfiguration, 'bakeTimeInMinutes');
    const engine = new EcsNativeDeployment({
      cluster: service.cluster,
      service: service.name,
      region: this.#options.region,
      accountId: this.#options.accountId,
      hooks: engineHooks(service.hooks, {
        invoke: this.#wiring.invoke,
        functionTimeoutMs: this.#options.functionTimeoutMs,
        now: () => this.#options.clock.now(),
        scaled: (ms) => this.#scheduler.scaled(ms),
        details: record.hookDetails,
      }),
      initial: source === undefined,
      reconcile: interrupted !== undefined,
      stepMs: STEP_MS,
      bakeTimeMs: (bake ?? 0) * 60_000,
      timeScale: this.#options.timeScale,
      clock: this.#options.clock,
      arns: {
        serviceArn: service.arn,
        resourceArn: record.arn,
        blue: source?.arn ?? target.arn,
        green: target.arn,
      },
    });
    (record as { engine: EcsNativeDeployment }).engine = engine;
    engine.on('event', (event) => this.#observe(record, event));
    // The outcome is recorded by #observe; a defect of the engine ends the deployment visibly.
    engine.done.catch((error: unknown) => {
      record.status = 'ROLLBACK_FAILED';
      record.statusReason = `Internal error: ${describeThrown(error)}`;
    });
  }

  /** `target` serves production: it is the service's current revision, `source` is drained. */
  #serve(service: NativeServiceRecord, target: RevisionRecord, source: RevisionRecord | undefined): void {
    target.requested = target.running = service.desiredCount;
    target.pending = 0;
    target.productionWeight = 100;
    target.testWeight = 100;
    if (source && source !== target) {
      source.requested = source.running = source.pending = 0;
      source.productionWeight = source.testWeight = 0;
    }
    service.current = target;
  }

  /** Follows the engine: status, stage, task counts and traffic weights of the two revisions. */
  #observe(d: ServiceDeploymentRecord, event: DeploymentEvent): void {
    const engine = d.engine!;
    d.updatedAt = this.#now();
    d.status = engine.status;
    d.lifecycleStage = lifecycleStageOf(engine.lifecycleStage);
    const { source, target, service } = d;
    if (event.type === 'status' && d.status === 'IN_PROGRESS' && !d.startedAt) {
      d.startedAt = this.#now();
      target.requested = service.desiredCount;
    } else if (event.type === 'lifecycle') {
      const { lifecycleEvent, status, hookReason } = event.entry;
      if (lifecycleEvent === 'SCALE_UP' && status === 'InProgress') target.pending = target.requested;
      if (lifecycleEvent === 'SCALE_UP' && status === 'Succeeded') {
        target.running = target.requested;
        target.pending = 0;
      }
      if (
        status === 'Failed' &&
        hookReason &&
        !lifecycleEvent.endsWith('(rollback)') &&
        hookReason !== 'stopped'
      )
        d.statusReason = `${lifecycleEvent}: ${hookReason}`;
      if (hookReason && /timed out|within/.test(hookReason)) {
        for (const h of d.hookDetails) if (h.status === 'IN_PROGRESS') h.status = 'TIMED_OUT';
      }
    } else if (event.type === 'traffic') {
      const toTarget = event.targetWeight;
      if (event.listener === 'test') {
        target.testWeight = toTarget;
        if (source) source.testWeight = 100 - toTarget;
      } else {
        target.productionWeight = toTarget;
        if (source) source.productionWeight = 100 - toTarget;
      }
    } else if (event.type === 'status' && d.status === 'ROLLBACK_IN_PROGRESS' && !d.rollback) {
      d.rollback = {
        reason: engine.stopReason ?? d.statusReason ?? 'A lifecycle hook failed.',
        startedAt: this.#now(),
        serviceRevisionArn: (source ?? target).arn,
      };
    } else if (event.type === 'outcome') {
      const outcome = event.outcome;
      if (d.status === 'STOPPED') d.stoppedAt = this.#now();
      else d.finishedAt = this.#now();
      d.statusReason = outcome.errorInformation?.message ?? d.statusReason;
      if (d.status === 'SUCCESSFUL') this.#serve(service, target, source);
      else if (source && service.current === source) {
        // Rolled back or stopped: the source revision keeps (or gets back) production traffic.
        target.requested = target.running = target.pending = 0;
        target.productionWeight = target.testWeight = 0;
        this.#serve(service, source, undefined);
      } else if (!source) {
        target.requested = target.running = target.pending = 0;
        target.productionWeight = target.testWeight = 0;
      }
    }
  }

  #deployment(arn: string | undefined): ServiceDeploymentRecord {
    const found = arn ? this.#deployments.get(arn) : undefined;
    if (!found)
      throw new ApiError(
        'ServiceDeploymentNotFoundException',
        `The service deployment ${String(arn)} does not exist.`,
      );
    return found;
  }

  describeServiceDeployments(input: Input): Record<string, unknown> {
    const arns = strings(input, 'serviceDeploymentArns');
    if (arns.length === 0 || arns.length > 20) throw invalid('serviceDeploymentArns must list 1 to 20 ARNs.');
    const found = arns.map((a) => this.#deployments.get(a));
    return {
      serviceDeployments: found.filter((d) => d !== undefined).map(serviceDeploymentOutput),
      failures: arns.filter((_, i) => !found[i]).map((arn) => ({ arn, reason: 'MISSING' })),
    };
  }

  listServiceDeployments(input: Input): Record<string, unknown> {
    const cluster = lastSegment(str(input, 'cluster') ?? 'default');
    const name = str(input, 'service');
    if (!name) throw invalid('service is required.');
    const service = this.find(cluster, name);
    if (!service) {
      // A CodeDeploy-controlled service has no ECS service deployments of its own.
      if (this.#wiring.codeDeployService(cluster, lastSegment(name))) return { serviceDeployments: [] };
      if (!this.hasCluster(cluster)) throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
      throw new ApiError('ServiceNotFoundException', 'Service not found.');
    }
    const statuses = strings(input, 'status');
    const created = struct(input, 'createdAt');
    const before = created ? timestamp(created, 'before') : undefined;
    const after = created ? timestamp(created, 'after') : undefined;
    const max = num(input, 'maxResults') ?? 20;
    if (!(Number.isInteger(max) && max >= 1 && max <= 100))
      throw invalid('maxResults must be from 1 to 100.');
    const token = str(input, 'nextToken');
    const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!(Number.isInteger(start) && start >= 0)) throw invalid('nextToken is not valid.');
    const all = [...service.deployments]
      .reverse()
      .filter((d) => statuses.length === 0 || statuses.includes(d.status))
      .filter(
        (d) => (before === undefined || d.createdAt < before) && (after === undefined || d.createdAt > after),
      );
    const page = all.slice(start, start + max);
    const next =
      start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
    return { serviceDeployments: page.map(serviceDeploymentBrief), ...(next && { nextToken: next }) };
  }

  stopServiceDeployment(input: Input): Record<string, unknown> {
    const d = this.#deployment(str(input, 'serviceDeploymentArn'));
    const stopType = str(input, 'stopType') ?? 'ROLLBACK';
    if (stopType !== 'ROLLBACK' && stopType !== 'ABORT') throw invalid(`stopType ${stopType} is not valid.`);
    if (
      isFinished(d.status) ||
      d.status === 'STOP_REQUESTED' ||
      d.status === 'ROLLBACK_REQUESTED' ||
      !d.engine
    ) {
      throw new ApiError('ConflictException', `The service deployment is ${d.status} and cannot be stopped.`);
    }
    d.engine.stop({
      rollback: stopType === 'ROLLBACK',
      reason: `Service deployment ${stopType === 'ROLLBACK' ? 'rolled back' : 'stopped'} by StopServiceDeployment.`,
    });
    return { serviceDeploymentArn: d.arn };
  }

  describeServiceRevisions(input: Input): Record<string, unknown> {
    const arns = strings(input, 'serviceRevisionArns');
    if (arns.length === 0 || arns.length > 20) throw invalid('serviceRevisionArns must list 1 to 20 ARNs.');
    const found = arns.map((a) => this.#revisions.get(a));
    return {
      serviceRevisions: found.filter((r) => r !== undefined).map(serviceRevisionOutput),
      failures: arns.filter((_, i) => !found[i]).map((arn) => ({ arn, reason: 'MISSING' })),
    };
  }
}
