import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { awsCli, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import type { EcsNativeHookEvent } from '../../src/index.js';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../../src/index.js';
import { eventually } from '../helpers/sdk.js';

const ACCOUNT = '123456789012';
const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsHooks`;
const TG = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/${name}/0123456789abcdef`;
const RULE = (n: number) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener-rule/app/web/0123456789abcdef/0123456789abcdef/${n}`;

/** A resolvable promise, to hold a hook mid-invocation. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** What each hook function was invoked with, in order. */
type Calls = { fn: string; event: EcsNativeHookEvent }[];

describe('ECS native blue/green over the wire', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let ecs: ECSClient;
  let calls: Calls;

  beforeEach(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    ecs = new ECSClient(aws.config);
    calls = [];
  });
  afterEach(async () => {
    ecs.destroy();
    await aws.close();
  });

  /** Registers a Lambda function that records its event and answers `answer(event)`. */
  function hookFunction(
    name: string,
    answer: (event: EcsNativeHookEvent) => unknown = () => ({ hookStatus: 'SUCCEEDED' }),
  ) {
    aws.services.lambda.registerFunction(name, {
      $LATEST: async (event: unknown) => {
        calls.push({ fn: name, event: event as EcsNativeHookEvent });
        return answer(event as EcsNativeHookEvent);
      },
    });
  }

  function blueGreen(
    hooks: NonNullable<NonNullable<CreateServiceCommandInput['deploymentConfiguration']>['lifecycleHooks']>,
    overrides: Partial<CreateServiceCommandInput> = {},
  ): CreateServiceCommandInput {
    return {
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      launchType: 'FARGATE',
      loadBalancers: [
        {
          targetGroupArn: TG('web-blue'),
          containerName: 'app',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: TG('web-green'),
            productionListenerRule: RULE(1),
            testListenerRule: RULE(2),
            roleArn: ROLE,
          },
        },
      ],
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, lifecycleHooks: hooks },
      ...overrides,
    };
  }

  /** CreateService, then waits for its first deployment to end. */
  async function create(input: CreateServiceCommandInput): Promise<ServiceDeployment> {
    const out = await ecs.send(new CreateServiceCommand(input));
    return finished(out.service!.currentServiceDeployment!);
  }

  async function deploymentOf(arn: string): Promise<ServiceDeployment> {
    const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    return out.serviceDeployments![0]!;
  }

  /** Polls DescribeServiceDeployments until the deployment has ended (fails after 10 s). */
  async function finished(arn: string): Promise<ServiceDeployment> {
    const final = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];
    for (const started = Date.now(); Date.now() - started < 10_000; ) {
      const d = await deploymentOf(arn);
      if (final.includes(d.status!)) return d;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`${arn} did not end within 10 s`);
  }

  it('runs CreateService and UpdateService deployments through their lifecycle hooks, as the SDK sees them', async () => {
    hookFunction('pre-scale');
    hookFunction('smoke');
    const created = await ecs.send(
      new CreateServiceCommand(
        blueGreen([
          { hookTargetArn: fn('pre-scale'), roleArn: ROLE, lifecycleStages: ['PRE_SCALE_UP'] },
          {
            hookTargetArn: fn('smoke'),
            roleArn: ROLE,
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
            hookDetails: { suite: 'checkout' },
          },
        ]),
      ),
    );
    expect(created.service).toMatchObject({
      serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`,
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 },
      taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`,
    });
    const first = await finished(created.service!.currentServiceDeployment!);
    expect(first).toMatchObject({ status: 'SUCCESSFUL', sourceServiceRevisions: [] });

    calls.length = 0;
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' }),
    );
    const arn = updated.service!.currentServiceDeployment!;
    expect(arn).not.toBe(first.serviceDeploymentArn);
    const second = await finished(arn);
    expect(second).toMatchObject({
      status: 'SUCCESSFUL',
      serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`,
      clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`,
      sourceServiceRevisions: [{ arn: first.targetServiceRevision!.arn, runningTaskCount: 0 }],
      targetServiceRevision: {
        requestedTaskCount: 2,
        runningTaskCount: 2,
        requestedProductionTrafficWeight: 100,
      },
      deploymentConfiguration: { strategy: 'BLUE_GREEN' },
    });
    expect(second.finishedAt).toBeInstanceOf(Date);
    // Each hook got ECS's payload for this deployment, with its own hookDetails.
    expect(calls.map((c) => [c.fn, c.event.lifecycleStage])).toEqual([
      ['pre-scale', 'PRE_SCALE_UP'],
      ['smoke', 'POST_TEST_TRAFFIC_SHIFT'],
    ]);
    const green = second.targetServiceRevision!.arn!;
    const blue = first.targetServiceRevision!.arn!;
    expect(calls[1]!.event).toMatchObject({
      resourceArn: arn,
      hookDetails: { suite: 'checkout' },
      executionDetails: { serviceArn: second.serviceArn, targetServiceRevisionArn: green },
    });
    expect(calls[0]!.event.hookDetails).toBeUndefined();
    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({ serviceRevisionArns: [green, blue] }),
    );
    expect(revisions.serviceRevisions?.map((r) => r.taskDefinition)).toEqual([
      `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:2`,
      `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`,
    ]);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(described.services?.[0]).toMatchObject({
      taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:2`,
      runningCount: 2,
      currentServiceDeployment: arn,
      currentServiceRevisions: [{ arn: green, runningTaskCount: 2 }],
      deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' }],
    });
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
    expect(listed.serviceDeployments?.map((d) => [d.serviceDeploymentArn, d.status])).toEqual([
      [arn, 'SUCCESSFUL'],
      [first.serviceDeploymentArn, 'SUCCESSFUL'],
    ]);
    const page = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web', maxResults: 1 }),
    );
    expect(page.serviceDeployments).toHaveLength(1);
    const rest = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web', nextToken: page.nextToken }),
    );
    expect(rest.serviceDeployments?.map((d) => d.serviceDeploymentArn)).toEqual([first.serviceDeploymentArn]);
  });

  it('gives the traffic-shift hooks the weights of the two revisions', async () => {
    hookFunction('shift');
    await create(blueGreen([]));
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            {
              hookTargetArn: fn('shift'),
              roleArn: ROLE,
              lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'],
            },
          ],
        },
      }),
    );
    await eventually(() => calls.length === 2);
    const [test, prod] = calls.map((c) => c.event.executionDetails);
    const green = test!.targetServiceRevisionArn;
    const blue = Object.keys(test!.testTrafficWeights).find((k) => k !== green)!;
    expect(test).toMatchObject({
      testTrafficWeights: { [green]: 100, [blue]: 0 },
      productionTrafficWeights: {},
    });
    expect(prod).toMatchObject({
      testTrafficWeights: {},
      productionTrafficWeights: { [green]: 100, [blue]: 0 },
    });
  });

  it('rolls back when a hook answers FAILED, re-running the traffic-shift hooks, and keeps the old revision', async () => {
    hookFunction('shift');
    hookFunction('verdict', () => ({ hookStatus: 'FAILED' }));
    await create(blueGreen([]));
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            { hookTargetArn: fn('shift'), roleArn: ROLE, lifecycleStages: ['TEST_TRAFFIC_SHIFT'] },
            { hookTargetArn: fn('verdict'), roleArn: ROLE, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] },
          ],
        },
      }),
    );
    const d = await finished(out.service!.currentServiceDeployment!);
    expect(d.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(d.rollback).toMatchObject({
      reason: expect.stringContaining('POST_TEST_TRAFFIC_SHIFT'),
      serviceRevisionArn: d.sourceServiceRevisions![0]!.arn,
    });
    expect(d.rollback?.startedAt).toBeInstanceOf(Date);
    expect(calls.map((c) => [c.fn, c.event.lifecycleStage])).toEqual([
      ['shift', 'TEST_TRAFFIC_SHIFT'],
      ['verdict', 'POST_TEST_TRAFFIC_SHIFT'],
      ['shift', 'TEST_TRAFFIC_SHIFT'],
    ]);
    const back = calls[2]!.event.executionDetails;
    expect(back.testTrafficWeights[back.targetServiceRevisionArn]).toBe(0);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(described.services?.[0]?.taskDefinition).toBe(
      `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:1`,
    );
  });

  it('rolls back when the hook function fails or is not there', async () => {
    hookFunction('throws', () => {
      throw new Error('smoke test crashed');
    });
    await create(blueGreen([]));
    for (const [name, reason] of [
      ['throws', /smoke test crashed/],
      ['missing', /ResourceNotFoundException|Function not found/],
    ] as const) {
      const out = await ecs.send(
        new UpdateServiceCommand({
          cluster: 'prod',
          service: 'web',
          forceNewDeployment: true,
          deploymentConfiguration: {
            strategy: 'BLUE_GREEN',
            lifecycleHooks: [{ hookTargetArn: fn(name), roleArn: ROLE, lifecycleStages: ['POST_SCALE_UP'] }],
          },
        }),
      );
      const d = await finished(out.service!.currentServiceDeployment!);
      expect(d.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(d.statusReason).toMatch(reason);
    }
  });

  it('shows a running hook in DescribeServiceDeployments and rolls back on StopServiceDeployment', async () => {
    const release = deferred<void>();
    hookFunction('approval', async () => {
      await release.promise;
      return { hookStatus: 'SUCCEEDED' };
    });
    await create(blueGreen([]));
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [
            {
              hookTargetArn: fn('approval'),
              roleArn: ROLE,
              lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
              timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
            },
          ],
        },
      }),
    );
    const arn = out.service!.currentServiceDeployment!;
    await eventually(() => calls.length === 1);
    const running = await deploymentOf(arn);
    expect(running).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      lifecycleHookDetails: [
        {
          targetType: 'AWS_LAMBDA',
          targetArn: fn('approval'),
          status: 'IN_PROGRESS',
          timeoutAction: 'ROLLBACK',
        },
      ],
      targetServiceRevision: { requestedTestTrafficWeight: 100, requestedProductionTrafficWeight: 0 },
    });
    const services = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }));
    expect(services.services?.[0]?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    expect(
      await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
    ).toMatchObject({
      serviceDeploymentArn: arn,
    });
    const stopped = await finished(arn);
    release.resolve();
    expect(stopped).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      rollback: { reason: expect.stringContaining('StopServiceDeployment') },
    });
    await expect(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('supersedes a running deployment with a newer one, which reconciles the revisions first', async () => {
    const release = deferred<void>();
    hookFunction('slow', async () => {
      await release.promise;
      return { hookStatus: 'SUCCEEDED' };
    });
    hookFunction('reconcile');
    await create(blueGreen([]));
    const hooks = [
      { hookTargetArn: fn('slow'), roleArn: ROLE, lifecycleStages: ['POST_SCALE_UP' as const] },
      { hookTargetArn: fn('reconcile'), roleArn: ROLE, lifecycleStages: ['RECONCILE_SERVICE' as const] },
    ];
    const first = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: { strategy: 'BLUE_GREEN', lifecycleHooks: hooks },
      }),
    );
    await eventually(() => calls.length === 1);
    const second = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web:3' }),
    );
    release.resolve();
    const superseded = await finished(first.service!.currentServiceDeployment!);
    expect(superseded).toMatchObject({
      status: 'STOPPED',
      statusReason: expect.stringContaining('Superseded'),
    });
    expect(superseded.stoppedAt).toBeInstanceOf(Date);
    expect((await finished(second.service!.currentServiceDeployment!)).status).toBe('SUCCESSFUL');
    expect(calls.map((c) => [c.fn, c.event.lifecycleStage])).toEqual([
      ['slow', 'POST_SCALE_UP'],
      ['reconcile', 'RECONCILE_SERVICE'],
      ['slow', 'POST_SCALE_UP'],
    ]);
  });

  it('deploys a ROLLING service at once, without hooks', async () => {
    hookFunction('never');
    const d = await create({
      cluster: 'prod',
      serviceName: 'worker',
      taskDefinition: 'worker:4',
      deploymentConfiguration: {
        lifecycleHooks: [{ hookTargetArn: fn('never'), roleArn: ROLE, lifecycleStages: ['PRE_SCALE_UP'] }],
      },
    });
    expect(d).toMatchObject({ status: 'SUCCESSFUL', deploymentConfiguration: { strategy: 'ROLLING' } });
    expect(calls).toEqual([]);
  });

  it('closes while a service deployment waits on a hook that never answers', async () => {
    const never = deferred<void>();
    hookFunction('stuck', async () => {
      await never.promise;
      return { hookStatus: 'SUCCEEDED' };
    });
    await create(blueGreen([]));
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'web',
        taskDefinition: 'web:2',
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [{ hookTargetArn: fn('stuck'), roleArn: ROLE, lifecycleStages: ['PRE_SCALE_UP'] }],
        },
      }),
    );
    await eventually(() => calls.length === 1);
    const arn = out.service!.currentServiceDeployment!;
    expect((await deploymentOf(arn)).status).toBe('IN_PROGRESS');
    // The hook never answers: close ends the deployment instead of waiting for it.
    await aws.close();
    never.resolve();
  });

  it('refuses what ECS refuses, with ECS errors', async () => {
    await expect(
      ecs.send(
        new CreateServiceCommand(blueGreen([{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }])),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedFeatureException' });
    await expect(
      ecs.send(
        new CreateServiceCommand(
          blueGreen([{ hookTargetArn: 'not-an-arn', roleArn: ROLE, lifecycleStages: ['PRE_SCALE_UP'] }]),
        ),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecs.send(
        new CreateServiceCommand(
          blueGreen([{ hookTargetArn: fn('x'), roleArn: ROLE, lifecycleStages: ['SCALE_UP' as never] }]),
        ),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await ecs.send(new CreateServiceCommand(blueGreen([])));
    await expect(ecs.send(new CreateServiceCommand(blueGreen([])))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Creation of service was not idempotent.',
    });
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
    });
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: 'nowhere', service: 'web' })),
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
    });
    await expect(
      ecs.send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service-deployment/prod/web/x`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ServiceDeploymentNotFoundException' });
    const missing = await ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: ['arn:nope'] }),
    );
    expect(missing).toMatchObject({
      serviceDeployments: [],
      failures: [{ arn: 'arn:nope', reason: 'MISSING' }],
    });
    await expect(
      ecs.send(new DescribeTaskSetsCommand({ cluster: 'prod', service: 'web' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('lets the AWS CLI create, update, list, describe and stop service deployments (when installed)', async () => {
    const release = deferred<void>();
    hookFunction('gate', async () => {
      await release.promise;
      return { hookStatus: 'SUCCEEDED' };
    });
    const config = JSON.stringify({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ hookTargetArn: fn('gate'), roleArn: ROLE, lifecycleStages: ['PRE_SCALE_UP'] }],
    });
    const created = await awsCli(aws.local.endpoint, [
      'ecs',
      'create-service',
      '--cluster',
      'prod',
      '--service-name',
      'cli',
      '--task-definition',
      'cli:1',
      '--desired-count',
      '1',
      '--deployment-configuration',
      config,
    ]);
    if (!created) return;
    expect(created.stderr).toBe('');
    const first = (created.json as { service: { currentServiceDeployment: string } }).service
      .currentServiceDeployment;
    await eventually(() => calls.length === 1);
    release.resolve();
    await finished(first);
    const release2 = deferred<void>();
    hookFunction('gate', async () => {
      await release2.promise;
      return { hookStatus: 'SUCCEEDED' };
    });
    const updated = await awsCli(aws.local.endpoint, [
      'ecs',
      'update-service',
      '--cluster',
      'prod',
      '--service',
      'cli',
      '--task-definition',
      'cli:2',
    ]);
    const arn = (updated!.json as { service: { currentServiceDeployment: string } }).service
      .currentServiceDeployment;
    const listed = await awsCli(aws.local.endpoint, [
      'ecs',
      'list-service-deployments',
      '--cluster',
      'prod',
      '--service',
      'cli',
    ]);
    expect(
      (listed!.json as { serviceDeployments: { serviceDeploymentArn: string }[] }).serviceDeployments.map(
        (d) => d.serviceDeploymentArn,
      ),
    ).toEqual([arn, first]);
    await eventually(() => calls.length === 2);
    const stop = await awsCli(aws.local.endpoint, [
      'ecs',
      'stop-service-deployment',
      '--service-deployment-arn',
      arn,
      '--stop-type',
      'ROLLBACK',
    ]);
    expect(stop?.json).toEqual({ serviceDeploymentArn: arn });
    release2.resolve();
    await finished(arn);
    const described = await awsCli(aws.local.endpoint, [
      'ecs',
      'describe-service-deployments',
      '--service-deployment-arns',
      arn,
    ]);
    expect(described?.json).toMatchObject({
      serviceDeployments: [{ serviceDeploymentArn: arn, status: 'ROLLBACK_SUCCESSFUL' }],
    });
  });
});
