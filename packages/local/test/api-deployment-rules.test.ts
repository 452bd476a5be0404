import {
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetApplicationCommand,
  GetDeploymentCommand,
  ListApplicationsCommand,
  ListDeploymentsCommand,
  ListTagsForResourceCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor, report } from './helpers/sdk.js';
import { lambdaGroup } from './helpers/wire-setup.js';

describe('one active deployment per deployment group', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
    await lambdaGroup(client, 'app', 'group');
    local.registerFunction('CodeDeployHook_wait', 'manual');
  });
  afterEach(async () => {
    client.destroy();
    await local.close();
  });

  const create = (hooks: Record<string, string>[] = [{ BeforeAllowTraffic: 'CodeDeployHook_wait' }]) =>
    client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: lambdaRevision(hooks),
      }),
    );

  it('refuses a second CreateDeployment with DeploymentLimitExceededException naming the active one, as AWS does', async () => {
    const { deploymentId: first } = await create();
    const err = await expectAwsError(create(), 'DeploymentLimitExceededException');
    expect(err.message).toBe(`The Deployment Group 'group' already has an active Deployment '${first}'`);
    const d = local.deployment(first!)!;
    await report(client, await d.nextHookEvent(), 'Succeeded');
    expect((await d.done).status).toBe('Succeeded');
    const { deploymentId: second } = await create([]);
    expect((await local.deployment(second!)!.done).status).toBe('Succeeded');
  });

  it('frees the group as soon as StopDeployment stopped the active deployment', async () => {
    const { deploymentId: first } = await create();
    await local.deployment(first!)!.nextHookEvent();
    await client.send(new StopDeploymentCommand({ deploymentId: first }));
    const { deploymentId: second } = await create([]);
    expect(second).not.toBe(first);
    expect((await local.deployment(second!)!.done).status).toBe('Succeeded');
  });

  it('lets another group of the application deploy meanwhile', async () => {
    await create();
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'other',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
      }),
    );
    const { deploymentId } = await client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'other',
        revision: lambdaRevision(),
      }),
    );
    expect((await local.deployment(deploymentId!)!.done).status).toBe('Succeeded');
  });
});

describe('regions', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local.close();
  });

  it('keeps resources in the region a request was signed for: one application name in two regions is two applications', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, region: 'us-east-1' });
    const east = clientFor(local, { maxAttempts: 1 });
    const west = clientFor(local, { maxAttempts: 1, region: 'eu-west-1' });
    try {
      const a = await east.send(
        new CreateApplicationCommand({ applicationName: 'shop', computePlatform: 'Lambda' }),
      );
      const b = await west.send(
        new CreateApplicationCommand({ applicationName: 'shop', computePlatform: 'ECS' }),
      );
      expect(a.applicationId).not.toBe(b.applicationId);
      expect(
        (await east.send(new GetApplicationCommand({ applicationName: 'shop' }))).application,
      ).toMatchObject({
        applicationId: a.applicationId,
        computePlatform: 'Lambda',
      });
      expect(
        (await west.send(new GetApplicationCommand({ applicationName: 'shop' }))).application,
      ).toMatchObject({
        applicationId: b.applicationId,
        computePlatform: 'ECS',
      });
      await west.send(
        new CreateApplicationCommand({ applicationName: 'west-only', computePlatform: 'Lambda' }),
      );
      expect((await east.send(new ListApplicationsCommand({}))).applications).toEqual(['shop']);
      expect((await west.send(new ListApplicationsCommand({}))).applications).toEqual(['shop', 'west-only']);

      await lambdaGroup(west, 'west-app', 'group');
      const { deploymentId } = await west.send(
        new CreateDeploymentCommand({
          applicationName: 'west-app',
          deploymentGroupName: 'group',
          revision: lambdaRevision(),
        }),
      );
      expect((await local.deployment(deploymentId!)!.done).status).toBe('Succeeded');
      expect((await west.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo?.status).toBe(
        'Succeeded',
      );
      await expectAwsError(
        east.send(new GetDeploymentCommand({ deploymentId })),
        'DeploymentDoesNotExistException',
      );
      expect((await east.send(new ListDeploymentsCommand({}))).deployments).toEqual([]);
      expect((await west.send(new ListDeploymentsCommand({}))).deployments).toEqual([deploymentId]);
      // ARNs name the region: a west ARN is not this (east) region's resource.
      await expectAwsError(
        east.send(
          new ListTagsForResourceCommand({
            ResourceArn: 'arn:aws:codedeploy:eu-west-1:123456789012:application:shop',
          }),
        ),
        'InvalidArnException',
      );
    } finally {
      east.destroy();
      west.destroy();
    }
  });

  it('runs the hooks of a deployment with its own region in their environment', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, region: 'us-east-1' });
    const west = clientFor(local, { maxAttempts: 1, region: 'eu-west-1' });
    try {
      await lambdaGroup(west, 'app', 'group');
      let seen: string | undefined;
      local.registerFunction('CodeDeployHook_region', async (event, context) => {
        seen = context.invokedFunctionArn;
        await report(west, event, 'Succeeded');
      });
      const { deploymentId } = await west.send(
        new CreateDeploymentCommand({
          applicationName: 'app',
          deploymentGroupName: 'group',
          revision: lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_region' }]),
        }),
      );
      expect((await local.deployment(deploymentId!)!.done).status).toBe('Succeeded');
      expect(seen).toBe('arn:aws:lambda:eu-west-1:123456789012:function:CodeDeployHook_region');
    } finally {
      west.destroy();
    }
  });
});
