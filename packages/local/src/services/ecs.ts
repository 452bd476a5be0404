import { InvalidOptionsError } from '@greenlight/contract';
import type { SimulatedEcsService, TaskSetState } from '../engine/state.js';
import { ApiError } from '../errors.js';
import type { ServiceHandler } from '../http/types.js';
import { NativeEcs } from './ecs-native-services.js';
import type { RunOutcome } from './lambda-run.js';
import { awsJsonError, awsJsonResponse } from './protocols.js';
import type { AwsServicesState, ResolvedServicesOptions } from './state.js';
import { type Input, str, strings } from './values.js';

const PREFIX = 'AmazonEC2ContainerServiceV20141113.';

const lastSegment = (idOrArn: string): string => idOrArn.slice(idOrArn.lastIndexOf('/') + 1);
const clusterName = (idOrArn: string | undefined): string =>
  idOrArn === undefined ? 'default' : idOrArn.startsWith('arn:') ? lastSegment(idOrArn) : idOrArn;

/**
 * ECS services: the CodeDeploy-controlled ones with their task sets, read from the simulated ECS deployments
 * (the engine's state), and the ECS-controller ones created over the wire, with their service deployments.
 */
export class EcsSlice {
  readonly #state: AwsServicesState;
  readonly #options: ResolvedServicesOptions;
  readonly #arnOfTargetGroup: (name: string) => string;
  readonly #created = new Map<string, Date>();
  /** ECS-controller services (CreateService, UpdateService, service deployments). */
  readonly native: NativeEcs;

  constructor(
    state: AwsServicesState,
    options: ResolvedServicesOptions,
    arnOfTargetGroup: (name: string) => string,
    invoke: (functionArn: string, event: unknown) => Promise<RunOutcome>,
  ) {
    this.#state = state;
    this.#options = options;
    this.#arnOfTargetGroup = arnOfTargetGroup;
    this.native = new NativeEcs(options, {
      invoke,
      codeDeployService: (cluster, service) => this.#service(cluster, service) !== undefined,
    });
  }

  /** Adds or replaces a simulated service (the engine makes them for ECS deployments; tests may too). */
  putService(service: SimulatedEcsService): void {
    this.#state.ecsServices.set(`${service.cluster}:${service.service}`, service);
  }

