import {
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetApplicationRevisionCommand,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
} from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor, report } from './helpers/sdk.js';

const ROLE = 'arn:aws:iam::123456789012:role/CodeDeployServiceRole';

describe('application, group, revision and CreateDeployment operations through @aws-sdk/client-codedeploy', () => {
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

  async function lambdaApp(app = 'app', group = 'group') {
    await client.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'Lambda' }));
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: app,
        deploymentGroupName: group,
        serviceRoleArn: ROLE,
      }),
    );
  }

  it('CreateApplication, CreateDeploymentGroup and GetDeploymentGroup, with their errors', async () => {
    const { applicationId } = await client.send(
      new CreateApplicationCommand({ applicationName: 'app', computePlatform: 'Lambda' }),
    );
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
    await expectAwsError(
      client.send(new CreateApplicationCommand({ applicationName: 'app' })),
      'ApplicationAlreadyExistsException',
    );
    await expectAwsError(
      client.send(new CreateApplicationCommand({ applicationName: '' })),
      'InvalidApplicationNameException',
    );
    await expectAwsError(
      client.send(
        new CreateApplicationCommand({ applicationName: 'x', computePlatform: 'Mainframe' as never }),
      ),
      'InvalidComputePlatformException',
    );
    await expectAwsError(
      client.send(new CreateApplicationCommand({} as never)),
      'ApplicationNameRequiredException',
    );

    const { deploymentGroupId } = await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        serviceRoleArn: ROLE,
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      }),
    );
    expect(deploymentGroupId).toMatch(/^[0-9a-f-]{36}$/);
    const group = (
      await client.send(
        new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
      )
    ).deploymentGroupInfo;
    expect(group).toMatchObject({
      applicationName: 'app',
      deploymentGroupName: 'group',
      deploymentGroupId,
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      serviceRoleArn: ROLE,
      computePlatform: 'Lambda',
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
    });
    const create = (input: Record<string, unknown>) =>
      client.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'app',
          deploymentGroupName: 'g2',
          serviceRoleArn: ROLE,
          ...input,
        }),
      );
    await expectAwsError(create({ deploymentGroupName: 'group' }), 'DeploymentGroupAlreadyExistsException');
    await expectAwsError(create({ applicationName: 'nope' }), 'ApplicationDoesNotExistException');
    await expectAwsError(
      create({ deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce' }),
      'DeploymentConfigDoesNotExistException',
    );
    await expectAwsError(create({ serviceRoleArn: undefined }), 'RoleRequiredException');
    await expectAwsError(create({ serviceRoleArn: 'not-an-arn' }), 'InvalidRoleException');
    await expectAwsError(
      create({ deploymentGroupName: 'x'.repeat(101) }),
      'InvalidDeploymentGroupNameException',
    );
    await client.send(new CreateApplicationCommand({ applicationName: 'ecs', computePlatform: 'ECS' }));
    await expectAwsError(create({ applicationName: 'ecs' }), 'InvalidECSServiceException');
    await expectAwsError(
      client.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'missing' })),
      'DeploymentGroupDoesNotExistException',
    );
    await expectAwsError(
      client.send(
        new GetDeploymentGroupCommand({ applicationName: 'missing', deploymentGroupName: 'group' }),
      ),
      'ApplicationDoesNotExistException',
    );
  });

  it('CreateDeployment runs an AppSpec whose hooks are registered functions; GetDeployment shows it', async () => {
    await lambdaApp();
    local.registerFunction('CodeDeployHook_pre', (event) => report(client, event, 'Succeeded'));
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_pre' }]),
        description: 'from the SDK',
      }),
    );
    expect(deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    const outcome = await local.deployment(deploymentId!)!.done;
    expect(outcome.status).toBe('Succeeded');
    const info = (await client.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;
    expect(info).toMatchObject({
      applicationName: 'app',
      deploymentGroupName: 'group',
      deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
      status: 'Succeeded',
      creator: 'user',
      description: 'from the SDK',
      computePlatform: 'Lambda',
      deploymentOverview: { Succeeded: 1, Failed: 0 },
      revision: { revisionType: 'AppSpecContent' },
    });
    expect(info.completeTime!.getTime()).toBeGreaterThanOrEqual(info.createTime!.getTime());
    const group = (
      await client.send(
        new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
      )
    ).deploymentGroupInfo!;
    expect(group.lastSuccessfulDeployment?.deploymentId).toBe(deploymentId);
  });

  it('CreateDeployment errors', async () => {
    await lambdaApp();
    const create = (input: Record<string, unknown>) =>
      client.send(
        new CreateDeploymentCommand({
          applicationName: 'app',
          deploymentGroupName: 'group',
          revision: lambdaRevision(),
          ...input,
        }),
      );
    await expectAwsError(create({ applicationName: undefined }), 'ApplicationNameRequiredException');
    await expectAwsError(create({ applicationName: 'nope' }), 'ApplicationDoesNotExistException');
    await expectAwsError(create({ deploymentGroupName: undefined }), 'DeploymentGroupNameRequiredException');
    await expectAwsError(create({ deploymentGroupName: 'nope' }), 'DeploymentGroupDoesNotExistException');
    await expectAwsError(create({ revision: undefined }), 'RevisionRequiredException');
    await expectAwsError(
      create({ revision: { revisionType: 'AppSpecContent', appSpecContent: { content: 'not json' } } }),
      'InvalidRevisionException',
    );
    await expectAwsError(
      create({ revision: { revisionType: 'S3', s3Location: { bucket: 'b', key: 'k' } } }),
      'InvalidRevisionException',
    );
    await expectAwsError(
      create({ deploymentConfigName: 'CodeDeployDefault.Nope' }),
      'DeploymentConfigDoesNotExistException',
    );
    await expectAwsError(create({ fileExistsBehavior: 'SMASH' }), 'InvalidFileExistsBehaviorException');
  });

  it('fails a deployment whose AppSpec names a hook function that does not exist', async () => {
    await lambdaApp();
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_missing' }]),
      }),
    );
    const d = local.deployment(deploymentId!)!;
    expect((await d.done).errorInformation?.code).toBe('INVALID_LAMBDA_FUNCTION');
    expect(d.timeline[0]?.diagnostics?.errorCode).toBe('ScriptMissing');
  });

  it('GetApplicationRevision returns a revision a deployment used', async () => {
    await lambdaApp();
    const revision = lambdaRevision();
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({ applicationName: 'app', deploymentGroupName: 'group', revision }),
    );
    await local.deployment(deploymentId!)!.done;
    const got = await client.send(new GetApplicationRevisionCommand({ applicationName: 'app', revision }));
    expect(got.applicationName).toBe('app');
    expect(got.revision?.appSpecContent?.sha256).toBe(revision.appSpecContent.sha256);
    expect(got.revisionInfo?.deploymentGroups).toEqual(['group']);
    expect(got.revisionInfo?.registerTime).toBeInstanceOf(Date);
    await expectAwsError(
      client.send(
        new GetApplicationRevisionCommand({ applicationName: 'app', revision: lambdaRevision([], 'other') }),
      ),
      'RevisionDoesNotExistException',
    );
    await expectAwsError(
      client.send(new GetApplicationRevisionCommand({ applicationName: 'nope', revision })),
      'ApplicationDoesNotExistException',
    );
    await expectAwsError(
      client.send(new GetApplicationRevisionCommand({ applicationName: 'app' } as never)),
      'RevisionRequiredException',
    );
  });
  it("CreateDeployment runs an ECS AppSpec against the group's service and target groups", async () => {
    await client.send(new CreateApplicationCommand({ applicationName: 'web', computePlatform: 'ECS' }));
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        serviceRoleArn: ROLE,
        ecsServices: [{ clusterName: 'prod', serviceName: 'web' }],
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'tg-a' }, { name: 'tg-b' }],
              prodTrafficRoute: {
                listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/w/1/80'],
              },
              testTrafficRoute: {
                listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/w/1/8080'],
              },
            },
          ],
        },
      }),
    );
    local.registerFunction('CodeDeployHook_smoke', (event) => report(client, event, 'Succeeded'));
    const content = JSON.stringify({
      version: 0.0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: 'web:42',
              LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 },
            },
          },
        },
      ],
      Hooks: [{ AfterAllowTestTraffic: 'CodeDeployHook_smoke' }],
    });
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'web',
        deploymentGroupName: 'web-dg',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      }),
    );
    const d = local.deployment(deploymentId!)!;
    expect((await d.done).status).toBe('Succeeded');
    const target = (await client.send(new GetDeploymentTargetCommand({ deploymentId, targetId: 'prod:web' })))
      .deploymentTarget;
    expect(
      target?.ecsTarget?.taskSetsInfo?.map((t) => [t.taskSetLabel, t.targetGroup?.name, t.trafficWeight]),
    ).toEqual([
      ['Blue', 'tg-a', 0],
      ['Green', 'tg-b', 100],
    ]);
    expect(local.state.ecsServices.get('prod:web')?.taskSets[0]?.taskDefinition).toBe('web:42');
    expect(d.timeline.find((e) => e.lifecycleEvent === 'AfterAllowTestTraffic')?.status).toBe('Succeeded');
    await expectAwsError(
      client.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'web-dg',
          revision: lambdaRevision(),
        }),
      ),
      'InvalidRevisionException',
    );
  });
});
