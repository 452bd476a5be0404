import {
  type CodeDeployClient,
  ContinueDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { type InProcessHook, type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, eventually, report } from './helpers/sdk.js';

/** A hook that looks itself up as a real one would (ListDeploymentTargets + GetDeploymentTarget), then reports. */
function observingHook(
  client: CodeDeployClient,
  seen: unknown[],
  status: 'Succeeded' | 'Failed' = 'Succeeded',
): InProcessHook {
  return async (event) => {
    const { targetIds } = await client.send(
      new ListDeploymentTargetsCommand({ deploymentId: event.DeploymentId }),
    );
    const { deploymentTarget } = await client.send(
      new GetDeploymentTargetCommand({ deploymentId: event.DeploymentId, targetId: targetIds![0] }),
    );
    const ecs = deploymentTarget!.ecsTarget!;
    seen.push({
      event: ecs.lifecycleEvents!.find((e) => e.status === 'InProgress')?.lifecycleEventName,
      taskSets: ecs.taskSetsInfo!.map((t) => `${t.taskSetLabel}:${t.trafficWeight}:${t.targetGroup?.name}`),
    });
    await report(client, event, status);
  };
}

describe('ECS blue/green deployments', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('runs the five hooks in the real order with task sets moving between target groups', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const seen: unknown[] = [];
    const hook = observingHook(client, seen);
    const d = await local.deployEcs({
      cluster: 'prod',
      service: 'web',
      desiredCount: 3,
      targetGroups: ['web-blue', 'web-green'],
      hooks: {
        BeforeInstall: hook,
        AfterInstall: hook,
        AfterAllowTestTraffic: hook,
        BeforeAllowTraffic: hook,
        AfterAllowTraffic: hook,
      },
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(seen).toEqual([
      { event: 'BeforeInstall', taskSets: ['Blue:100:web-blue'] },
      { event: 'AfterInstall', taskSets: ['Blue:100:web-blue', 'Green:0:web-green'] },
      { event: 'AfterAllowTestTraffic', taskSets: ['Blue:100:web-blue', 'Green:0:web-green'] },
      { event: 'BeforeAllowTraffic', taskSets: ['Blue:100:web-blue', 'Green:0:web-green'] },
      { event: 'AfterAllowTraffic', taskSets: ['Blue:0:web-blue', 'Green:100:web-green'] },
    ]);
    expect(d.timeline.map((e) => `${e.lifecycleEvent}:${e.status}`)).toEqual([
      'BeforeInstall:Succeeded',
      'Install:Succeeded',
      'AfterInstall:Succeeded',
      'AllowTestTraffic:Succeeded',
      'AfterAllowTestTraffic:Succeeded',
      'BeforeAllowTraffic:Succeeded',
      'AllowTraffic:Succeeded',
      'AfterAllowTraffic:Succeeded',
    ]);
    const { deploymentTarget } = await client.send(
      new GetDeploymentTargetCommand({ deploymentId: d.deploymentId, targetId: 'prod:web' }),
    );
    expect(deploymentTarget?.deploymentTargetType).toBe('ECSTarget');
    expect(deploymentTarget?.ecsTarget?.targetArn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
    );
    const green = deploymentTarget?.ecsTarget?.taskSetsInfo?.find((t) => t.taskSetLabel === 'Green');
    expect(green).toMatchObject({ desiredCount: 3, runningCount: 3, status: 'PRIMARY', trafficWeight: 100 });
    expect(green?.identifer).toMatch(/^ecs-svc\/\d+$/);
    const service = local.state.ecsServices.get('prod:web')!;
    expect(service.productionTargetGroup).toBe('web-green');
    expect(service.testTargetGroup).toBe('web-green');
    expect(service.taskSets.map((t) => t.taskSetLabel)).toEqual(['Green']);
    const listeners = d.history.flatMap((e) =>
      e.type === 'traffic' ? [`${e.listener}:${e.targetWeight}`] : [],
    );
    expect(listeners).toEqual(['test:100', 'production:100']);
    client.destroy();
  });

  it('alternates target groups on the next deployment of the same service', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const first = await local.deployEcs({ cluster: 'c', service: 's' });
    await first.done;
    const second = await local.deployEcs({ cluster: 'c', service: 's', taskDefinition: 'web:3' });
    expect((await second.done).status).toBe('Succeeded');
    expect(local.state.ecsServices.get('c:s')?.productionTargetGroup).toBe('blue-tg');
    expect(local.state.ecsServices.get('c:s')?.taskSets[0]).toMatchObject({
      taskDefinition: 'web:3',
      taskSetLabel: 'Green',
    });
  });

  it('moves production traffic in canary steps', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0005 });
    const d = await local.deployEcs({
      cluster: 'c',
      service: 's',
      config: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    expect((await d.done).status).toBe('Succeeded');
    const production = d.history.flatMap((e) =>
      e.type === 'traffic' && e.listener === 'production' ? [e.targetWeight] : [],
    );
    expect(production).toEqual([10, 100]);
  });

  it('rolls back after AfterAllowTestTraffic fails: Blue serves again and Green drains', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployEcs({
      cluster: 'c',
      service: 's',
      autoRollback: true,
      hooks: { AfterAllowTestTraffic: (event) => report(client, event, 'Failed') },
    });
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    const service = local.state.ecsServices.get('c:s')!;
    expect(service.productionTargetGroup).toBe('blue-tg');
    expect(service.taskSets.map((t) => `${t.taskSetLabel}:${t.status}:${t.trafficWeight}`)).toEqual([
      'Blue:PRIMARY:100',
    ]);
    const rollback = local.deployment(outcome.rollbackDeploymentId!)!;
    // The rollback runs no hook: every event succeeds, the ones without a hook at once (as AWS shows them).
    expect(rollback.timeline.map((e) => [e.lifecycleEvent, e.status, e.hookFunction])).toEqual([
      ['BeforeInstall', 'Succeeded', undefined],
      ['Install', 'Succeeded', undefined],
      ['AfterInstall', 'Succeeded', undefined],
      ['AllowTestTraffic', 'Succeeded', undefined],
      ['AfterAllowTestTraffic', 'Succeeded', undefined],
      ['BeforeAllowTraffic', 'Succeeded', undefined],
      ['AllowTraffic', 'Succeeded', undefined],
      ['AfterAllowTraffic', 'Succeeded', undefined],
    ]);
    client.destroy();
  });

  it('does not roll back when BeforeInstall fails (nothing was installed)', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployEcs({
      cluster: 'c',
      service: 's',
      autoRollback: true,
      hooks: { BeforeInstall: (event) => report(client, event, 'Failed') },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toBeUndefined();
    expect(d.timeline.map((e) => e.status)).toEqual(['Failed', ...Array(7).fill('Skipped')]);
    client.destroy();
  });

  it('waits in Ready until ContinueDeployment, then reroutes production traffic', async () => {
    local = await startLocalCodeDeploy({ timeScale: 1 });
    const client = clientFor(local);
    const d = await local.deployEcs({ cluster: 'c', service: 's', readyWait: { minutes: 60 } });
    await eventually(() => d.history.some((e) => e.type === 'status' && e.status === 'Ready'));
    expect(local.state.ecsServices.get('c:s')?.productionTargetGroup).toBe('blue-tg');
    await client.send(
      new ContinueDeploymentCommand({ deploymentId: d.deploymentId, deploymentWaitType: 'READY_WAIT' }),
    );
    expect((await d.done).status).toBe('Succeeded');
    expect(local.state.ecsServices.get('c:s')?.productionTargetGroup).toBe('green-tg');
    client.destroy();
  });

  it('stops when nobody continues within the ready wait time', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001 });
    const d = await local.deployEcs({ cluster: 'c', service: 's', readyWait: { minutes: 10 } });
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Stopped', errorInformation: { code: 'TIMEOUT' } });
  });
});

describe('ECS termination wait', () => {
  it('keeps the original task set until the termination wait ends or ContinueDeployment(TERMINATION_WAIT)', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 1 });
    const client = clientFor(local);
    try {
      const d = await local.deployEcs({ cluster: 'c', service: 's', terminationWaitMinutes: 60 });
      await eventually(() => d.timeline.every((e) => e.status !== 'Pending' && e.status !== 'InProgress'));
      expect(local.state.ecsServices.get('c:s')?.taskSets.map((t) => t.taskSetLabel)).toEqual([
        'Blue',
        'Green',
      ]);
      await client.send(
        new ContinueDeploymentCommand({
          deploymentId: d.deploymentId,
          deploymentWaitType: 'TERMINATION_WAIT',
        }),
      );
      expect((await d.done).status).toBe('Succeeded');
      expect(local.state.ecsServices.get('c:s')?.taskSets.map((t) => t.taskSetLabel)).toEqual(['Green']);
    } finally {
      client.destroy();
      await local.close();
    }
  });
});
