/** The records of ECS-controller services, their revisions and service deployments, as the ECS slice keeps them. */
import type { EcsNativeDeployment } from '../ecs-native/deployment.js';
import type { ServiceDeploymentStatus } from '../ecs-native/types.js';
import type { HookDetail, WireHook } from './ecs-native-hooks.js';

/** A service revision: what one deployment deploys (ECS keeps one per CreateService/UpdateService). */
export interface RevisionRecord {
  readonly arn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  /** The task definition ARN. */
  readonly taskDefinition: string;
  readonly launchType: string;
  readonly loadBalancers: readonly Readonly<Record<string, unknown>>[];
  readonly createdAt: Date;
  /** The deployment id ECS shows in DescribeServices' `deployments`. */
  readonly deploymentId: string;
  requested: number;
  running: number;
  pending: number;
  testWeight: number;
  productionWeight: number;
}

/** A service deployment and the engine running it (none for a ROLLING service's instant deployment). */
export interface ServiceDeploymentRecord {
  readonly arn: string;
  readonly service: NativeServiceRecord;
  readonly createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  stoppedAt?: Date;
  updatedAt: Date;
  readonly source: RevisionRecord | undefined;
  readonly target: RevisionRecord;
  /** The deployment configuration it runs with (a snapshot, as given). */
  readonly deploymentConfiguration: Readonly<Record<string, unknown>>;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: string;
  rollback?: { readonly reason: string; readonly startedAt: Date; readonly serviceRevisionArn: string };
  readonly hookDetails: HookDetail[];
  readonly engine: EcsNativeDeployment | undefined;
}

/** A service with the ECS deployment controller. */
export interface NativeServiceRecord {
  readonly cluster: string;
  readonly name: string;
  readonly arn: string;
  readonly clusterArn: string;
  readonly createdAt: Date;
  desiredCount: number;
  launchType: string;
  loadBalancers: readonly Readonly<Record<string, unknown>>[];
  /** As given (validated), with `strategy` filled in. */
  deploymentConfiguration: Readonly<Record<string, unknown>>;
  hooks: readonly WireHook[];
  /** The revision serving production traffic. */
  current: RevisionRecord | undefined;
  /** Newest last. */
  readonly deployments: ServiceDeploymentRecord[];
}

/** Whether a service deployment has ended. */
export const isFinished = (status: ServiceDeploymentStatus): boolean =>
  status === 'SUCCESSFUL' ||
  status === 'STOPPED' ||
  status === 'ROLLBACK_SUCCESSFUL' ||
  status === 'ROLLBACK_FAILED';

/** ECS's ServiceDeploymentLifecycleStage for an engine step (PRE_PRODUCTION_TRAFFIC_SHIFT runs at the start of PRODUCTION_TRAFFIC_SHIFT). */
export function lifecycleStageOf(step: string | undefined): string | undefined {
  return step === 'PRE_PRODUCTION_TRAFFIC_SHIFT' ? 'PRODUCTION_TRAFFIC_SHIFT' : step;
}

/** ServiceRevisionSummary. */
export function revisionSummary(r: RevisionRecord): Record<string, unknown> {
  return {
    arn: r.arn,
    requestedTaskCount: r.requested,
    runningTaskCount: r.running,
    pendingTaskCount: r.pending,
    requestedTestTrafficWeight: r.testWeight,
    requestedProductionTrafficWeight: r.productionWeight,
  };
}

/** ServiceDeployment, as DescribeServiceDeployments answers it. */
export function serviceDeploymentOutput(d: ServiceDeploymentRecord): Record<string, unknown> {
  return {
    serviceDeploymentArn: d.arn,
    serviceArn: d.service.arn,
    clusterArn: d.service.clusterArn,
    createdAt: d.createdAt,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    stoppedAt: d.stoppedAt,
    updatedAt: d.updatedAt,
    sourceServiceRevisions: d.source ? [revisionSummary(d.source)] : [],
    targetServiceRevision: revisionSummary(d.target),
    status: d.status,
    statusReason: d.statusReason,
    lifecycleStage: d.lifecycleStage,
    ...(d.hookDetails.length > 0 && { lifecycleHookDetails: d.hookDetails.map((h) => ({ ...h })) }),
    deploymentConfiguration: d.deploymentConfiguration,
    rollback: d.rollback,
    deploymentCircuitBreaker: { status: 'DISABLED', failureCount: 0, threshold: 0 },
    alarms: { status: 'DISABLED', alarmNames: [], triggeredAlarmNames: [] },
  };
}

/** ServiceDeploymentBrief, as ListServiceDeployments answers it. */
export function serviceDeploymentBrief(d: ServiceDeploymentRecord): Record<string, unknown> {
  return {
    serviceDeploymentArn: d.arn,
    serviceArn: d.service.arn,
    clusterArn: d.service.clusterArn,
    startedAt: d.startedAt,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt ?? d.stoppedAt,
    targetServiceRevisionArn: d.target.arn,
    status: d.status,
    statusReason: d.statusReason,
  };
}

/** ServiceRevision, as DescribeServiceRevisions answers it. */
export function serviceRevisionOutput(r: RevisionRecord): Record<string, unknown> {
  return {
    serviceRevisionArn: r.arn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    taskDefinition: r.taskDefinition,
    launchType: r.launchType,
    loadBalancers: r.loadBalancers,
    createdAt: r.createdAt,
  };
}

/** Service, as CreateService, UpdateService and DescribeServices answer it. */
export function serviceOutput(s: NativeServiceRecord): Record<string, unknown> {
  const latest = s.deployments.at(-1);
  const inFlight = latest && !isFinished(latest.status) ? latest : undefined;
  const revisions = inFlight
    ? [inFlight.target, ...(inFlight.source ? [inFlight.source] : [])]
    : s.current
      ? [s.current]
      : [];
  const rollout = (r: RevisionRecord) => {
    if (!inFlight) return 'COMPLETED';
    return r === inFlight.target ? 'IN_PROGRESS' : 'COMPLETED';
  };
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.clusterArn,
    loadBalancers: s.loadBalancers,
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: s.desiredCount,
    runningCount: revisions.reduce((n, r) => n + r.running, 0),
    pendingCount: revisions.reduce((n, r) => n + r.pending, 0),
    launchType: s.launchType,
    taskDefinition: (inFlight?.target ?? s.current)?.taskDefinition,
    deploymentConfiguration: s.deploymentConfiguration,
    deployments: revisions.map((r, i) => ({
      id: r.deploymentId,
      status: i === 0 ? 'PRIMARY' : 'ACTIVE',
      taskDefinition: r.taskDefinition,
      desiredCount: r.requested,
      pendingCount: r.pending,
      runningCount: r.running,
      failedTasks: 0,
      createdAt: r.createdAt,
      updatedAt: latest?.updatedAt ?? r.createdAt,
      launchType: r.launchType,
      rolloutState: rollout(r),
      rolloutStateReason:
        rollout(r) === 'COMPLETED' ? 'ECS deployment completed.' : 'ECS deployment in progress.',
    })),
    events: [],
    createdAt: s.createdAt,
    currentServiceDeployment: latest?.arn,
    currentServiceRevisions: revisions.map((r) => ({
      arn: r.arn,
      requestedTaskCount: r.requested,
      runningTaskCount: r.running,
      pendingTaskCount: r.pending,
    })),
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}
