import {
  type CodeDeployClient,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  type CreateDeploymentConfigCommandInput,
  DeleteDeploymentConfigCommand,
  GetDeploymentConfigCommand,
  ListDeploymentConfigsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  DEPLOYMENT_CONFIGS,
  type DeploymentHandle,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor } from './helpers/sdk.js';
import { ecsGroup, ecsRevision, lambdaGroup } from './helpers/wire-setup.js';

const SERVER_CONFIGS = [
  'CodeDeployDefault.OneAtATime',
  'CodeDeployDefault.HalfAtATime',
  'CodeDeployDefault.AllAtOnce',
];

/** The traffic steps a deployment took: [weight, ms since the first step]. */
function steps(d: DeploymentHandle): [number, number][] {
  const traffic = d.history.filter((e) => e.type === 'traffic' && e.listener === 'production');
  const first = traffic[0]?.at.getTime() ?? 0;
  return traffic.map((e) => [e.type === 'traffic' ? e.targetWeight : -1, e.at.getTime() - first]);
}

describe('deployment configurations', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 }); // a minute: 60 ms
    client = clientFor(local, { maxAttempts: 1 });
  });
  afterEach(async () => {
    client.destroy();
    await local.close();
  });

  const createConfig = (input: Partial<CreateDeploymentConfigCommandInput>) =>
    client.send(new CreateDeploymentConfigCommand({ deploymentConfigName: 'custom', ...input }));

  it('lists the predefined configurations, reads them, and refuses to delete them', async () => {
    const { deploymentConfigsList, nextToken } = await client.send(new ListDeploymentConfigsCommand({}));
    expect(deploymentConfigsList).toEqual([...SERVER_CONFIGS, ...Object.keys(DEPLOYMENT_CONFIGS)]);
    expect(nextToken).toBeUndefined();
    const canary = await client.send(
      new GetDeploymentConfigCommand({
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      }),
    );
    expect(canary.deploymentConfigInfo).toEqual({
      deploymentConfigId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      createTime: expect.any(Date),
      computePlatform: 'Lambda',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
      },
    });
    const half = await client.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.HalfAtATime' }),
    );
    expect(half.deploymentConfigInfo).toMatchObject({
      computePlatform: 'Server',
      minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 },
    });
    // The model documents that OneAtATime answers MOST_CONCURRENCY, a type callers cannot set.
    const one = await client.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.OneAtATime' }),
    );
    expect(one.deploymentConfigInfo?.minimumHealthyHosts).toEqual({ type: 'MOST_CONCURRENCY', value: 1 });
    await expectAwsError(
      client.send(
        new DeleteDeploymentConfigCommand({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' }),
      ),
      'InvalidOperationException',
    );
    await expectAwsError(
      client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'Nope' })),
      'DeploymentConfigDoesNotExistException',
    );
  });

  it('runs a custom Lambda canary: 20 % first, the rest after a (scaled) minute', async () => {
    const { deploymentConfigId } = await createConfig({
      deploymentConfigName: 'Canary20Percent1Minute',
      computePlatform: 'Lambda',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 20, canaryInterval: 1 },
      },
    });
    expect(deploymentConfigId).toMatch(/^[0-9a-f-]{36}$/);
    await lambdaGroup(client, 'app', 'group', { deploymentConfigName: 'Canary20Percent1Minute' });
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision(),
      }),
    );
    const d = local.deployment(deploymentId!)!;
    expect((await d.done).status).toBe('Succeeded');
    const taken = steps(d);
    expect(taken.map(([w]) => w)).toEqual([20, 100]);
    expect(taken[1]![1]).toBeGreaterThanOrEqual(55);
    expect(local.state.lambdaFunctions.get('fn')?.aliases.get('live')?.version).toBe('2');
  });

  it('runs a custom ECS linear configuration and a custom all-at-once one', async () => {
    await createConfig({
      deploymentConfigName: 'Linear25PercentEvery1Minute',
      computePlatform: 'ECS',
      trafficRoutingConfig: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 25, linearInterval: 1 },
      },
    });
    await createConfig({
      deploymentConfigName: 'EcsAllAtOnce',
      computePlatform: 'ECS',
      trafficRoutingConfig: { type: 'AllAtOnce' },
    });
    await ecsGroup(client, 'web', 'group', {
      extra: { deploymentConfigName: 'Linear25PercentEvery1Minute' },
    });
    const deploy = async (deploymentConfigName?: string) => {
      const { deploymentId } = await client.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'group',
          revision: ecsRevision(),
          deploymentConfigName,
        }),
      );
      const d = local.deployment(deploymentId!)!;
      expect((await d.done).status).toBe('Succeeded');
      return steps(d);
    };
    const linear = await deploy();
    expect(linear.map(([w]) => w)).toEqual([25, 50, 75, 100]);
    expect(linear[3]![1]).toBeGreaterThanOrEqual(3 * 55);
    expect((await deploy('EcsAllAtOnce')).map(([w]) => w)).toEqual([100]);
  });

  it('validates custom configurations as CodeDeploy does', async () => {
    const lambda = (trafficRoutingConfig: object, extra: object = {}) =>
      createConfig({ computePlatform: 'Lambda', trafficRoutingConfig, ...extra });
    for (const bad of [
      { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 100, canaryInterval: 1 } },
      { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 0 } },
      { type: 'TimeBasedLinear', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 1 } },
      { type: 'AllAtOnce', timeBasedLinear: { linearPercentage: 10, linearInterval: 1 } },
    ]) {
      await expectAwsError(lambda(bad), 'InvalidTrafficRoutingConfigurationException');
    }
    await expectAwsError(lambda({ type: 'Sideways' }), 'InvalidTrafficRoutingConfigurationException');
    await expectAwsError(
      lambda({ type: 'AllAtOnce' }, { minimumHealthyHosts: { type: 'HOST_COUNT', value: 1 } }),
      'InvalidMinimumHealthyHostValueException',
    );
    await expectAwsError(
      lambda({ type: 'AllAtOnce' }, { zonalConfig: {} }),
      'InvalidZonalDeploymentConfigurationException',
    );
    await expectAwsError(createConfig({}), 'InvalidMinimumHealthyHostValueException');
    await expectAwsError(
      createConfig({ minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 100 } }),
      'InvalidMinimumHealthyHostValueException',
    );
    await expectAwsError(
      createConfig({ deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce', computePlatform: 'Lambda' }),
      'DeploymentConfigAlreadyExistsException',
    );
    await createConfig({ minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 75 } });
    await expectAwsError(
      createConfig({ minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 75 } }),
      'DeploymentConfigAlreadyExistsException',
    );
    expect(
      (await client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'custom' })))
        .deploymentConfigInfo,
    ).toMatchObject({
      deploymentConfigName: 'custom',
      computePlatform: 'Server',
      minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 75 },
    });
  });

  it('refuses to delete a configuration a group uses, deletes it once unused, and tags custom ones only', async () => {
    await createConfig({
      deploymentConfigName: 'Linear',
      computePlatform: 'Lambda',
      trafficRoutingConfig: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 50, linearInterval: 1 },
      },
    });
    const arn = 'arn:aws:codedeploy:us-east-1:123456789012:deploymentconfig:Linear';
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'owner', Value: 'team' }] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'owner', Value: 'team' },
    ]);
    await expectAwsError(
      client.send(
        new TagResourceCommand({
          ResourceArn:
            'arn:aws:codedeploy:us-east-1:123456789012:deploymentconfig:CodeDeployDefault.LambdaAllAtOnce',
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
      'ArnNotSupportedException',
    );
    await lambdaGroup(client, 'app', 'group', { deploymentConfigName: 'Linear' });
    await expectAwsError(
      client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'Linear' })),
      'DeploymentConfigInUseException',
    );
    await client.send(
      new UpdateDeploymentGroupCommand({
        applicationName: 'app',
        currentDeploymentGroupName: 'group',
        deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
      }),
    );
    await client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'Linear' }));
    await client.send(new DeleteDeploymentConfigCommand({ deploymentConfigName: 'Linear' }));
    await expectAwsError(
      client.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'Linear' })),
      'DeploymentConfigDoesNotExistException',
    );
    expect((await client.send(new ListDeploymentConfigsCommand({}))).deploymentConfigsList).not.toContain(
      'Linear',
    );
  });
});
