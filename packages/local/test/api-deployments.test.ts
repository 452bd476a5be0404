import {
  BatchGetDeploymentsCommand,
  BatchGetDeploymentTargetsCommand,
  type CodeDeployClient,
  ContinueDeploymentCommand,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  type DeploymentWaitType,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentsCommand,
  ListDeploymentTargetsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor, report } from './helpers/sdk.js';

const ROLE = 'arn:aws:iam::123456789012:role/CodeDeployServiceRole';

describe('deployment, target and hook-status operations through @aws-sdk/client-codedeploy', () => {
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

  async function _lambdaApp(app = 'app', group = 'group') {
    await client.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'Lambda' }));
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName: app,
        deploymentGroupName: group,
        serviceRoleArn: ROLE,
      }),
    );
  }

  it('GetDeployment and BatchGetDeployments errors', async () => {
    await expectAwsError(
      client.send(new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' })),
      'DeploymentDoesNotExistException',
    );
    await expectAwsError(
      client.send(new GetDeploymentCommand({ deploymentId: 'nonsense' })),
      'InvalidDeploymentIdException',
    );
    await expectAwsError(client.send(new GetDeploymentCommand({} as never)), 'DeploymentIdRequiredException');
    const d = await local.deployLambda({ functionName: 'fn', currentVersion: '1', targetVersion: '2' });
    const batch = await client.send(
      new BatchGetDeploymentsCommand({ deploymentIds: [d.deploymentId, 'd-AAAAAAAAA'] }),
    );
    expect(batch.deploymentsInfo?.map((i) => i.deploymentId)).toEqual([d.deploymentId]);
    await expectAwsError(
      client.send(new BatchGetDeploymentsCommand({ deploymentIds: Array(26).fill(d.deploymentId) })),
      'BatchLimitExceededException',
    );
    await expectAwsError(
      client.send(new BatchGetDeploymentsCommand({} as never)),
      'DeploymentIdRequiredException',
    );
    await expectAwsError(
      client.send(new BatchGetDeploymentsCommand({ deploymentIds: ['x'] })),
      'InvalidDeploymentIdException',
    );
  });

  it('ListDeployments filters by application, group and status, and pages with nextToken', async () => {
    const handles = [];
    for (let i = 0; i < 101; i++) {
      handles.push(
        await local.deployLambda({
          functionName: 'fn',
          currentVersion: '1',
          targetVersion: '2',
          application: 'many',
        }),
      );
    }
    await Promise.all(handles.map((h) => h.done));
    const other = await local.deployLambda({
      functionName: 'other',
      currentVersion: '1',
      targetVersion: '2',
      application: 'few',
    });
    await other.done;
    const page1 = await client.send(
      new ListDeploymentsCommand({ applicationName: 'many', deploymentGroupName: 'fn-group' }),
    );
    expect(page1.deployments).toHaveLength(100);
    expect(page1.nextToken).toBeDefined();
    const page2 = await client.send(
      new ListDeploymentsCommand({
        applicationName: 'many',
        deploymentGroupName: 'fn-group',
        nextToken: page1.nextToken,
      }),
    );
    expect(page2.deployments).toHaveLength(1);
    expect(page2.nextToken).toBeUndefined();
    expect(new Set([...page1.deployments!, ...page2.deployments!])).toEqual(
      new Set(handles.map((h) => h.deploymentId)),
    );
    const all = await client.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Succeeded'] }));
    expect(all.deployments?.length).toBe(100);
    expect(
      (await client.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Failed'] }))).deployments,
    ).toEqual([]);
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ nextToken: '!!!' })),
      'InvalidNextTokenException',
    );
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ applicationName: 'nope', deploymentGroupName: 'fn-group' })),
      'ApplicationDoesNotExistException',
    );
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ applicationName: 'many', deploymentGroupName: 'nope' })),
      'DeploymentGroupDoesNotExistException',
    );
    await expectAwsError(
      client.send(new ListDeploymentsCommand({ includeOnlyStatuses: ['Bogus' as never] })),
      'InvalidDeploymentStatusException',
    );
    await expectAwsError(
      client.send(
        new ListDeploymentsCommand({ createTimeRange: { start: new Date(2000), end: new Date(1000) } }),
      ),
      'InvalidTimeRangeException',
    );
  });

  it('ListDeploymentTargets, GetDeploymentTarget and BatchGetDeploymentTargets, with their errors', async () => {
    const d = await local.deployLambda({ functionName: 'fn', currentVersion: '1', targetVersion: '2' });
    await d.done;
    const id = d.deploymentId;
    expect((await client.send(new ListDeploymentTargetsCommand({ deploymentId: id }))).targetIds).toEqual([
      'fn',
    ]);
    expect(
      (
        await client.send(
          new ListDeploymentTargetsCommand({ deploymentId: id, targetFilters: { TargetStatus: ['Failed'] } }),
        )
      ).targetIds,
    ).toEqual([]);
    const target = (await client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: 'fn' })))
      .deploymentTarget!;
    expect(target.deploymentTargetType).toBe('LambdaTarget');
    expect(target.lambdaTarget).toMatchObject({
      deploymentId: id,
      targetId: 'fn',
      targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn:live',
      status: 'Succeeded',
    });
    expect(target.lambdaTarget?.lifecycleEvents?.map((e) => e.lifecycleEventName)).toEqual([
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    const batch = await client.send(
      new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: ['fn'] }),
    );
    expect(batch.deploymentTargets).toHaveLength(1);
    await expectAwsError(
      client.send(new GetDeploymentTargetCommand({ deploymentId: id, targetId: 'other' })),
      'DeploymentTargetDoesNotExistException',
    );
    await expectAwsError(
      client.send(new GetDeploymentTargetCommand({ deploymentId: id } as never)),
      'DeploymentTargetIdRequiredException',
    );
    await expectAwsError(
      client.send(new GetDeploymentTargetCommand({ deploymentId: 'd-AAAAAAAAA', targetId: 'fn' })),
      'DeploymentDoesNotExistException',
    );
    await expectAwsError(
      client.send(
        new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: Array(26).fill('fn') }),
      ),
      'DeploymentTargetListSizeExceededException',
    );
    await expectAwsError(
      client.send(new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: ['ghost'] })),
      'DeploymentTargetDoesNotExistException',
    );
    await expectAwsError(
      client.send(new ListDeploymentTargetsCommand({ deploymentId: 'd-AAAAAAAAA' })),
      'DeploymentDoesNotExistException',
    );
    await expectAwsError(
      client.send(new ListDeploymentTargetsCommand({ deploymentId: id, nextToken: 'zzz' })),
      'InvalidNextTokenException',
    );
    await expectAwsError(
      client.send(
        new ListDeploymentTargetsCommand({ deploymentId: id, targetFilters: { Nope: ['x'] } as never }),
      ),
      'InvalidTargetFilterNameException',
    );
  });

  it('StopDeployment and ContinueDeployment, with their errors', async () => {
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    await d.nextHookEvent();
    await expectAwsError(
      client.send(new ContinueDeploymentCommand({ deploymentId: d.deploymentId })),
      'UnsupportedActionForDeploymentTypeException',
    );
    const stopped = await client.send(
      new StopDeploymentCommand({ deploymentId: d.deploymentId, autoRollbackEnabled: true }),
    );
    expect(stopped).toMatchObject({ status: 'Pending', statusMessage: expect.any(String) });
    const outcome = await d.done;
    expect(outcome).toMatchObject({ status: 'Stopped', rollbackStatus: 'Succeeded' });
    await expectAwsError(
      client.send(new StopDeploymentCommand({ deploymentId: d.deploymentId })),
      'DeploymentAlreadyCompletedException',
    );
    await expectAwsError(
      client.send(new ContinueDeploymentCommand({ deploymentId: d.deploymentId })),
      'DeploymentAlreadyCompletedException',
    );
    await expectAwsError(
      client.send(new StopDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' })),
      'DeploymentDoesNotExistException',
    );
    await expectAwsError(client.send(new ContinueDeploymentCommand({})), 'DeploymentIdRequiredException');
    const ecs = await local.deployEcs({ cluster: 'c', service: 's', hooks: { BeforeInstall: 'manual' } });
    await ecs.nextHookEvent();
    await expectAwsError(
      client.send(
        new ContinueDeploymentCommand({ deploymentId: ecs.deploymentId, deploymentWaitType: 'READY_WAIT' }),
      ),
      'DeploymentIsNotInReadyStateException',
    );
    await expectAwsError(
      client.send(
        new ContinueDeploymentCommand({
          deploymentId: ecs.deploymentId,
          deploymentWaitType: 'NOPE' as DeploymentWaitType,
        }),
      ),
      'InvalidDeploymentWaitTypeException',
    );
  });

  it('PutLifecycleEventHookExecutionStatus errors, each recorded in local.reports', async () => {
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const event = await d.nextHookEvent();
    await expectAwsError(
      report(client, event, 'InProgress'),
      'InvalidLifecycleEventHookExecutionStatusException',
    );
    await expectAwsError(report(client, event, 'Bogus'), 'InvalidLifecycleEventHookExecutionStatusException');
    await expectAwsError(
      report(client, { ...event, LifecycleEventHookExecutionId: 'forged' }, 'Succeeded'),
      'InvalidLifecycleEventHookExecutionIdException',
    );
    await expectAwsError(
      report(client, { ...event, DeploymentId: 'd-AAAAAAAAA' }, 'Succeeded'),
      'DeploymentDoesNotExistException',
    );
    await expectAwsError(
      report(client, { ...event, DeploymentId: 'garbage' }, 'Succeeded'),
      'InvalidDeploymentIdException',
    );
    await expectAwsError(
      report(client, { ...event, DeploymentId: undefined as never }, 'Succeeded'),
      'DeploymentIdRequiredException',
    );
    const ok = await report(client, event, 'Succeeded');
    expect(ok.lifecycleEventHookExecutionId).toBe(event.LifecycleEventHookExecutionId);
    await expectAwsError(report(client, event, 'Failed'), 'LifecycleEventAlreadyCompletedException');
    expect(local.reports.map((r) => r.outcome)).toEqual([
      'InvalidLifecycleEventHookExecutionStatusException',
      'InvalidLifecycleEventHookExecutionStatusException',
      'InvalidLifecycleEventHookExecutionIdException',
      'DeploymentDoesNotExistException',
      'InvalidDeploymentIdException',
      'DeploymentIdRequiredException',
      'accepted',
      'LifecycleEventAlreadyCompletedException',
    ]);
    expect((await d.done).status).toBe('Succeeded');
  });
});
