import { createHook, type DeploymentInfo, type DeploymentTargetInfo, LookupError } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

const lambdaTarget = {
  deploymentTarget: {
    deploymentTargetType: 'LambdaTarget',
    lambdaTarget: {
      deploymentId: 'd-ABCDEF123',
      targetId: 'orders:live',
      targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      status: 'InProgress',
      lifecycleEvents: [
        { lifecycleEventName: 'BeforeAllowTraffic', status: 'InProgress', startTime: 1_700_000_000.5 },
        { lifecycleEventName: 'AllowTraffic', status: 'Pending' },
        { lifecycleEventName: 'AfterAllowTraffic', status: 'Pending' },
      ],
      lambdaFunctionInfo: {
        functionName: 'orders',
        functionAlias: 'live',
        currentVersion: '3',
        targetVersion: '4',
        targetVersionWeight: 0,
      },
    },
  },
};

const ecsTarget = {
  deploymentTarget: {
    deploymentTargetType: 'ECSTarget',
    ecsTarget: {
      deploymentId: 'd-ABCDEF123',
      targetId: 'prod-cluster:web',
      status: 'InProgress',
      lifecycleEvents: [
        { lifecycleEventName: 'BeforeInstall', status: 'Succeeded' },
        { lifecycleEventName: 'AfterAllowTestTraffic', status: 'InProgress' },
      ],
      taskSetsInfo: [
        {
          identifer: 'ecs-svc/111',
          desiredCount: 2,
          runningCount: 2,
          pendingCount: 0,
          status: 'PRIMARY',
          trafficWeight: 100,
          targetGroup: { name: 'blue-tg' },
          taskSetLabel: 'Blue',
        },
        {
          identifer: 'ecs-svc/222',
          desiredCount: 2,
          runningCount: 1,
          pendingCount: 1,
          status: 'ACTIVE',
          trafficWeight: 0,
          targetGroup: { name: 'green-tg' },
          taskSetLabel: 'Green',
        },
      ],
    },
  },
};

