import path from 'node:path';
import { GetDeploymentCommand, GetDeploymentTargetCommand } from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, reportingHook } from './helpers/sdk.js';

describe('Lambda deployments', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('runs an all-at-once deployment: BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic, then Succeeded', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'checkout',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: reportingHook(client), AfterAllowTraffic: reportingHook(client) },
    });
    const outcome = await d.done;
    expect(outcome).toEqual({ status: 'Succeeded' });
    expect(d.timeline.map((e) => [e.lifecycleEvent, e.status])).toEqual([
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Succeeded'],
    ]);
    const { deploymentInfo } = await client.send(new GetDeploymentCommand({ deploymentId: d.deploymentId }));
    expect(deploymentInfo?.status).toBe('Succeeded');
    expect(deploymentInfo?.computePlatform).toBe('Lambda');
    expect(deploymentInfo?.createTime).toBeInstanceOf(Date);
    const { deploymentTarget } = await client.send(
      new GetDeploymentTargetCommand({ deploymentId: d.deploymentId, targetId: 'checkout' }),
    );
    expect(deploymentTarget?.lambdaTarget?.lambdaFunctionInfo).toEqual({
      functionName: 'checkout',
      functionAlias: 'live',
      currentVersion: '1',
      targetVersion: '2',
      targetVersionWeight: 100,
    });
    expect(local.state.lambdaFunctions.get('checkout')?.aliases.get('live')).toEqual({
      version: '2',
      additionalVersionWeights: {},
    });
    expect(local.reports.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    client.destroy();
  });
});