  /** Changes a task set's counts or status (e.g. tasks still starting), found by id or ARN. */
  updateTaskSet(
    cluster: string,
    service: string,
    taskSet: string,
    patch: Partial<
      Pick<TaskSetState, 'desiredCount' | 'pendingCount' | 'runningCount' | 'status' | 'trafficWeight'>
    >,
  ): void {
    const found = this.#service(cluster, service)?.taskSets.find(
      (t) => t.identifer === taskSet || this.#taskSetArn(cluster, service, t) === taskSet,
    );
    if (!found) throw new InvalidOptionsError('taskSet', `No task set ${taskSet} in ${cluster}/${service}`);
    Object.assign(found, patch);
  }

  #arn(kind: string, path: string): string {
    return `arn:aws:ecs:${this.#options.region}:${this.#options.accountId}:${kind}/${path}`;
  }

  /** A task definition as ECS names it: a full ARN as given, `family:revision` or `family` (revision 1) as an ARN. */
  #taskDefinitionArn(taskDefinition: string): string {
    if (taskDefinition.startsWith('arn:')) return taskDefinition;
    return this.#arn(
      'task-definition',
      taskDefinition.includes(':') ? taskDefinition : `${taskDefinition}:1`,
    );
  }

  /** A task set's load balancer: its target group and the container the AppSpec routes to (when known). */
  #loadBalancer(targetGroup: string, t: TaskSetState | undefined): Record<string, unknown> {
    return {
      targetGroupArn: this.#arnOfTargetGroup(targetGroup),
      ...(t?.container && { containerName: t.container.name, containerPort: t.container.port }),
    };
  }

  #taskSetArn(cluster: string, service: string, t: TaskSetState): string {
    return this.#arn('task-set', `${cluster}/${service}/${t.identifer}`);
  }

  #service(cluster: string, service: string): SimulatedEcsService | undefined {
    return [...this.#state.ecsServices.values()].find((s) => s.cluster === cluster && s.service === service);
  }

  #requireCluster(cluster: string): void {
    if (
      !this.native.hasCluster(cluster) &&
      ![...this.#state.ecsServices.values()].some((s) => s.cluster === cluster)
    ) {
      throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
    }
  }

  #taskSet(s: SimulatedEcsService, t: TaskSetState): Record<string, unknown> {
    const key = `${s.cluster}/${s.service}/${t.identifer}`;
    const created = this.#created.get(key) ?? new Date(this.#options.now());
    this.#created.set(key, created);
    const steady = t.runningCount === t.desiredCount && t.pendingCount === 0;
    return {
      id: t.identifer,
      taskSetArn: this.#taskSetArn(s.cluster, s.service, t),
      serviceArn: this.#arn('service', `${s.cluster}/${s.service}`),
      clusterArn: this.#arn('cluster', s.cluster),
      startedBy: 'CODE_DEPLOY',
      externalId: t.taskSetLabel === 'Green' ? 'greenlight-replacement' : 'greenlight-original',
      status: t.status,
      taskDefinition: this.#taskDefinitionArn(t.taskDefinition),
      computedDesiredCount: t.desiredCount,
      pendingCount: t.pendingCount,
      runningCount: t.runningCount,
      createdAt: created,
      updatedAt: new Date(this.#options.now()),
      launchType: 'FARGATE',
      loadBalancers: [this.#loadBalancer(t.targetGroup, t)],
      scale: { value: 100, unit: 'PERCENT' },
      stabilityStatus: steady ? 'STEADY_STATE' : 'STABILIZING',
      stabilityStatusAt: new Date(this.#options.now()),
    };
  }

  describeServices(input: Input): Record<string, unknown> {
    const cluster = clusterName(str(input, 'cluster'));
    const names = strings(input, 'services');
    if (names.length === 0 || names.length > 10)
      throw new ApiError('InvalidParameterException', 'services must list 1 to 10 services.');
    this.#requireCluster(cluster);
    const services: Record<string, unknown>[] = [];
    const failures: Record<string, unknown>[] = [];
    for (const asked of names) {
      const native = this.native.find(cluster, asked);
      if (native) {
        services.push(this.native.describe(native));
        continue;
      }
      const s = this.#service(cluster, lastSegment(asked));
      if (!s) {
        failures.push({ arn: this.#arn('service', `${cluster}/${lastSegment(asked)}`), reason: 'MISSING' });
        continue;
      }
      const primary = s.taskSets.find((t) => t.status === 'PRIMARY') ?? s.taskSets[0];
      services.push({
        serviceArn: this.#arn('service', `${s.cluster}/${s.service}`),
        serviceName: s.service,
        clusterArn: this.#arn('cluster', s.cluster),
        status: 'ACTIVE',
        desiredCount: primary?.desiredCount ?? 0,
        runningCount: s.taskSets.reduce((n, t) => n + t.runningCount, 0),
        pendingCount: s.taskSets.reduce((n, t) => n + t.pendingCount, 0),
        launchType: 'FARGATE',
        taskDefinition: primary ? this.#taskSet(s, primary).taskDefinition : undefined,
        deploymentController: { type: 'CODE_DEPLOY' },
        loadBalancers: [this.#loadBalancer(s.productionTargetGroup, primary)],
        taskSets: s.taskSets.map((t) => this.#taskSet(s, t)),
        deployments: [],
        events: [],
        schedulingStrategy: 'REPLICA',
      });
    }
    return { services, failures };
  }

  describeTaskSets(input: Input): Record<string, unknown> {
    const cluster = clusterName(str(input, 'cluster'));
    const serviceName = str(input, 'service');
    if (!serviceName) throw new ApiError('InvalidParameterException', 'service is required.');
    this.#requireCluster(cluster);
    if (this.native.find(cluster, serviceName)) {
      throw new ApiError(
        'InvalidParameterException',
        'The service uses the ECS deployment controller: it has service deployments, not task sets.',
      );
    }
    const s = this.#service(cluster, lastSegment(serviceName));
    if (!s) throw new ApiError('ServiceNotFoundException', 'Service not found.');
    const asked = strings(input, 'taskSets');
    const all = s.taskSets.map((t) => this.#taskSet(s, t));
    if (asked.length === 0) return { taskSets: all, failures: [] };
    const taskSets = all.filter((t) => asked.includes(String(t.id)) || asked.includes(String(t.taskSetArn)));
    const failures = asked
      .filter((a) => !taskSets.some((t) => t.id === a || t.taskSetArn === a))
      .map((a) => ({ arn: a, reason: 'MISSING' }));
    return { taskSets, failures };
  }
}

const OPERATIONS: Readonly<Record<string, (slice: EcsSlice, input: Input) => Record<string, unknown>>> = {
  DescribeServices: (slice, input) => slice.describeServices(input),
  DescribeTaskSets: (slice, input) => slice.describeTaskSets(input),
  CreateService: (slice, input) => slice.native.createService(input),
  UpdateService: (slice, input) => slice.native.updateService(input),
  DescribeServiceDeployments: (slice, input) => slice.native.describeServiceDeployments(input),
  ListServiceDeployments: (slice, input) => slice.native.listServiceDeployments(input),
  StopServiceDeployment: (slice, input) => slice.native.stopServiceDeployment(input),
  DescribeServiceRevisions: (slice, input) => slice.native.describeServiceRevisions(input),
};

/** The ECS service handler (awsJson1_1, `x-amz-target: AmazonEC2ContainerServiceV20141113.<Op>`). */
export function ecsService(slice: EcsSlice): ServiceHandler {
  return {
    name: 'ecs',
    signingName: 'ecs',
    matches: (req) => req.target?.startsWith(PREFIX) === true,
    operation: (req) => req.target!.slice(PREFIX.length),
    async handle(req, ctx) {
      try {
        let input: Input;
        try {
          input = JSON.parse(req.body.toString('utf8') || '{}') as Input;
        } catch {
          throw new ApiError('SerializationException', 'The request body is not valid JSON');
        }
        const operation = OPERATIONS[ctx.operation];
        if (operation && Object.hasOwn(OPERATIONS, ctx.operation))
          return awsJsonResponse('1.1', operation(slice, input), ctx);
        throw new ApiError(
          'UnknownOperationException',
          `Operation ${ctx.operation} is not supported by the local ECS`,
        );
      } catch (error) {
        if (error instanceof ApiError)
          return awsJsonError('1.1', { type: error.type, message: error.message, status: error.status }, ctx);
        throw error;
      }
    },
  };
}
