import {
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import {
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  type TaskSet,
} from '@aws-sdk/client-ecs';
import { awsCli, codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../../src/index.js';

describe('ECS slice', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: ECSClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    client = new ECSClient(aws.config);
    aws.services.ecs.putService({
      cluster: 'shop',
      service: 'web',
      taskSets: [
        {
          identifer: 'ecs-svc/1111',
          desiredCount: 2,
          pendingCount: 0,
          runningCount: 2,
          status: 'PRIMARY',
          trafficWeight: 100,
          targetGroup: 'web-blue',
          taskSetLabel: 'Blue',
          taskDefinition: 'web:3',
          container: { name: 'app', port: 8080 },
        },
        {
          identifer: 'ecs-svc/2222',
          desiredCount: 2,
          pendingCount: 1,
          runningCount: 1,
          status: 'ACTIVE',
          trafficWeight: 0,
          targetGroup: 'web-green',
          taskSetLabel: 'Green',
          taskDefinition: 'web:4',
          container: { name: 'app', port: 8080 },
        },
      ],
      targetGroups: ['web-blue', 'web-green'],
      productionTargetGroup: 'web-blue',
      testTargetGroup: 'web-green',
    });
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  it('describes the task sets of a service, with counts and stability', async () => {
    const out = await client.send(new DescribeTaskSetsCommand({ cluster: 'shop', service: 'web' }));
    expect(
      out.taskSets?.map((t) => [t.id, t.status, t.runningCount, t.pendingCount, t.stabilityStatus]),
    ).toEqual([
      ['ecs-svc/1111', 'PRIMARY', 2, 0, 'STEADY_STATE'],
      ['ecs-svc/2222', 'ACTIVE', 1, 1, 'STABILIZING'],
    ]);
    const green = out.taskSets?.[1];
    expect(green).toMatchObject({
      taskSetArn: 'arn:aws:ecs:us-east-1:123456789012:task-set/shop/web/ecs-svc/2222',
      computedDesiredCount: 2,
      startedBy: 'CODE_DEPLOY',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:4',
      loadBalancers: [
        {
          targetGroupArn: aws.services.elbv2.targetGroupArn('web-green'),
          containerName: 'app',
          containerPort: 8080,
        },
      ],
    });
    expect(green?.createdAt).toBeInstanceOf(Date);
  });

  it('describes chosen task sets by id or ARN, reporting unknown ones as failures', async () => {
    const out = await client.send(
      new DescribeTaskSetsCommand({
        cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop',
        service: 'web',
        taskSets: ['arn:aws:ecs:us-east-1:123456789012:task-set/shop/web/ecs-svc/2222', 'ecs-svc/9999'],
      }),
    );
    expect(out.taskSets?.map((t) => t.id)).toEqual(['ecs-svc/2222']);
    expect(out.failures).toEqual([{ arn: 'ecs-svc/9999', reason: 'MISSING' }]);
  });

  it('reflects task-set changes', async () => {
    aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/2222', { runningCount: 2, pendingCount: 0 });
    const out = await client.send(
      new DescribeTaskSetsCommand({ cluster: 'shop', service: 'web', taskSets: ['ecs-svc/2222'] }),
    );
    expect(out.taskSets?.[0]?.stabilityStatus).toBe('STEADY_STATE');
    aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/2222', { runningCount: 1, pendingCount: 1 });
  });

  it('describes services, reporting missing ones as failures', async () => {
    const out = await client.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web', 'api'] }));
    expect(out.services?.[0]).toMatchObject({
      serviceName: 'web',
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/web',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 3,
      pendingCount: 1,
      deploymentController: { type: 'CODE_DEPLOY' },
    });
    expect(out.services?.[0]?.taskSets).toHaveLength(2);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/api', reason: 'MISSING' },
    ]);
  });

  it('answers unknown clusters and services with ECS errors', async () => {
    await expect(
      client.send(new DescribeTaskSetsCommand({ cluster: 'nope', service: 'web' })),
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
    });
    await expect(
      client.send(new DescribeTaskSetsCommand({ cluster: 'shop', service: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
    });
  });

  it('shows the task sets an ECS deployment in the local CodeDeploy starts', async () => {
    const d = await aws.local.deployEcs({
      cluster: 'prod',
      service: 'orders',
      hooks: { AfterInstall: 'manual' },
    });
    await d.nextHookEvent();
    const out = await client.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'orders' }));
    expect(out.taskSets?.map((t) => [t.status, t.loadBalancers?.[0]?.targetGroupArn?.split('/')[1]])).toEqual(
      [
        ['PRIMARY', 'blue-tg'],
        ['ACTIVE', 'green-tg'],
      ],
    );
    d.stop();
    await d.done;
  });

  it("shows a hook the deployment's own task definition ARN and container through DescribeTaskSets", async () => {
    const codedeploy = codeDeployClient(aws);
    const taskDefinition = 'arn:aws:ecs:us-east-1:123456789012:task-definition/checkout:7';
    await codedeploy.send(
      new CreateApplicationCommand({ applicationName: 'checkout', computePlatform: 'ECS' }),
    );
    await codedeploy.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'checkout',
        deploymentGroupName: 'checkout-dg',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
        ecsServices: [{ clusterName: 'prod', serviceName: 'checkout' }],
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        loadBalancerInfo: {
          targetGroupPairInfoList: [
            {
              targetGroups: [{ name: 'checkout-a' }, { name: 'checkout-b' }],
              prodTrafficRoute: {
                listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/c/1/80'],
              },
            },
          ],
        },
      }),
    );
    let seen: TaskSet | undefined;
    aws.local.registerFunction('CodeDeployHook_taskset', async (event) => {
      const out = await client.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'checkout' }));
      seen = out.taskSets?.find((t) => t.status === 'ACTIVE');
      await codedeploy.send(
        new PutLifecycleEventHookExecutionStatusCommand({
          deploymentId: event.DeploymentId,
          lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
          status: 'Succeeded',
        }),
      );
    });
    const content = JSON.stringify({
      version: 0.0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: taskDefinition,
              LoadBalancerInfo: { ContainerName: 'checkout-app', ContainerPort: 8080 },
            },
          },
        },
      ],
      Hooks: [{ AfterInstall: 'CodeDeployHook_taskset' }],
    });
    const { deploymentId } = await codedeploy.send(
      new CreateDeploymentCommand({
        applicationName: 'checkout',
        deploymentGroupName: 'checkout-dg',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content } },
      }),
    );
    expect((await aws.local.deployment(deploymentId!)!.done).status).toBe('Succeeded');
    codedeploy.destroy();
    expect(seen?.taskDefinition).toBe(taskDefinition);
    expect(seen?.loadBalancers).toEqual([
      {
        targetGroupArn: aws.services.elbv2.targetGroupArn('checkout-b'),
        containerName: 'checkout-app',
        containerPort: 8080,
      },
    ]);
  });

  it('works with the AWS CLI (when installed)', async () => {
    const sets = await awsCli(aws.local.endpoint, [
      'ecs',
      'describe-task-sets',
      '--cluster',
      'shop',
      '--service',
      'web',
    ]);
    if (!sets) return;
    expect(sets.code).toBe(0);
    expect(sets.json).toMatchObject({
      taskSets: [
        { id: 'ecs-svc/1111', stabilityStatus: 'STEADY_STATE' },
        { id: 'ecs-svc/2222', stabilityStatus: 'STABILIZING' },
      ],
    });
    const services = await awsCli(aws.local.endpoint, [
      'ecs',
      'describe-services',
      '--cluster',
      'shop',
      '--services',
      'web',
    ]);
    expect(services?.json).toMatchObject({
      services: [{ serviceName: 'web', runningCount: 3 }],
      failures: [],
    });
    const missing = await awsCli(aws.local.endpoint, [
      'ecs',
      'describe-task-sets',
      '--cluster',
      'nope',
      '--service',
      'web',
    ]);
    expect(missing?.stderr).toMatch(/ClusterNotFoundException/);
  });
});
