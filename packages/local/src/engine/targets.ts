import { ECS_LIFECYCLE_ORDER, LAMBDA_LIFECYCLE_ORDER } from '@greenlight/contract';
import type { EcsAppSpec, LambdaAppSpec, ServerAppSpec } from './appspec.js';
import type { EngineContext } from './context.js';
import type { TargetState } from './state.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The ECS lifecycle events of a deployment: without a test listener there is no test traffic to allow. */
export function ecsEvents(testListener: boolean): readonly string[] {
  return testListener
    ? ECS_LIFECYCLE_ORDER
    : ECS_LIFECYCLE_ORDER.filter((name) => name !== 'AllowTestTraffic' && name !== 'AfterAllowTestTraffic');
}

/**
 * The deployment target for an AppSpec: the Lambda function alias or the ECS service of the group. An
 * EC2/on-premises deployment has none (no instance can be found locally: see docs/local-codedeploy.md).
 */
export function buildTarget(
  engine: EngineContext,
  region: string,
  appSpec: LambdaAppSpec | EcsAppSpec | ServerAppSpec,
  groupInput: Readonly<Record<string, unknown>>,
): TargetState {
  const { accountId } = engine.options;
  const now = engine.now();
  if (appSpec.kind === 'Server') {
    return { targetId: '', targetArn: '', status: 'Pending', lastUpdatedAt: now, lifecycleEvents: [] };
  }
  if (appSpec.kind === 'Lambda') {
    const fn = engine.state.lambdaFunction(appSpec.functionName);
    for (const v of [appSpec.currentVersion, appSpec.targetVersion])
      if (!fn.versions.has(v)) fn.versions.set(v, undefined);
    if (!fn.aliases.has(appSpec.alias))
      fn.aliases.set(appSpec.alias, { version: appSpec.currentVersion, additionalVersionWeights: {} });
    return {
      targetId: appSpec.functionName,
      targetArn: `arn:aws:lambda:${region}:${accountId}:function:${appSpec.functionName}:${appSpec.alias}`,
      status: 'Pending',
      lastUpdatedAt: now,
      lifecycleEvents: LAMBDA_LIFECYCLE_ORDER.map((name) => ({
        lifecycleEventName: name,
        status: 'Pending',
        attempts: 0,
      })),
      lambda: {
        functionName: appSpec.functionName,
        functionAlias: appSpec.alias,
        currentVersion: appSpec.currentVersion,
        targetVersion: appSpec.targetVersion,
        targetVersionWeight: 0,
      },
    };
  }
  const service = obj(Array.isArray(groupInput.ecsServices) ? groupInput.ecsServices[0] : undefined);
  const lb = obj(groupInput.loadBalancerInfo);
  const pair = obj(Array.isArray(lb.targetGroupPairInfoList) ? lb.targetGroupPairInfoList[0] : undefined);
  const groups = Array.isArray(pair.targetGroups)
    ? pair.targetGroups.map((g) => String(obj(g).name ?? ''))
    : [];
  const cluster = String(service.clusterName ?? 'default');
  const serviceName = String(service.serviceName ?? 'service');
  const testRoute = obj(pair.testTrafficRoute).listenerArns;
  const testListener = Array.isArray(testRoute) && testRoute.length > 0;
  return {
    targetId: `${cluster}:${serviceName}`,
    targetArn: `arn:aws:ecs:${region}:${accountId}:service/${cluster}/${serviceName}`,
    status: 'Pending',
    lastUpdatedAt: now,
    lifecycleEvents: ecsEvents(testListener).map((name) => ({
      lifecycleEventName: name,
      status: 'Pending',
      attempts: 0,
    })),
    ecs: {
      cluster,
      service: serviceName,
      taskSets: [],
      targetGroups: [groups[0] ?? 'blue-tg', groups[1] ?? 'green-tg'],
      testListener,
    },
  };
}
