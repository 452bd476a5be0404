import {
  AddTagsToOnPremisesInstancesCommand,
  BatchGetDeploymentInstancesCommand,
  BatchGetOnPremisesInstancesCommand,
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  DeleteGitHubAccountTokenCommand,
  DeleteResourcesByExternalIdCommand,
  DeregisterOnPremisesInstanceCommand,
  GetDeploymentCommand,
  GetDeploymentInstanceCommand,
  GetOnPremisesInstanceCommand,
  ListDeploymentInstancesCommand,
  ListDeploymentTargetsCommand,
  ListGitHubAccountTokenNamesCommand,
  ListOnPremisesInstancesCommand,
  RegisterOnPremisesInstanceCommand,
  RemoveTagsFromOnPremisesInstancesCommand,
  SkipWaitTimeForInstanceTerminationCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { NO_INSTANCES_MESSAGE } from '../src/engine/run.js';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { ManualClock } from './helpers/manual-clock.js';
import { clientFor, eventually } from './helpers/sdk.js';
import { ecsGroup, ecsRevision, lambdaGroup, ROLE } from './helpers/wire-setup.js';

const USER = (name: string) => `arn:aws:iam::123456789012:user/AWS/CodeDeploy/${name}`;

describe('EC2/on-premises', () => {
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

  it('registers, tags, lists and deregisters on-premises instances as state', async () => {
    const register = (
      instanceName: string,
      extra: Record<string, string> = { iamUserArn: USER(instanceName) },
    ) => client.send(new RegisterOnPremisesInstanceCommand({ instanceName, ...extra }));
    await register('host-a');
    await register('host-b');
    await expectAwsError(register('host-a'), 'InstanceNameAlreadyRegisteredException');
    await expectAwsError(
      register('host-c', { iamUserArn: USER('host-a') }),
      'IamUserArnAlreadyRegisteredException',
    );
    await expectAwsError(register('host-c', {}), 'IamArnRequiredException');
    await expectAwsError(
      register('host-c', {
        iamUserArn: USER('c'),
        iamSessionArn: 'arn:aws:sts::123456789012:assumed-role/r/s',
      }),
      'MultipleIamArnsProvidedException',
    );
    await expectAwsError(register('host-c', { iamUserArn: 'not-an-arn' }), 'InvalidIamUserArnException');
    await client.send(
      new AddTagsToOnPremisesInstancesCommand({
        instanceNames: ['host-a', 'host-b'],
        tags: [{ Key: 'Name', Value: 'web' }],
      }),
    );
    await client.send(
      new AddTagsToOnPremisesInstancesCommand({
        instanceNames: ['host-b'],
        tags: [{ Key: 'Role', Value: 'db' }],
      }),
    );
    await expectAwsError(
      client.send(
        new AddTagsToOnPremisesInstancesCommand({
          instanceNames: ['ghost'],
          tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
      'InstanceNotRegisteredException',
    );
    await expectAwsError(
      client.send(new AddTagsToOnPremisesInstancesCommand({ instanceNames: ['host-a'], tags: [] })),
      'TagRequiredException',
    );
    const { instanceInfo } = await client.send(new GetOnPremisesInstanceCommand({ instanceName: 'host-b' }));
    expect(instanceInfo).toEqual({
      instanceName: 'host-b',
      iamUserArn: USER('host-b'),
      instanceArn: expect.stringMatching(/^arn:aws:codedeploy:us-east-1:123456789012:instance\/host-b_\w+/),
      registerTime: expect.any(Date),
      tags: [
        { Key: 'Name', Value: 'web' },
        { Key: 'Role', Value: 'db' },
      ],
    });
    const byTag = await client.send(
      new ListOnPremisesInstancesCommand({
        tagFilters: [{ Key: 'Role', Value: 'db', Type: 'KEY_AND_VALUE' }],
      }),
    );
    expect(byTag.instanceNames).toEqual(['host-b']);
    await client.send(
      new RemoveTagsFromOnPremisesInstancesCommand({
        instanceNames: ['host-b'],
        tags: [{ Key: 'Role', Value: 'db' }],
      }),
    );
    await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: 'host-a' }));
    await client.send(new DeregisterOnPremisesInstanceCommand({ instanceName: 'never-registered' }));
    const registered = await client.send(
      new ListOnPremisesInstancesCommand({ registrationStatus: 'Registered' }),
    );
    const deregistered = await client.send(
      new ListOnPremisesInstancesCommand({ registrationStatus: 'Deregistered' }),
    );
    expect([registered.instanceNames, deregistered.instanceNames]).toEqual([['host-b'], ['host-a']]);
    const batch = await client.send(
      new BatchGetOnPremisesInstancesCommand({ instanceNames: ['host-a', 'host-b', 'ghost'] }),
    );
    expect(
      batch.instanceInfos?.map((i) => [i.instanceName, i.deregisterTime instanceof Date, i.tags?.length]),
    ).toEqual([
      ['host-a', true, 1],
      ['host-b', false, 1],
    ]);
    await expectAwsError(
      client.send(new GetOnPremisesInstanceCommand({ instanceName: 'ghost' })),
      'InstanceNotRegisteredException',
    );
    await expectAwsError(
      client.send(new ListOnPremisesInstancesCommand({ registrationStatus: 'Gone' as never })),
      'InvalidRegistrationStatusException',
    );
  });

  it('accepts a Server-platform deployment and fails it as AWS fails one with no instance to deploy to', async () => {
    await client.send(new CreateApplicationCommand({ applicationName: 'servers' }));
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'servers',
        deploymentGroupName: 'fleet',
        serviceRoleArn: ROLE,
        ec2TagFilters: [{ Key: 'Name', Value: 'web', Type: 'KEY_AND_VALUE' }],
      }),
    );
    await expectAwsError(
      client.send(
        new CreateDeploymentCommand({
          applicationName: 'servers',
          deploymentGroupName: 'fleet',
          revision: lambdaRevision(),
        }),
      ),
      'InvalidRevisionException',
    );
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'servers',
        deploymentGroupName: 'fleet',
        revision: {
          revisionType: 'S3',
          s3Location: { bucket: 'artifacts', key: 'web.zip', bundleType: 'zip' },
        },
      }),
    );
    const d = local.deployment(deploymentId!)!;
    const outcome = await d.done;
    expect(outcome).toEqual({
      status: 'Failed',
      errorInformation: { code: 'NO_INSTANCES', message: NO_INSTANCES_MESSAGE },
    });
    expect(d.history.flatMap((e) => (e.type === 'status' ? [e.status] : []))).toEqual([
      'Created',
      'InProgress',
      'Failed',
    ]);
    const info = (await client.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;
    expect(info).toMatchObject({
      status: 'Failed',
      computePlatform: 'Server',
      errorInformation: { code: 'NO_INSTANCES' },
      deploymentOverview: { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 },
      deploymentStyle: { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
      fileExistsBehavior: 'DISALLOW',
      revision: {
        revisionType: 'S3',
        s3Location: { bucket: 'artifacts', key: 'web.zip', bundleType: 'zip' },
      },
    });
    expect((await client.send(new ListDeploymentTargetsCommand({ deploymentId }))).targetIds).toEqual([]);
    expect((await client.send(new ListDeploymentInstancesCommand({ deploymentId }))).instancesList).toEqual(
      [],
    );
    await expectAwsError(
      client.send(new GetDeploymentInstanceCommand({ deploymentId, instanceId: 'i-0123456789abcdef0' })),
      'InstanceDoesNotExistException',
    );
    const batch = await client.send(
      new BatchGetDeploymentInstancesCommand({ deploymentId, instanceIds: ['i-0123456789abcdef0'] }),
    );
    expect(batch.instancesSummary).toEqual([]);
    expect(batch.errorMessage).toContain('i-0123456789abcdef0');
    await expectAwsError(
      client.send(new StopDeploymentCommand({ deploymentId })),
      'DeploymentAlreadyCompletedException',
    );
    // The group is free again: a GitHub revision deploys (and ends) the same way.
    const gh = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'servers',
        deploymentGroupName: 'fleet',
        revision: { revisionType: 'GitHub', gitHubLocation: { repository: 'octo/shop', commitId: 'abc123' } },
      }),
    );
    expect((await local.deployment(gh.deploymentId!)!.done).errorInformation?.code).toBe('NO_INSTANCES');
  });
});

