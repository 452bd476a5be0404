import {
  BatchGetApplicationRevisionsCommand,
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetApplicationRevisionCommand,
  ListApplicationRevisionsCommand,
  ListTagsForResourceCommand,
  RegisterApplicationRevisionCommand,
  type RevisionLocation,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor, report } from './helpers/sdk.js';
import { ecsGroup, inlineRevision, lambdaGroup, ROLE } from './helpers/wire-setup.js';

const ARN = 'arn:aws:codedeploy:us-east-1:123456789012';
const s3 = (key: string, bucket = 'artifacts'): RevisionLocation => ({
  revisionType: 'S3',
  s3Location: { bucket, key, bundleType: 'zip', eTag: `etag-${key}` },
});
const gitHub: RevisionLocation = {
  revisionType: 'GitHub',
  gitHubLocation: { repository: 'octo/shop', commitId: '0123456789abcdef0123456789abcdef01234567' },
};

describe('application revisions', () => {
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

  it('registers S3 and GitHub revisions and returns them from List, BatchGet and Get', async () => {
    await client.send(new CreateApplicationCommand({ applicationName: 'servers' }));
    const register = (revision: RevisionLocation, description?: string) =>
      client.send(
        new RegisterApplicationRevisionCommand({ applicationName: 'servers', revision, description }),
      );
    await register(s3('releases/web-1.zip'), 'first');
    await register(s3('releases/web-2.zip'));
    await register(s3('other/db.zip', 'other-bucket'));
    await register(gitHub, 'from GitHub');
    const all = await client.send(
      new ListApplicationRevisionsCommand({
        applicationName: 'servers',
        sortBy: 'registerTime',
        sortOrder: 'ascending',
      }),
    );
    expect(all.revisions).toEqual([
      s3('releases/web-1.zip'),
      s3('releases/web-2.zip'),
      s3('other/db.zip', 'other-bucket'),
      gitHub,
    ]);
    const filtered = await client.send(
      new ListApplicationRevisionsCommand({
        applicationName: 'servers',
        s3Bucket: 'artifacts',
        s3KeyPrefix: 'releases/',
      }),
    );
    expect(filtered.revisions?.map((r) => r.s3Location?.key)).toEqual([
      'releases/web-1.zip',
      'releases/web-2.zip',
    ]);
    expect(
      (
        await client.send(
          new ListApplicationRevisionsCommand({ applicationName: 'servers', deployed: 'include' }),
        )
      ).revisions,
    ).toEqual([]);
    await expectAwsError(
      client.send(
        new ListApplicationRevisionsCommand({ applicationName: 'servers', s3KeyPrefix: 'releases/' }),
      ),
      'BucketNameFilterRequiredException',
    );
    await expectAwsError(
      client.send(
        new ListApplicationRevisionsCommand({ applicationName: 'servers', sortBy: 'size' as never }),
      ),
      'InvalidSortByException',
    );
    const batch = await client.send(
      new BatchGetApplicationRevisionsCommand({
        applicationName: 'servers',
        revisions: [s3('releases/web-1.zip'), gitHub, s3('nope.zip')],
      }),
    );
    expect(
      batch.revisions?.map((r) => [r.revisionLocation?.revisionType, r.genericRevisionInfo?.description]),
    ).toEqual([
      ['S3', 'first'],
      ['GitHub', 'from GitHub'],
    ]);
    expect(batch.errorMessage).toBeDefined();
    expect(batch.revisions?.[0]?.genericRevisionInfo?.registerTime).toBeInstanceOf(Date);
    const got = await client.send(
      new GetApplicationRevisionCommand({ applicationName: 'servers', revision: gitHub }),
    );
    expect(got).toMatchObject({
      applicationName: 'servers',
      revision: gitHub,
      revisionInfo: { description: 'from GitHub', deploymentGroups: [] },
    });
    await expectAwsError(
      client.send(
        new GetApplicationRevisionCommand({ applicationName: 'servers', revision: s3('nope.zip') }),
      ),
      'RevisionDoesNotExistException',
    );
    await expectAwsError(
      client.send(
        new BatchGetApplicationRevisionsCommand({
          applicationName: 'servers',
          revisions: Array.from({ length: 26 }, (_, i) => s3(`k${i}`)),
        }),
      ),
      'BatchLimitExceededException',
    );
    await expectAwsError(
      register({ revisionType: 'S3', s3Location: { bucket: 'b' } }),
      'InvalidRevisionException',
    );
    await expectAwsError(register(lambdaRevision()), 'InvalidRevisionException'); // AppSpecContent is for Lambda and ECS
    await expectAwsError(
      client.send(new RegisterApplicationRevisionCommand({ applicationName: 'nope', revision: gitHub })),
      'ApplicationDoesNotExistException',
    );
  });

  it('runs YAML AppSpecs (as AWS tutorials write them) for Lambda and ECS', async () => {
    await lambdaGroup(client, 'app', 'group');
    local.registerFunction('CodeDeployHook_yaml', (event) => report(client, event, 'Succeeded'));
    const lambdaYaml = [
      'version: 0.0',
      'Resources:',
      '  - myLambdaFunction:',
      '      Type: AWS::Lambda::Function',
      '      Properties:',
      '        Name: "checkout"',
      '        Alias: "live"',
      '        CurrentVersion: 1',
      '        TargetVersion: 2',
      'Hooks:',
      '  - BeforeAllowTraffic: "CodeDeployHook_yaml"',
      '',
    ].join('\n');
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: inlineRevision(lambdaYaml),
      }),
    );
    const d = local.deployment(deploymentId!)!;
    expect((await d.done).status).toBe('Succeeded');
    expect(d.timeline[0]).toMatchObject({
      lifecycleEvent: 'BeforeAllowTraffic',
      hookFunction: 'CodeDeployHook_yaml',
      attempts: 1,
    });
    expect(local.state.lambdaFunctions.get('checkout')?.aliases.get('live')?.version).toBe('2');

    await ecsGroup(client, 'web', 'group');
    const ecsYaml = [
      'version: 0.0',
      'Resources:',
      '  - TargetService:',
      '      Type: AWS::ECS::Service',
      '      Properties:',
      '        TaskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:9"',
      '        LoadBalancerInfo:',
      '          ContainerName: "web"',
      '          ContainerPort: 80',
    ].join('\n');
    const ecs = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'web',
        deploymentGroupName: 'group',
        revision: inlineRevision(ecsYaml),
      }),
    );
    expect((await local.deployment(ecs.deploymentId!)!.done).status).toBe('Succeeded');
    await expectAwsError(
      client.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'group',
          revision: inlineRevision('Resources: [unclosed'),
        }),
      ),
      'InvalidRevisionException',
    );
  });

  it("redeploys the group's target revision when CreateDeployment names none", async () => {
    await lambdaGroup(client, 'app', 'group');
    await expectAwsError(
      client.send(new CreateDeploymentCommand({ applicationName: 'app', deploymentGroupName: 'group' })),
      'RevisionRequiredException',
    );
    const revision = lambdaRevision([], 'again');
    const first = await client.send(
      new CreateDeploymentCommand({ applicationName: 'app', deploymentGroupName: 'group', revision }),
    );
    await local.deployment(first.deploymentId!)!.done;
    const second = await client.send(
      new CreateDeploymentCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
    );
    await local.deployment(second.deploymentId!)!.done;
    const got = await client.send(new GetApplicationRevisionCommand({ applicationName: 'app', revision }));
    expect(got.revisionInfo?.deploymentGroups).toEqual(['group']);
    expect(got.revisionInfo!.lastUsedTime!.getTime()).toBeGreaterThanOrEqual(
      got.revisionInfo!.firstUsedTime!.getTime(),
    );
    const deployed = await client.send(
      new ListApplicationRevisionsCommand({ applicationName: 'app', deployed: 'include' }),
    );
    expect(deployed.revisions?.map((r) => r.appSpecContent?.sha256)).toEqual([
      revision.appSpecContent.sha256,
    ]);
  });

  it('moves a group off its previous revision when it deploys another one', async () => {
    await lambdaGroup(client, 'app', 'group');
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'other',
        serviceRoleArn: ROLE,
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      }),
    );
    const first = lambdaRevision([], 'first');
    const second = lambdaRevision([], 'second');
    for (const [group, revision] of [
      ['group', first],
      ['other', first],
      ['group', second],
    ] as const) {
      const d = await client.send(
        new CreateDeploymentCommand({ applicationName: 'app', deploymentGroupName: group, revision }),
      );
      await local.deployment(d.deploymentId!)!.done;
    }
    const groupsOf = async (revision: typeof first) =>
      (await client.send(new GetApplicationRevisionCommand({ applicationName: 'app', revision })))
        .revisionInfo?.deploymentGroups;
    expect(await groupsOf(first)).toEqual(['other']);
    expect(await groupsOf(second)).toEqual(['group']);
  });
});

