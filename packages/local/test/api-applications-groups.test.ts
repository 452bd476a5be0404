import {
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeleteApplicationCommand,
  DeleteDeploymentGroupCommand,
  GetApplicationCommand,
  GetDeploymentGroupCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  ListTagsForResourceCommand,
  UpdateApplicationCommand,
  UpdateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor } from './helpers/sdk.js';
import { ecsGroup, lambdaGroup, ROLE } from './helpers/wire-setup.js';

const ARN = 'arn:aws:codedeploy:us-east-1:123456789012';

describe('applications and deployment groups: create, read, update, delete', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
  });
  afterEach(async () => {
    client.destroy();
    await local.close();
  });

  it('GetApplication and BatchGetApplications show an application as AWS does; unknown names are errors', async () => {
    const { applicationId } = await client.send(
      new CreateApplicationCommand({
        applicationName: 'shop',
        computePlatform: 'ECS',
        tags: [{ Key: 'team', Value: 'web' }],
      }),
    );
    await client.send(new CreateApplicationCommand({ applicationName: 'server-app' }));
    const { application } = await client.send(new GetApplicationCommand({ applicationName: 'shop' }));
    expect(application).toEqual({
      applicationId,
      applicationName: 'shop',
      createTime: expect.any(Date),
      linkedToGitHub: false,
      computePlatform: 'ECS',
    });
    const batch = await client.send(
      new BatchGetApplicationsCommand({ applicationNames: ['shop', 'server-app'] }),
    );
    expect(batch.applicationsInfo?.map((a) => [a.applicationName, a.computePlatform])).toEqual([
      ['shop', 'ECS'],
      ['server-app', 'Server'],
    ]);
    await expectAwsError(
      client.send(new BatchGetApplicationsCommand({ applicationNames: ['shop', 'nope'] })),
      'ApplicationDoesNotExistException',
    );
    await expectAwsError(
      client.send(
        new BatchGetApplicationsCommand({ applicationNames: Array.from({ length: 101 }, (_, i) => `a${i}`) }),
      ),
      'BatchLimitExceededException',
    );
    await expectAwsError(
      client.send(new GetApplicationCommand({ applicationName: 'nope' })),
      'ApplicationDoesNotExistException',
    );
    const tags = await client.send(
      new ListTagsForResourceCommand({ ResourceArn: `${ARN}:application:shop` }),
    );
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
  });

  it('ListApplications pages 100 at a time with a nextToken, the last page without one', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `app-${String(i).padStart(3, '0')}`);
    for (const applicationName of names) await client.send(new CreateApplicationCommand({ applicationName }));
    const first = await client.send(new ListApplicationsCommand({}));
    expect(first.applications).toHaveLength(100);
    expect(typeof first.nextToken).toBe('string');
    const second = await client.send(new ListApplicationsCommand({ nextToken: first.nextToken }));
    expect(second).toMatchObject({ applications: ['app-100'] });
    expect(second.nextToken).toBeUndefined();
    expect([...first.applications!, ...second.applications!]).toEqual(names);
    await expectAwsError(
      client.send(new ListApplicationsCommand({ nextToken: 'bm90IGEgdG9rZW4=' })),
      'InvalidNextTokenException',
    );
    // A token belongs to the list that issued it.
    await expectAwsError(
      client.send(
        new ListDeploymentGroupsCommand({ applicationName: 'app-000', nextToken: first.nextToken }),
      ),
      'InvalidNextTokenException',
    );
  });

  it('UpdateApplication renames an application with its groups and tags; DeleteApplication removes it (twice is fine)', async () => {
    await lambdaGroup(client, 'old', 'group', { tags: [{ Key: 'k', Value: 'v' }] });
    await client.send(new CreateApplicationCommand({ applicationName: 'taken' }));
    await expectAwsError(
      client.send(new UpdateApplicationCommand({ applicationName: 'old', newApplicationName: 'taken' })),
      'ApplicationAlreadyExistsException',
    );
    await expectAwsError(
      client.send(new UpdateApplicationCommand({ applicationName: 'nope', newApplicationName: 'x' })),
      'ApplicationDoesNotExistException',
    );
    await expectAwsError(client.send(new UpdateApplicationCommand({})), 'ApplicationNameRequiredException');
    await client.send(new UpdateApplicationCommand({ applicationName: 'old', newApplicationName: 'new' }));
    await expectAwsError(
      client.send(new GetApplicationCommand({ applicationName: 'old' })),
      'ApplicationDoesNotExistException',
    );
    const group = await client.send(
      new GetDeploymentGroupCommand({ applicationName: 'new', deploymentGroupName: 'group' }),
    );
    expect(group.deploymentGroupInfo?.applicationName).toBe('new');
    const tags = await client.send(
      new ListTagsForResourceCommand({ ResourceArn: `${ARN}:deploymentgroup:new/group` }),
    );
    expect(tags.Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    await client.send(new DeleteApplicationCommand({ applicationName: 'new' }));
    await client.send(new DeleteApplicationCommand({ applicationName: 'new' }));
    expect((await client.send(new ListApplicationsCommand({}))).applications).toEqual(['taken']);
    expect(
      (await client.send(new ListTagsForResourceCommand({ ResourceArn: `${ARN}:deploymentgroup:new/group` })))
        .Tags,
    ).toEqual([]);
  });

  it('BatchGetDeploymentGroups and ListDeploymentGroups show the groups, with errorMessage for missing names', async () => {
    await lambdaGroup(client, 'app', 'b-group');
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'a-group',
        serviceRoleArn: ROLE,
      }),
    );
    const listed = await client.send(new ListDeploymentGroupsCommand({ applicationName: 'app' }));
    expect(listed).toMatchObject({ applicationName: 'app', deploymentGroups: ['a-group', 'b-group'] });
    expect(listed.nextToken).toBeUndefined();
    const batch = await client.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: 'app',
        deploymentGroupNames: ['b-group', 'missing'],
      }),
    );
    expect(batch.deploymentGroupsInfo?.map((g) => g.deploymentGroupName)).toEqual(['b-group']);
    expect(batch.errorMessage).toContain('missing');
    expect(batch.deploymentGroupsInfo?.[0]).toMatchObject({
      deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      ec2TagFilters: [],
      onPremisesInstanceTagFilters: [],
      autoScalingGroups: [],
      triggerConfigurations: [],
      computePlatform: 'Lambda',
    });
    await expectAwsError(
      client.send(new ListDeploymentGroupsCommand({ applicationName: 'nope' })),
      'ApplicationDoesNotExistException',
    );
  });

  it('UpdateDeploymentGroup changes the configuration and renames; the next deployment uses them', async () => {
    await lambdaGroup(client, 'app', 'group');
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'other',
        serviceRoleArn: ROLE,
      }),
    );
    await expectAwsError(
      client.send(
        new UpdateDeploymentGroupCommand({
          applicationName: 'app',
          currentDeploymentGroupName: 'group',
          newDeploymentGroupName: 'other',
        }),
      ),
      'DeploymentGroupAlreadyExistsException',
    );
    await expectAwsError(
      client.send(
        new UpdateDeploymentGroupCommand({
          applicationName: 'app',
          currentDeploymentGroupName: 'group',
          deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
        }),
      ),
      'DeploymentConfigDoesNotExistException',
    );
    await expectAwsError(
      client.send(
        new UpdateDeploymentGroupCommand({ applicationName: 'app', currentDeploymentGroupName: 'nope' }),
      ),
      'DeploymentGroupDoesNotExistException',
    );
    const out = await client.send(
      new UpdateDeploymentGroupCommand({
        applicationName: 'app',
        currentDeploymentGroupName: 'group',
        newDeploymentGroupName: 'renamed',
        deploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      }),
    );
    expect(out.hooksNotCleanedUp).toEqual([]);
    await expectAwsError(
      client.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'group' })),
      'DeploymentGroupDoesNotExistException',
    );
    const info = (
      await client.send(
        new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'renamed' }),
      )
    ).deploymentGroupInfo;
    expect(info).toMatchObject({
      deploymentGroupName: 'renamed',
      deploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      serviceRoleArn: ROLE,
    });
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'renamed',
        revision: lambdaRevision(),
      }),
    );
    await local.deployment(deploymentId!)!.done;
    const after = (
      await client.send(
        new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'renamed' }),
      )
    ).deploymentGroupInfo;
    expect(after?.lastSuccessfulDeployment?.deploymentId).toBe(deploymentId);
    expect(after?.targetRevision?.revisionType).toBe('AppSpecContent');
    expect(local.deployment(deploymentId!)!.history.filter((e) => e.type === 'traffic')).toHaveLength(10);
  });

  it('DeleteDeploymentGroup removes a group (an unknown one is no error); the model validation still applies', async () => {
    await lambdaGroup(client, 'app', 'group');
    expect(
      (
        await client.send(
          new DeleteDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
        )
      ).hooksNotCleanedUp,
    ).toEqual([]);
    await client.send(
      new DeleteDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
    );
    await client.send(
      new DeleteDeploymentGroupCommand({ applicationName: 'nope', deploymentGroupName: 'group' }),
    );
    expect(
      (await client.send(new ListDeploymentGroupsCommand({ applicationName: 'app' }))).deploymentGroups,
    ).toEqual([]);
    await expectAwsError(
      client.send(
        new DeleteDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'x'.repeat(101) }),
      ),
      'InvalidDeploymentGroupNameException',
    );
  });

  it('validates groups by compute platform: one group per ECS service, tag sets, traffic control, alarms', async () => {
    await ecsGroup(client, 'web', 'one', { service: 'svc' });
    await expectAwsError(
      client.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'web',
          deploymentGroupName: 'two',
          serviceRoleArn: ROLE,
          ecsServices: [{ clusterName: 'prod', serviceName: 'svc' }],
          deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
          loadBalancerInfo: {
            targetGroupPairInfoList: [
              {
                targetGroups: [{ name: 'a' }, { name: 'b' }],
                prodTrafficRoute: { listenerArns: ['arn:aws:x'] },
              },
            ],
          },
        }),
      ),
      'ECSServiceMappingLimitExceededException',
    );
    await client.send(
      new CreateApplicationCommand({ applicationName: 'servers', computePlatform: 'Server' }),
    );
    const server = (input: Record<string, unknown>) =>
      client.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'servers',
          deploymentGroupName: 'g',
          serviceRoleArn: ROLE,
          ...input,
        }),
      );
    await expectAwsError(
      server({
        ec2TagFilters: [{ Key: 'a', Value: 'b', Type: 'KEY_AND_VALUE' }],
        ec2TagSet: { ec2TagSetList: [] },
      }),
      'InvalidEC2TagCombinationException',
    );
    await expectAwsError(
      server({ deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITH_TRAFFIC_CONTROL' } }),
      'InvalidLoadBalancerInfoException',
    );
    await expectAwsError(
      server({ alarmConfiguration: { enabled: true, alarms: [] } }),
      'InvalidAlarmConfigException',
    );
    await expectAwsError(
      server({ triggerConfigurations: [{ triggerName: 't' }] }),
      'InvalidTriggerConfigException',
    );
    await expectAwsError(
      server({ ec2TagFilters: [{ Key: 'a', Type: 'NOPE' as never }] }),
      'InvalidEC2TagException',
    );
    await server({ ec2TagFilters: [{ Key: 'Name', Value: 'web', Type: 'KEY_AND_VALUE' }] });
    const info = (
      await client.send(
        new GetDeploymentGroupCommand({ applicationName: 'servers', deploymentGroupName: 'g' }),
      )
    ).deploymentGroupInfo;
    expect(info).toMatchObject({
      deploymentConfigName: 'CodeDeployDefault.OneAtATime',
      deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
      ec2TagFilters: [{ Key: 'Name', Value: 'web', Type: 'KEY_AND_VALUE' }],
      computePlatform: 'Server',
    });
  });
});
