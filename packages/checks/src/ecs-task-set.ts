import type { DescribeTaskSetsCommandOutput, TaskSet } from '@aws-sdk/client-ecs';
import type { Check, CheckVerdict, HookContext } from '@greenlight/core';
import { abortedVerdict } from './internal/abort.js';
import { type AwsClientLike, call, lazyClient } from './internal/aws.js';
import { is, type OptionSpec, validateOptions } from './internal/options.js';

/**
 * Options of {@link ecsTaskSet}. Without `cluster`, `service` and `taskSet`, the ECS deployment's
 * replacement task set is checked. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * ecsTaskSet(); // the replacement task set of the deployment this hook serves
 */
export interface EcsTaskSetCheckOptions {
  /** The cluster name or ARN. @default from the deployment */
  readonly cluster?: string;
  /** The service name or ARN. @default from the deployment */
  readonly service?: string;
  /** The task set ID or ARN. @default the deployment's replacement task set */
  readonly taskSet?: string;
  /** The ECS client. @default an `ECSClient` from `@aws-sdk/client-ecs`, made on the first run */
  readonly client?: AwsClientLike;
}

const SPEC: OptionSpec<EcsTaskSetCheckOptions> = {
  cluster: is.string,
  service: is.string,
  taskSet: is.string,
  client: is.client,
};

async function which(o: EcsTaskSetCheckOptions, context: HookContext) {
  if (o.cluster && o.service && o.taskSet)
    return { cluster: o.cluster, service: o.service, taskSet: o.taskSet };
  const target = await context.target();
  if (target.kind !== 'ecs')
    return `ecsTaskSet needs cluster, service and taskSet, or an ECS deployment; this deployment targets ${target.kind}`;
  const taskSet = o.taskSet ?? target.replacement?.id;
  if (!taskSet)
    return `the ECS deployment of ${target.cluster}/${target.service} has no replacement task set yet`;
  return { cluster: o.cluster ?? target.cluster, service: o.service ?? target.service, taskSet };
}

function judge(label: string, t: TaskSet): CheckVerdict {
  const problems: string[] = [];
  const desired = t.computedDesiredCount ?? 0;
  if (t.status !== 'PRIMARY' && t.status !== 'ACTIVE') problems.push(`status ${t.status}`);
  if (t.runningCount !== desired) problems.push(`${t.runningCount ?? 0} of ${desired} tasks running`);
  if ((t.pendingCount ?? 0) > 0) problems.push(`${t.pendingCount} pending`);
  if (t.stabilityStatus !== 'STEADY_STATE') problems.push(`stability ${t.stabilityStatus ?? 'unknown'}`);
  if (problems.length > 0) return { passed: false, reason: `${label} is not steady: ${problems.join(', ')}` };
  return {
    passed: true,
    reason: `${label} is steady: ${t.runningCount} of ${desired} tasks running, ${t.status}`,
  };
}

/**
 * A check that the ECS task set (by default the deployment's replacement) is steady: running = desired,
 * nothing pending, status PRIMARY or ACTIVE and stability STEADY_STATE, read with ECS DescribeTaskSets.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { ecsTaskSet } from '@greenlight/checks/ecs-task-set';
 * import { poll } from '@greenlight/checks/poll';
 *
 * export const handler = createHook({ steady: poll(ecsTaskSet(), { intervalMs: 5_000 }) });
 */
export function ecsTaskSet(options: EcsTaskSetCheckOptions = {}): Check {
  const o = validateOptions<EcsTaskSetCheckOptions>('ecsTaskSet()', options, SPEC);
  const client = lazyClient(o.client, async () => {
    const { ECSClient } = await import('@aws-sdk/client-ecs');
    return new ECSClient({});
  });
  return async (context) => {
    const { signal } = context;
    const where = await which(o, context);
    if (typeof where === 'string') return { passed: false, reason: where };
    const label = `task set ${where.taskSet} of ${where.cluster}/${where.service}`;
    try {
      const [{ DescribeTaskSetsCommand }, ecs] = await Promise.all([import('@aws-sdk/client-ecs'), client()]);
      const out = await call<DescribeTaskSetsCommandOutput>(
        'ecsTaskSet',
        'DescribeTaskSets',
        ecs,
        new DescribeTaskSetsCommand({
          cluster: where.cluster,
          service: where.service,
          taskSets: [where.taskSet],
        }),
        signal,
      );
      const found = out.taskSets?.[0];
      if (!found)
        return {
          passed: false,
          reason: `${label}: not found (${out.failures?.[0]?.reason ?? 'no task set returned'})`,
        };
      return judge(label, found);
    } catch (error) {
      if (signal.aborted) return abortedVerdict(signal, `describing ${label}`);
      throw error;
    }
  };
}
