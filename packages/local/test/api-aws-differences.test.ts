import {
  type CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { START_DELAY_MS } from '../src/engine/run.js';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { lambdaRevision } from './helpers/appspec.js';
import { expectAwsError } from './helpers/errors.js';
import { ManualClock } from './helpers/manual-clock.js';
import { clientFor, eventually, report } from './helpers/sdk.js';
import { ecsGroup, ecsRevision, lambdaGroup } from './helpers/wire-setup.js';

// Where the AWS documentation and the local CodeDeploy used to differ: each behaves as AWS does now.
describe('behaving as the AWS documentation shows', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  afterEach(async () => {
    client?.destroy();
    await local?.close();
  });

  async function create(input: { applicationName: string; deploymentGroupName: string; revision: object }) {
    const { deploymentId } = await client.send(new CreateDeploymentCommand(input));
    return deploymentId!;
  }

  it('shows a lifecycle event that has no hook as Succeeded in GetDeploymentTarget', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
    await lambdaGroup(client, 'app', 'group');
    local.registerFunction('CodeDeployHook_pre', (event) => report(client, event, 'Succeeded'));
    const id = await create({
      applicationName: 'app',
      deploymentGroupName: 'group',
      revision: lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_pre' }]),
    });
    expect((await local.deployment(id)!.done).status).toBe('Succeeded');
    const target = await client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: 'fn' }));
    expect(
      target.deploymentTarget?.lambdaTarget?.lifecycleEvents?.map((e) => [e.lifecycleEventName, e.status]),
    ).toEqual([
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Succeeded'],
    ]);
  });

  it('lists no AllowTestTraffic or AfterAllowTestTraffic event for an ECS group without a test listener', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
    await ecsGroup(client, 'web', 'no-test', { service: 'web', testListener: false });
    await ecsGroup(client, 'api', 'with-test', { service: 'api', testListener: true });
    const events = async (app: string, group: string, targetId: string) => {
      const id = await create({ applicationName: app, deploymentGroupName: group, revision: ecsRevision() });
      expect((await local.deployment(id)!.done).status).toBe('Succeeded');
      const { deploymentTarget } = await client.send(
        new GetDeploymentTargetCommand({ deploymentId: id, targetId }),
      );
      return deploymentTarget?.ecsTarget?.lifecycleEvents?.map((e) => e.lifecycleEventName);
    };
    expect(await events('web', 'no-test', 'prod:web')).toEqual([
      'BeforeInstall',
      'Install',
      'AfterInstall',
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    expect(await events('api', 'with-test', 'prod:api')).toEqual([
      'BeforeInstall',
      'Install',
      'AfterInstall',
      'AllowTestTraffic',
      'AfterAllowTestTraffic',
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
  });

  it('shows a new deployment Created (not started) before it is InProgress', async () => {
    const clock = new ManualClock();
    local = await startLocalCodeDeploy({ timeScale: 1, clock });
    client = clientFor(local, { maxAttempts: 1 });
    await lambdaGroup(client, 'app', 'group');
    const id = await create({
      applicationName: 'app',
      deploymentGroupName: 'group',
      revision: lambdaRevision(),
    });
    const status = async () =>
      (await client.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo?.status;
    expect(await status()).toBe('Created');
    const created = await client.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Created'] }));
    expect(created.deployments).toEqual([id]);
    await expectAwsError(
      client.send(new ListDeploymentTargetsCommand({ deploymentId: id })),
      'DeploymentNotStartedException',
    );
    clock.advance(START_DELAY_MS);
    await eventually(() => local.deployment(id)!.history.some((e) => e.type === 'outcome'));
    expect(await status()).toBe('Succeeded');
    const statuses = local.deployment(id)!.history.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['Created', 'InProgress', 'Succeeded']);
  });

  it('turns instanceTerminationWaitTimeStarted true when the wait before terminating the original task set starts', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 }); // 60-minute termination wait: 3.6 s
    client = clientFor(local, { maxAttempts: 1 });
    local.registerFunction('CodeDeployHook_last', 'manual');
    await ecsGroup(client, 'web', 'group', { terminationWaitMinutes: 60 });
    const id = await create({
      applicationName: 'web',
      deploymentGroupName: 'group',
      revision: ecsRevision({ AfterAllowTraffic: 'CodeDeployHook_last' }),
    });
    const info = async () =>
      (await client.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo!;
    // Traffic has moved; the last hook has not reported: the termination wait has not started.
    const last = await local.deployment(id)!.nextHookEvent();
    expect(await info()).toMatchObject({ status: 'InProgress', instanceTerminationWaitTimeStarted: false });
    await report(client, last, 'Succeeded');
    let during = await info();
    while (!during.instanceTerminationWaitTimeStarted && during.status === 'InProgress')
      during = await info();
    expect(during).toMatchObject({ status: 'InProgress', instanceTerminationWaitTimeStarted: true });
    await client.send(
      new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: 'TERMINATION_WAIT' }),
    );
    expect((await local.deployment(id)!.done).status).toBe('Succeeded');
    expect((await info()).instanceTerminationWaitTimeStarted).toBe(true);
  });

  it('refuses ListDeployments with an application name and no group name, even for an existing application', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
    await lambdaGroup(client, 'app', 'group');
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ applicationName: 'app' })),
      'DeploymentGroupNameRequiredException',
    );
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ deploymentGroupName: 'group' })),
      'ApplicationNameRequiredException',
    );
    expect(
      (
        await client.send(
          new ListDeploymentsCommand({ applicationName: 'app', deploymentGroupName: 'group' }),
        )
      ).deployments,
    ).toEqual([]);
  });

  it('answers a malformed ECS target id with InvalidDeploymentTargetIdException', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = clientFor(local, { maxAttempts: 1 });
    await ecsGroup(client, 'web', 'group');
    const id = await create({
      applicationName: 'web',
      deploymentGroupName: 'group',
      revision: ecsRevision(),
    });
    await local.deployment(id)!.done;
    for (const targetId of ['web', 'prod:web:extra', 'prod web']) {
      await expectAwsError(
        client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId })),
        'InvalidDeploymentTargetIdException',
      );
    }
    await expectAwsError(
      client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: 'prod:other' })),
      'DeploymentTargetDoesNotExistException',
    );
    const ok = await client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: 'prod:web' }));
    expect(ok.deploymentTarget?.ecsTarget?.targetId).toBe('prod:web');
  });
});
