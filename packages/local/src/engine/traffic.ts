import { randomInt } from 'node:crypto';
import { DEPLOYMENT_CONFIGS, trafficSteps } from './configs.js';
import type { EngineContext, StepResult } from './context.js';
import { emit, lifecycleChanged } from './events.js';
import type { DeploymentRecord, SimulatedEcsService, TaskSetState } from './state.js';

const STOPPED: StepResult = { ok: false, stopped: true };

function activeAlarm(engine: EngineContext, dep: DeploymentRecord): StepResult | undefined {
  if (dep.alarms.length === 0) return undefined;
  const active = dep.alarms.filter((name) => engine.state.alarms.get(name) === 'ALARM');
  if (active.length === 0) return undefined;
  return {
    ok: false,
    asStopped: true,
    rollbackEvent: 'DEPLOYMENT_STOP_ON_ALARM',
    error: {
      code: 'ALARM_ACTIVE',
      message: `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${active.join(', ')}>`,
    },
  };
}

/** Moves traffic per the deployment config, waiting between steps and watching alarms. */
async function shift(
  engine: EngineContext,
  dep: DeploymentRecord,
  apply: (weight: number) => void,
): Promise<StepResult> {
  const routing = dep.routing ?? DEPLOYMENT_CONFIGS['CodeDeployDefault.LambdaAllAtOnce']!;
  for (const step of trafficSteps(routing)) {
    if (step.waitMs > 0 && !(await engine.scheduler.sleep(step.waitMs, dep.abort.signal))) return STOPPED;
    if (dep.abort.signal.aborted) return STOPPED;
    const alarm = activeAlarm(engine, dep);
    if (alarm) return alarm;
    apply(step.weight);
    emit(dep, {
      type: 'traffic',
      targetWeight: step.weight,
      listener: 'production',
      deploymentId: dep.deploymentId,
      at: new Date(engine.now()),
    });
  }
  return { ok: true };
}

/** Lambda AllowTraffic: moves `targetVersionWeight` and the simulated alias's routing. */
export function lambdaAllowTraffic(engine: EngineContext, dep: DeploymentRecord): Promise<StepResult> {
  const info = dep.target.lambda!;
  const fn = engine.state.lambdaFunction(info.functionName);
  return shift(engine, dep, (weight) => {
    info.targetVersionWeight = weight;
    fn.aliases.set(
      info.functionAlias,
      weight >= 100
        ? { version: info.targetVersion, additionalVersionWeights: {} }
        : { version: info.currentVersion, additionalVersionWeights: { [info.targetVersion]: weight / 100 } },
    );
    lifecycleChanged(dep, dep.target.lifecycleEvents.find((e) => e.status === 'InProgress')!, engine.now());
  });
}

/** The simulated ECS service a deployment targets (created with one Blue task set if new). */
export function ecsService(engine: EngineContext, dep: DeploymentRecord): SimulatedEcsService {
  const ecs = dep.target.ecs!;
  const key = `${ecs.cluster}:${ecs.service}`;
  let service = engine.state.ecsServices.get(key);
  if (!service) {
    service = {
      cluster: ecs.cluster,
      service: ecs.service,
      taskSets: [newTaskSet('Blue', ecs.targetGroups[0], 'original', 1, 100, 'PRIMARY', containerOf(dep))],
      targetGroups: ecs.targetGroups,
      productionTargetGroup: ecs.targetGroups[0],
      testTargetGroup: undefined,
    };
    engine.state.ecsServices.set(key, service);
  }
  return service;
}

/** The container the AppSpec routes traffic to (`LoadBalancerInfo`), when it names one. */
function containerOf(dep: DeploymentRecord): TaskSetState['container'] {
  if (dep.appSpec.kind !== 'ECS' || dep.appSpec.containerName === undefined) return undefined;
  return { name: dep.appSpec.containerName, port: dep.appSpec.containerPort ?? 80 };
}

/** A new task set. */
export function newTaskSet(
  label: 'Blue' | 'Green',
  targetGroup: string,
  taskDefinition: string,
  count: number,
  trafficWeight: number,
  status: TaskSetState['status'],
  container?: TaskSetState['container'],
): TaskSetState {
  return {
    ...(container && { container }),
    identifer: `ecs-svc/${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(1e9, 1e10 - 1))}`,
    desiredCount: count,
    pendingCount: 0,
    runningCount: count,
    status,
    trafficWeight,
    targetGroup,
    taskSetLabel: label,
    taskDefinition,
  };
}

