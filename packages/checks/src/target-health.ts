import type {
  DescribeTargetGroupsCommandOutput,
  DescribeTargetHealthCommandOutput,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Check, CheckVerdict, HookContext } from '@greenlight/core';
import { abortedVerdict } from './internal/abort.js';
import { type AwsClientLike, call, lazyClient } from './internal/aws.js';
import { conflict, is, type OptionSpec, optional, validateOptions } from './internal/options.js';

/**
 * Options of {@link targetHealth}. Without `targetGroupArn` or `targetGroupName`, the target group of the
 * ECS deployment's replacement task set is checked. Unknown keys are an `InvalidOptionsError` that names them.
 *
 * @example
 * targetHealth({ targetGroupName: 'orders-green', minHealthy: 2 });
 */
export interface TargetHealthCheckOptions {
  /** The target group's ARN, or a function of the check context that returns it. @default from the deployment */
  readonly targetGroupArn?: string | ((context: HookContext) => string | Promise<string>);
  /** The target group's name (looked up with DescribeTargetGroups). @default from the deployment */
  readonly targetGroupName?: string;
  /** The fewest healthy targets that pass. @default 1 */
  readonly minHealthy?: number;
  /** The ELBv2 client. @default an `ElasticLoadBalancingV2Client`, made on the first run */
  readonly client?: AwsClientLike;
}

const SPEC: OptionSpec<TargetHealthCheckOptions> = {
  targetGroupArn: optional(
    'an ARN or a function of the check context',
    (v) => (typeof v === 'string' && v.startsWith('arn:')) || typeof v === 'function',
  ),
  targetGroupName: is.string,
  minHealthy: is.nonNegativeInteger,
  client: is.client,
};

/** The target group to check: the one given, or the replacement task set's. */
async function whichGroup(
  o: TargetHealthCheckOptions,
  context: HookContext,
): Promise<{ arn?: string; name?: string } | string> {
  if (o.targetGroupArn !== undefined) {
    return {
      arn: typeof o.targetGroupArn === 'function' ? await o.targetGroupArn(context) : o.targetGroupArn,
    };
  }
  if (o.targetGroupName !== undefined) return { name: o.targetGroupName };
  const target = await context.target();
  if (target.kind !== 'ecs')
    return `targetHealth needs a target group, or an ECS deployment; this deployment targets ${target.kind}`;
  const name = target.replacement?.targetGroupName;
  if (!name)
    return `the ECS deployment of ${target.cluster}/${target.service} has no replacement task set with a target group yet`;
  return { name };
}

function judge(
  label: string,
  descriptions: readonly TargetHealthDescription[],
  minHealthy: number,
): CheckVerdict {
  const counts = new Map<string, number>();
  for (const d of descriptions) {
    const state = d.TargetHealth?.State ?? 'unknown';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const summary = [...counts].map(([state, n]) => `${n} ${state}`).join(', ') || 'no targets';
  const unhealthy = descriptions.filter((d) => d.TargetHealth?.State?.startsWith('unhealthy'));
  if (unhealthy.length > 0) {
    const list = unhealthy
      .map(
        (d) =>
          `${d.Target?.Id}:${d.Target?.Port} ${d.TargetHealth?.State} (${d.TargetHealth?.Reason ?? 'no reason'})`,
      )
      .join('; ');
    return { passed: false, reason: `${label}: ${unhealthy.length} unhealthy: ${list}` };
  }
  const healthy = counts.get('healthy') ?? 0;
  if (healthy < minHealthy) {
    return {
      passed: false,
      reason: `${label}: ${healthy} healthy, expected at least ${minHealthy} (${summary})`,
    };
  }
  return { passed: true, reason: `${label}: ${summary}` };
}

/**
 * A check that reads ELBv2 DescribeTargetHealth for a target group (given, or the ECS replacement task
 * set's) and passes when at least `minHealthy` targets are healthy and none is unhealthy.
 *
 * @example
 * import { createHook } from '@greenlight/core';
 * import { targetHealth } from '@greenlight/checks/target-health';
 *
 * export const handler = createHook({ targets: targetHealth({ minHealthy: 2 }) });
 */
export function targetHealth(options: TargetHealthCheckOptions = {}): Check {
  const o = validateOptions<TargetHealthCheckOptions>('targetHealth()', options, SPEC);
  if (o.targetGroupArn !== undefined && o.targetGroupName !== undefined) {
    throw conflict('targetHealth', 'targetGroupName', 'give `targetGroupArn` or `targetGroupName`, not both');
  }
  const client = lazyClient(o.client, async () => {
    const { ElasticLoadBalancingV2Client } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    return new ElasticLoadBalancingV2Client({});
  });
  return async (context) => {
    const { signal } = context;
    const group = await whichGroup(o, context);
    if (typeof group === 'string') return { passed: false, reason: group };
    const label = `target group ${group.name ?? group.arn}`;
    try {
      const [sdk, elbv2] = await Promise.all([import('@aws-sdk/client-elastic-load-balancing-v2'), client()]);
      let arn = group.arn;
      if (!arn) {
        const out = await call<DescribeTargetGroupsCommandOutput>(
          'targetHealth',
          'DescribeTargetGroups',
          elbv2,
          new sdk.DescribeTargetGroupsCommand({ Names: [group.name!] }),
          signal,
        );
        arn = out.TargetGroups?.[0]?.TargetGroupArn;
        if (!arn) return { passed: false, reason: `${label}: DescribeTargetGroups returned no ARN` };
      }
      const out = await call<DescribeTargetHealthCommandOutput>(
        'targetHealth',
        'DescribeTargetHealth',
        elbv2,
        new sdk.DescribeTargetHealthCommand({ TargetGroupArn: arn }),
        signal,
      );
      return judge(label, out.TargetHealthDescriptions ?? [], o.minHealthy ?? 1);
    } catch (error) {
      if (signal.aborted) return abortedVerdict(signal, `reading the health of ${label}`);
      throw error;
    }
  };
}