describe('the deprecated instance operations and the termination wait', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 });
    client = clientFor(local, { maxAttempts: 1 });
  });
  afterEach(async () => {
    client.destroy();
    await local.close();
  });

  it("shows a Lambda deployment's function as its instance, and refuses ECS deployments", async () => {
    await lambdaGroup(client, 'app', 'group');
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision(),
      }),
    );
    await local.deployment(deploymentId!)!.done;
    expect((await client.send(new ListDeploymentInstancesCommand({ deploymentId }))).instancesList).toEqual([
      'fn',
    ]);
    expect(
      (
        await client.send(
          new ListDeploymentInstancesCommand({ deploymentId, instanceStatusFilter: ['Failed'] }),
        )
      ).instancesList,
    ).toEqual([]);
    const { instanceSummary } = await client.send(
      new GetDeploymentInstanceCommand({ deploymentId, instanceId: 'fn' }),
    );
    expect(instanceSummary).toMatchObject({ deploymentId, instanceId: 'fn', status: 'Succeeded' });
    expect(instanceSummary?.lifecycleEvents?.map((e) => e.lifecycleEventName)).toEqual([
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    await expectAwsError(
      client.send(new BatchGetDeploymentInstancesCommand({ deploymentId, instanceIds: [] })),
      'InstanceIdRequiredException',
    );
    await expectAwsError(
      client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId })),
      'DeploymentAlreadyCompletedException',
    );
    await ecsGroup(client, 'web', 'group');
    const ecs = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'web',
        deploymentGroupName: 'group',
        revision: ecsRevision(),
      }),
    );
    await local.deployment(ecs.deploymentId!)!.done;
    await expectAwsError(
      client.send(new ListDeploymentInstancesCommand({ deploymentId: ecs.deploymentId })),
      'InvalidComputePlatformException',
    );
  });

  it('SkipWaitTimeForInstanceTermination ends the wait before the original task set is terminated', async () => {
    await ecsGroup(client, 'web', 'group', { terminationWaitMinutes: 600 }); // ten hours: 36 s at this scale
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'web',
        deploymentGroupName: 'group',
        revision: ecsRevision(),
      }),
    );
    const info = async () => (await client.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;
    await eventually(() => local.deployment(deploymentId!)!.timeline.at(-1)?.status === 'Succeeded');
    expect((await info()).status).toBe('InProgress');
    await client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId }));
    expect((await local.deployment(deploymentId!)!.done).status).toBe('Succeeded');
    expect(await info()).toMatchObject({ status: 'Succeeded', instanceTerminationWaitTimeStarted: true });

    await lambdaGroup(client, 'app', 'group');
    local.registerFunction('CodeDeployHook_wait', 'manual');
    const lambda = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_wait' }]),
      }),
    );
    await local.deployment(lambda.deploymentId!)!.nextHookEvent();
    await expectAwsError(
      client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId: lambda.deploymentId })),
      'UnsupportedActionForDeploymentTypeException',
    );
  });
});

