import { describeThrown, scrubbed } from '@greenlight/contract';
import { LookupError } from './errors.js';
import { type RetryPolicy, withRetries } from './retry.js';
import {
  type DeploymentTarget,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  type LifecycleEvent,
  ListDeploymentTargetsCommand,
} from './sdk.js';
import type {
  CodeDeployLike,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTargetInfo,
  EcsTaskSetInfo,
  LifecycleEventInfo,
} from './types.js';

function events(list: readonly LifecycleEvent[] | undefined): LifecycleEventInfo[] {
  return (list ?? []).map((e) => ({
    name: e.lifecycleEventName ?? '',
    status: e.status ?? 'Unknown',
    ...(e.startTime && { startTime: e.startTime }),
    ...(e.endTime && { endTime: e.endTime }),
    ...(e.diagnostics && { diagnostics: e.diagnostics }),
  }));
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Maps GetDeploymentTarget's answer to the shape checks use.
 *
 * @example
 * const { deploymentTarget } = await client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }));
 * const target = toTargetInfo(deploymentTarget!); // e.g. { kind: 'lambda', functionName, targetVersion, ... }
 */
export function toTargetInfo(target: DeploymentTarget): DeploymentTargetInfo {
  const lambda = target.lambdaTarget;
  const ecs = target.ecsTarget;
  const base = lambda ?? ecs ?? target.instanceTarget ?? target.cloudFormationTarget ?? {};
  const lifecycleEvents = events(base.lifecycleEvents);
  const common = defined({
    targetId: base.targetId ?? '',
    targetArn: 'targetArn' in base ? base.targetArn : undefined,
    status: base.status,
    lifecycleEvent: lifecycleEvents.find((e) => e.status === 'InProgress')?.name,
    lifecycleEvents,
  });
  if (lambda) {
    const fn = lambda.lambdaFunctionInfo ?? {};
    return defined({
      kind: 'lambda' as const,
      ...common,
      functionName: fn.functionName ?? '',
      functionAlias: fn.functionAlias,
      currentVersion: fn.currentVersion,
      targetVersion: fn.targetVersion ?? '',
      targetVersionWeight: fn.targetVersionWeight,
    });
  }
  if (ecs) {
    const [cluster = '', ...rest] = (ecs.targetId ?? '').split(':');
    const taskSets: EcsTaskSetInfo[] = (ecs.taskSetsInfo ?? []).map((t) =>
      defined({
        id: t.identifer ?? '',
        label: t.taskSetLabel,
        status: t.status,
        desiredCount: t.desiredCount,
        pendingCount: t.pendingCount,
        runningCount: t.runningCount,
        trafficWeight: t.trafficWeight,
        targetGroupName: t.targetGroup?.name,
      }),
    );
    return defined({
      kind: 'ecs' as const,
      ...common,
      cluster,
      service: rest.join(':'),
      taskSets,
      replacement: taskSets.find((t) => t.label === 'Green'),
      original: taskSets.find((t) => t.label === 'Blue'),
    });
  }
  return defined({ kind: 'other' as const, ...common, deploymentTargetType: target.deploymentTargetType });
}

/**
 * The look-ups of one invocation, each taking the asking check's signal.
 *
 * @example
 * const target = await createLookups(() => client, deploymentId, deadline, policy).target(signal);
 */
export interface Lookups {
  deployment(signal: AbortSignal): Promise<DeploymentInfo>;
  target(signal: AbortSignal): Promise<DeploymentTargetInfo>;
  deploymentGroup(signal: AbortSignal): Promise<DeploymentGroupInfo>;
}

/**
 * `deployment()`, `target()` and `deploymentGroup()` for one invocation: each fetched at most once (concurrent
 * callers share the call; a failed call is forgotten so a later caller may try again), with the report's retry
 * policy, no call running past `deadline`.
 *
 * @example
 * const lookups = createLookups(() => client, event.DeploymentId, budget.checksDeadline, policy);
 */
export function createLookups(
  client: () => CodeDeployLike,
  deploymentId: string,
  deadline: number,
  policy: RetryPolicy,
): Lookups {
  const call = async <T>(what: string, command: unknown, signal: AbortSignal): Promise<T> => {
    const outcome = await withRetries((options) => client().send(command, options), deadline, policy, signal);
    if (outcome.ok) return outcome.value as T;
    throw new LookupError(`${what} failed for deployment ${deploymentId}: ${describeThrown(outcome.error)}`, {
      cause: scrubbed(outcome.error),
    });
  };
  const memo = <T>(load: (signal: AbortSignal) => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return (signal: AbortSignal): Promise<T> => {
      pending ??= load(signal).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    };
  };
  const deployment = memo(async (signal: AbortSignal) => {
    const out = await call<{ deploymentInfo?: Record<string, unknown> }>(
      'GetDeployment',
      new GetDeploymentCommand({ deploymentId }),
      signal,
    );
    const d = (out.deploymentInfo ?? {}) as Partial<DeploymentInfo>;
    return defined({
      deploymentId: d.deploymentId ?? deploymentId,
      applicationName: d.applicationName,
      deploymentGroupName: d.deploymentGroupName,
      computePlatform: d.computePlatform,
      status: d.status,
      deploymentConfigName: d.deploymentConfigName,
      creator: d.creator,
      rollbackInfo: d.rollbackInfo,
    });
  });
  return {
    deployment,
    deploymentGroup: memo(async (signal) => {
      const { applicationName, deploymentGroupName } = await deployment(signal);
      if (!applicationName || !deploymentGroupName) {
        throw new LookupError(`deployment ${deploymentId} names no application and deployment group`);
      }
      const out = await call<{ deploymentGroupInfo?: Record<string, unknown> }>(
        'GetDeploymentGroup',
        new GetDeploymentGroupCommand({ applicationName, deploymentGroupName }),
        signal,
      );
      const g = (out.deploymentGroupInfo ?? {}) as Partial<DeploymentGroupInfo>;
      return defined({
        applicationName: g.applicationName ?? applicationName,
        deploymentGroupName: g.deploymentGroupName ?? deploymentGroupName,
        computePlatform: g.computePlatform,
        deploymentConfigName: g.deploymentConfigName,
        serviceRoleArn: g.serviceRoleArn,
        alarmConfiguration: g.alarmConfiguration,
        autoRollbackConfiguration: g.autoRollbackConfiguration,
      });
    }),
    target: memo(async (signal) => {
      const list = await call<{ targetIds?: string[] }>(
        'ListDeploymentTargets',
        new ListDeploymentTargetsCommand({ deploymentId }),
        signal,
      );
      const targetId = list.targetIds?.[0];
      if (!targetId) throw new LookupError(`deployment ${deploymentId} has no deployment targets`);
      const got = await call<{ deploymentTarget?: DeploymentTarget }>(
        'GetDeploymentTarget',
        new GetDeploymentTargetCommand({ deploymentId, targetId }),
        signal,
      );
      if (!got.deploymentTarget)
        throw new LookupError(`GetDeploymentTarget returned no target for ${targetId}`);
      return toTargetInfo(got.deploymentTarget);
    }),
  };
}