describe('tags', () => {
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

  const list = async (ResourceArn: string) =>
    (await client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;

  it('tags applications and deployment groups by ARN, as AWS builds them, with tags given at creation', async () => {
    await lambdaGroup(client, 'shop', 'prod', { tags: [{ Key: 'stage', Value: 'prod' }] });
    const app = `${ARN}:application:shop`;
    const group = `${ARN}:deploymentgroup:shop/prod`;
    expect(await list(group)).toEqual([{ Key: 'stage', Value: 'prod' }]);
    await client.send(
      new TagResourceCommand({
        ResourceArn: app,
        Tags: [
          { Key: 'Name', Value: 'shop' },
          { Key: 'Type', Value: 'web' },
        ],
      }),
    );
    await client.send(new TagResourceCommand({ ResourceArn: app, Tags: [{ Key: 'Type', Value: 'api' }] }));
    expect(await list(app)).toEqual([
      { Key: 'Name', Value: 'shop' },
      { Key: 'Type', Value: 'api' },
    ]);
    await client.send(new UntagResourceCommand({ ResourceArn: app, TagKeys: ['Name', 'absent'] }));
    expect(await list(app)).toEqual([{ Key: 'Type', Value: 'api' }]);
  });

  it("answers the model's errors for bad ARNs, missing resources and bad tags", async () => {
    await lambdaGroup(client, 'shop', 'prod');
    const tag = (ResourceArn: string, Tags = [{ Key: 'k', Value: 'v' }]) =>
      client.send(new TagResourceCommand({ ResourceArn, Tags }));
    await expectAwsError(tag('not-an-arn'), 'InvalidArnException');
    await expectAwsError(tag('arn:aws:s3:::bucket'), 'InvalidArnException');
    await expectAwsError(tag(`${ARN}:instance/host_abc`), 'ArnNotSupportedException');
    await expectAwsError(tag(`${ARN}:application:nope`), 'ApplicationDoesNotExistException');
    await expectAwsError(tag(`${ARN}:deploymentgroup:shop/nope`), 'DeploymentGroupDoesNotExistException');
    await expectAwsError(tag(`${ARN}:deploymentconfig:nope`), 'DeploymentConfigDoesNotExistException');
    await expectAwsError(tag(`${ARN}:application:shop`, []), 'TagRequiredException');
    await expectAwsError(
      tag(`${ARN}:application:shop`, [{ Key: 'aws:reserved', Value: 'x' }]),
      'InvalidTagsToAddException',
    );
    await expectAwsError(
      client.send(new UntagResourceCommand({ ResourceArn: `${ARN}:application:shop`, TagKeys: [] })),
      'TagRequiredException',
    );
    await expectAwsError(
      client.send(new ListTagsForResourceCommand({} as never)),
      'ResourceArnRequiredException',
    );
    await expectAwsError(
      client.send(new CreateApplicationCommand({ applicationName: 'x', tags: [{ Key: '', Value: 'v' }] })),
      'InvalidTagsToAddException',
    );
  });
});