const blueOf = (dep: DeploymentRecord) => dep.target.ecs!.taskSets.find((t) => t.taskSetLabel === 'Blue');
const greenOf = (dep: DeploymentRecord) => dep.target.ecs!.taskSets.find((t) => t.taskSetLabel === 'Green');

/** ECS Install: starts the replacement (Green) task set behind the other target group. */
export function ecsInstall(engine: EngineContext, dep: DeploymentRecord): StepResult {
  if (dep.creator === 'codeDeployRollback') return { ok: true };
  const service = ecsService(engine, dep);
  const ecs = dep.target.ecs!;
  const blue = blueOf(dep);
  if (!blue)
    return {
      ok: false,
      error: { code: 'ECS_UPDATE_ERROR', message: 'The ECS service has no original task set.' },
    };
  const greenGroup = ecs.targetGroups.find((g) => g !== blue.targetGroup) ?? ecs.targetGroups[1];
  const spec = dep.appSpec.kind === 'ECS' ? dep.appSpec.taskDefinition : 'replacement';
  const green = newTaskSet('Green', greenGroup, spec, blue.desiredCount, 0, 'ACTIVE', containerOf(dep));
  service.taskSets = [blue, green];
  ecs.taskSets.push(green);
  return { ok: true };
}

/** Snapshots the service's serving task set as this deployment's Blue (original) task set. */
export function ecsOriginal(engine: EngineContext, dep: DeploymentRecord): void {
  const service = ecsService(engine, dep);
  const primary = service.taskSets.find((t) => t.status === 'PRIMARY') ?? service.taskSets[0];
  if (!primary) return;
  const blue: TaskSetState = { ...primary, taskSetLabel: 'Blue' };
  service.taskSets = service.taskSets.map((t) => (t === primary ? blue : t));
  dep.target.ecs!.taskSets.push(blue);
}

/** ECS AllowTestTraffic: the test listener routes to the replacement. */
export function ecsAllowTestTraffic(engine: EngineContext, dep: DeploymentRecord): StepResult {
  const service = ecsService(engine, dep);
  const target = dep.creator === 'codeDeployRollback' ? blueOf(dep) : greenOf(dep);
  if (dep.target.ecs!.testListener && target) {
    service.testTargetGroup = target.targetGroup;
    emit(dep, {
      type: 'traffic',
      targetWeight: 100,
      listener: 'test',
      deploymentId: dep.deploymentId,
      at: new Date(engine.now()),
    });
  }
  return { ok: true };
}

/** ECS AllowTraffic: production traffic moves to the replacement per the config (back, for a rollback). */
export function ecsAllowTraffic(engine: EngineContext, dep: DeploymentRecord): Promise<StepResult> {
  const service = ecsService(engine, dep);
  const blue = blueOf(dep);
  const green = greenOf(dep);
  if (!blue || !green) return Promise.resolve({ ok: true });
  const rollback = dep.creator === 'codeDeployRollback';
  const [to, from] = rollback ? [blue, green] : [green, blue];
  return shift(engine, dep, (weight) => {
    to.trafficWeight = weight;
    from.trafficWeight = 100 - weight;
    if (weight >= 100) {
      to.status = 'PRIMARY';
      from.status = 'ACTIVE';
      service.productionTargetGroup = to.targetGroup;
    }
    lifecycleChanged(dep, dep.target.lifecycleEvents.find((e) => e.status === 'InProgress')!, engine.now());
  });
}

/** After success (or a rollback): the task set that no longer serves is drained and removed. */
export function ecsDrainOld(engine: EngineContext, dep: DeploymentRecord): void {
  const service = ecsService(engine, dep);
  const old = dep.creator === 'codeDeployRollback' ? greenOf(dep) : blueOf(dep);
  if (!old) return;
  old.status = 'DRAINING';
  old.desiredCount = 0;
  old.runningCount = 0;
  old.trafficWeight = 0;
  service.taskSets = service.taskSets.filter((t) => t.identifer !== old.identifer);
}