describe('deployment() and target()', () => {
  let server: TestCodeDeploy;
  let n = 300;
  beforeEach(async () => {
    server = await TestCodeDeploy.start();
    server.responses = {
      GetDeployment: {
        deploymentInfo: {
          deploymentId: 'd-ABCDEF123',
          applicationName: 'orders-app',
          deploymentGroupName: 'orders-dg',
          computePlatform: 'Lambda',
          status: 'InProgress',
          deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          creator: 'user',
        },
      },
      ListDeploymentTargets: { targetIds: ['orders:live'] },
      GetDeploymentTarget: lambdaTarget,
    };
  });
  afterEach(() => server.close());

  it('tells a Lambda hook which version to validate and which lifecycle event it serves, fetching once', async () => {
    const seen: DeploymentTargetInfo[] = [];
    let deployment: DeploymentInfo | undefined;
    const look = async (ctx: {
      target(): Promise<DeploymentTargetInfo>;
      deployment(): Promise<DeploymentInfo>;
    }) => {
      seen.push(await ctx.target());
      deployment = await ctx.deployment();
    };
    const handler = createHook(
      { a: look, b: look, c: look },
      { client: server.client(), logger: captureLogger().logger },
    );
    const result = await handler(event(++n), lambdaContext(10_000));
    expect(result.status).toBe('Succeeded');
    expect(seen[0]).toEqual({
      kind: 'lambda',
      targetId: 'orders:live',
      targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      status: 'InProgress',
      lifecycleEvent: 'BeforeAllowTraffic',
      lifecycleEvents: [
        { name: 'BeforeAllowTraffic', status: 'InProgress', startTime: new Date(1_700_000_000_500) },
        { name: 'AllowTraffic', status: 'Pending' },
        { name: 'AfterAllowTraffic', status: 'Pending' },
      ],
      functionName: 'orders',
      functionAlias: 'live',
      currentVersion: '3',
      targetVersion: '4',
      targetVersionWeight: 0,
    });
    expect(seen[1]).toBe(seen[0]);
    expect(deployment).toMatchObject({
      applicationName: 'orders-app',
      deploymentGroupName: 'orders-dg',
      computePlatform: 'Lambda',
    });
    expect(server.attempts('GetDeployment')).toBe(1);
    expect(server.attempts('ListDeploymentTargets')).toBe(1);
    expect(server.attempts('GetDeploymentTarget')).toBe(1);
    expect(server.calls.find((c) => c.operation === 'GetDeploymentTarget')?.body).toEqual({
      deploymentId: 'd-ABCDEF123',
      targetId: 'orders:live',
    });
  });

  it('tells an ECS hook its cluster, service, task sets and lifecycle event', async () => {
    server.responses.GetDeploymentTarget = ecsTarget;
    let target: DeploymentTargetInfo | undefined;
    await createHook(
      async (ctx) => {
        target = await ctx.target();
      },
      { client: server.client(), logger: captureLogger().logger },
    )(event(++n), lambdaContext(10_000));
    expect(target).toMatchObject({
      kind: 'ecs',
      cluster: 'prod-cluster',
      service: 'web',
      lifecycleEvent: 'AfterAllowTestTraffic',
      replacement: {
        id: 'ecs-svc/222',
        label: 'Green',
        runningCount: 1,
        pendingCount: 1,
        targetGroupName: 'green-tg',
        trafficWeight: 0,
      },
      original: { id: 'ecs-svc/111', label: 'Blue', targetGroupName: 'blue-tg', trafficWeight: 100 },
    });
    expect(target?.kind === 'ecs' && target.taskSets).toHaveLength(2);
  });

  it('retries a throttled look-up', async () => {
    server.script('GetDeployment', { kind: 'error', status: 400, type: 'ThrottlingException' });
    let deployment: DeploymentInfo | undefined;
    await createHook(
      async (ctx) => {
        deployment = await ctx.deployment();
      },
      { client: server.client(), logger: captureLogger().logger, retry: { baseDelayMs: 1 } },
    )(event(++n), lambdaContext(10_000));
    expect(deployment?.deploymentId).toBe('d-ABCDEF123');
    expect(server.attempts('GetDeployment')).toBe(2);
  });

  it('fails the asking check with a LookupError when the look-up is denied, and still reports', async () => {
    server.script('GetDeploymentTarget', {
      kind: 'error',
      status: 400,
      type: 'AccessDeniedException',
      message: 'not authorized to perform: codedeploy:GetDeploymentTarget',
    });
    let thrown: unknown;
    const result = await createHook(
      async (ctx) => {
        try {
          await ctx.target();
        } catch (e) {
          thrown = e;
          throw e;
        }
      },
      { client: server.client(), logger: captureLogger().logger },
    )(event(++n), lambdaContext(10_000));
    expect(thrown).toBeInstanceOf(LookupError);
    expect(result.status).toBe('Failed');
    expect(result.reason).toMatch(
      /GetDeploymentTarget failed for deployment d-ABCDEF123: AccessDeniedException/,
    );
    expect(server.reports).toHaveLength(1);
  });

  it('reads the deployment group, with the names deployment() gives, once', async () => {
    server.responses.GetDeploymentGroup = {
      deploymentGroupInfo: {
        applicationName: 'orders-app',
        deploymentGroupName: 'orders-dg',
        computePlatform: 'Lambda',
        alarmConfiguration: { enabled: true, alarms: [{ name: 'orders-errors' }] },
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      },
    };
    const groups: unknown[] = [];
    const read = async (ctx: { deploymentGroup(): Promise<unknown> }) => {
      groups.push(await ctx.deploymentGroup());
    };
    await createHook({ a: read, b: read }, { client: server.client(), logger: captureLogger().logger })(
      event(++n),
      lambdaContext(10_000),
    );
    expect(groups[0]).toEqual({
      applicationName: 'orders-app',
      deploymentGroupName: 'orders-dg',
      computePlatform: 'Lambda',
      alarmConfiguration: { enabled: true, alarms: [{ name: 'orders-errors' }] },
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
    });
    expect(groups[1]).toBe(groups[0]);
    expect(server.calls.find((c) => c.operation === 'GetDeploymentGroup')?.body).toEqual({
      applicationName: 'orders-app',
      deploymentGroupName: 'orders-dg',
    });
    expect(server.attempts('GetDeploymentGroup')).toBe(1);
  });
});