describe('SkipWaitTimeForInstanceTermination before the deployment starts', () => {
  it('is DeploymentNotStartedException while the deployment is Created', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 1, clock: new ManualClock() }); // time stands still
    const client = clientFor(local, { maxAttempts: 1 });
    try {
      await ecsGroup(client, 'web', 'group');
      const { deploymentId } = await client.send(
        new CreateDeploymentCommand({
          applicationName: 'web',
          deploymentGroupName: 'group',
          revision: ecsRevision(),
        }),
      );
      await expectAwsError(
        client.send(new SkipWaitTimeForInstanceTerminationCommand({ deploymentId })),
        'DeploymentNotStartedException',
      );
    } finally {
      client.destroy();
      await local.close();
    }
  });
});

describe('GitHub connections and external ids', () => {
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

  it('answers as an account with no GitHub connection and nothing linked to an external id', async () => {
    expect((await client.send(new ListGitHubAccountTokenNamesCommand({}))).tokenNameList).toEqual([]);
    await expectAwsError(
      client.send(new DeleteGitHubAccountTokenCommand({ tokenName: 'my-github-account' })),
      'GitHubAccountTokenDoesNotExistException',
    );
    await expectAwsError(
      client.send(new DeleteGitHubAccountTokenCommand({})),
      'GitHubAccountTokenNameRequiredException',
    );
    const out = await client.send(
      new DeleteResourcesByExternalIdCommand({ externalId: 'arn:aws:cloudformation:stack/x' }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
  });
});
