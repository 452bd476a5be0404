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