describe('Lambda traffic shifting, rollback and live events', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('moves targetVersionWeight 10 → 100 for a canary, visible in GetDeploymentTarget while it waits', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.002 }); // 5 minutes → 600 ms
    const client = clientFor(local);
    const seenInHook: unknown[] = [];
    const d = await local.deployLambda({
      functionName: 'pay',
      currentVersion: '7',
      targetVersion: '8',
      config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      hooks: {
        BeforeAllowTraffic: async (event) => {
          const { deploymentTarget } = await client.send(
            new GetDeploymentTargetCommand({ deploymentId: event.DeploymentId, targetId: 'pay' }),
          );
          const inProgress = deploymentTarget?.lambdaTarget?.lifecycleEvents?.find(
            (e) => e.status === 'InProgress',
          );
          seenInHook.push(
            inProgress?.lifecycleEventName,
            deploymentTarget?.lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight,
          );
          await reportingHook(client)(event, undefined as never);
        },
        AfterAllowTraffic: reportingHook(client),
      },
    });
    // While the canary waits at 10%, GetDeploymentTarget and the simulated alias show it.
    const atCanary = new Promise<unknown[]>((resolve) => {
      d.on('event', (ev) => {
        if (ev.type !== 'traffic' || ev.targetWeight !== 10) return;
        const alias = structuredClone(local.state.lambdaFunctions.get('pay')?.aliases.get('live'));
        void client
          .send(new GetDeploymentTargetCommand({ deploymentId: d.deploymentId, targetId: 'pay' }))
          .then((out) =>
            resolve([out.deploymentTarget?.lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight, alias]),
          );
      });
    });
    expect(await atCanary).toEqual([10, { version: '7', additionalVersionWeights: { '8': 0.1 } }]);
    expect((await d.done).status).toBe('Succeeded');
    expect(seenInHook).toEqual(['BeforeAllowTraffic', 0]);
    const traffic = d.history.flatMap((e) => (e.type === 'traffic' ? [e.targetWeight] : []));
    expect(traffic).toEqual([10, 100]);
    const allow = d.timeline[1]!;
    expect(allow.endTime!.getTime() - allow.startTime!.getTime()).toBeGreaterThanOrEqual(590);
    client.destroy();
  });

  it('moves traffic in 10% steps for a linear config', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0002 }); // 1 minute → 12 ms
    const d = await local.deployLambda({
      functionName: 'pay',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    });
    expect((await d.done).status).toBe('Succeeded');
    const traffic = d.history.flatMap((e) => (e.type === 'traffic' ? [e.targetWeight] : []));
    expect(traffic).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const allow = d.timeline[1]!;
    expect(allow.endTime!.getTime() - allow.startTime!.getTime()).toBeGreaterThanOrEqual(9 * 12 - 5);
  });

  it('rolls back with a new deployment (creator codeDeployRollback, rollbackInfo on both) when a hook fails', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'pay',
      currentVersion: '1',
      targetVersion: '2',
      autoRollback: true,
      hooks: {
        BeforeAllowTraffic: reportingHook(client),
        AfterAllowTraffic: reportingHook(client, 'Failed'),
      },
    });
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(outcome.rollbackDeploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(outcome.rollbackDeploymentId).not.toBe(d.deploymentId);
    const failed = (await client.send(new GetDeploymentCommand({ deploymentId: d.deploymentId })))
      .deploymentInfo!;
    const rollback = (
      await client.send(new GetDeploymentCommand({ deploymentId: outcome.rollbackDeploymentId! }))
    ).deploymentInfo!;
    expect(failed.status).toBe('Failed');
    expect(failed.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    expect(failed.rollbackInfo?.rollbackDeploymentId).toBe(rollback.deploymentId);
    expect(rollback.creator).toBe('codeDeployRollback');
    expect(rollback.rollbackInfo?.rollbackTriggeringDeploymentId).toBe(d.deploymentId);
    expect(rollback.status).toBe('Succeeded');
    expect(local.state.lambdaFunctions.get('pay')?.aliases.get('live')?.version).toBe('1');
    expect(local.deployment(rollback.deploymentId!)?.timeline.map((e) => e.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
    client.destroy();
  });

  it('stops a canary when a watched alarm goes into ALARM, and rolls back', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 });
    const d = await local.deployLambda({
      functionName: 'pay',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      alarms: ['pay-errors'],
      autoRollback: true,
    });
    d.on('event', (ev) => {
      if (ev.type === 'traffic' && ev.targetWeight === 10) local.setAlarmState('pay-errors', 'ALARM');
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Stopped');
    expect(outcome.errorInformation?.code).toBe('ALARM_ACTIVE');
    expect(outcome.rollbackStatus).toBe('Succeeded');
    expect(local.state.lambdaFunctions.get('pay')?.aliases.get('live')?.version).toBe('1');
  });

  it('stops on StopDeployment during a canary, and streams every change through events()', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.01 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'pay',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaCanary10Percent30Minutes',
    });
    const seen: string[] = [];
    for await (const ev of d.events()) {
      seen.push(
        ev.type === 'lifecycle'
          ? `${ev.entry.lifecycleEvent}:${ev.entry.status}`
          : ev.type === 'status'
            ? `status:${ev.status}`
            : ev.type,
      );
      if (ev.type === 'traffic') {
        const { StopDeploymentCommand } = await import('@aws-sdk/client-codedeploy');
        const stopped = await client.send(new StopDeploymentCommand({ deploymentId: d.deploymentId }));
        expect(stopped.status).toBe('Succeeded');
      }
    }
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Stopped', errorInformation: { code: 'MANUAL_STOP' } });
    expect(seen).toEqual([
      'status:Created',
      'status:InProgress',
      'BeforeAllowTraffic:Succeeded',
      'AllowTraffic:InProgress',
      'AllowTraffic:InProgress',
      'traffic',
      'AfterAllowTraffic:Skipped',
      'status:Stopped',
      'AllowTraffic:Failed',
      'outcome',
    ]);
    client.destroy();
  });
});

describe('done and close', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it("resolves done only once a { module } hook's process has exited, so closing then cuts nothing short", async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const d = await local.deployLambda({
      functionName: 'linger',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: {
          module: path.resolve('packages/local/test/fixtures/api-report-then-linger.mjs'),
          env: { LINGER_MS: '400' },
        },
      },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Succeeded');
    const invocations = () =>
      d.history.flatMap((e) =>
        e.type === 'invocation' ? [`${e.result}${e.error ? `: ${e.error}` : ''}`] : [],
      );
    // The report moved the deployment on while the process lingered; done waited for the process to end.
    expect(invocations()).toEqual(['started', 'returned']);
    await local.close();
    expect(invocations()).toEqual(['started', 'returned']);
    expect(d.timeline[0]?.hookReason).toBeUndefined();
  }, 30_000);
});
