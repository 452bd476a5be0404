import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CheckCallError } from '@greenlight/checks';
import { ecsTaskSet } from '@greenlight/checks/ecs-task-set';
import { targetHealth } from '@greenlight/checks/target-health';
import { type CheckVerdict, createHook, type DeploymentTargetInfo, type HookResult } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';

const ecsTarget = (replacement?: { id: string; targetGroupName: string }): DeploymentTargetInfo => ({
  kind: 'ecs',
  targetId: 'shop:web',
  lifecycleEvents: [],
  cluster: 'shop',
  service: 'web',
  taskSets: replacement ? [{ ...replacement, label: 'Green' }] : [],
  ...(replacement && { replacement: { ...replacement, label: 'Green' } }),
});
const green = { id: 'ecs-svc/2222', targetGroupName: 'web-green' };

describe('targetHealth and ecsTaskSet', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let elbv2: ElasticLoadBalancingV2Client;
  let ecs: ECSClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    elbv2 = new ElasticLoadBalancingV2Client(aws.config);
    ecs = new ECSClient(aws.config);
    const taskSet = (
      identifer: string,
      label: 'Blue' | 'Green',
      targetGroup: string,
      running: number,
      pending: number,
    ) => ({
      identifer,
      desiredCount: 2,
      pendingCount: pending,
      runningCount: running,
      status: label === 'Blue' ? ('PRIMARY' as const) : ('ACTIVE' as const),
      trafficWeight: label === 'Blue' ? 100 : 0,
      targetGroup,
      taskSetLabel: label,
      taskDefinition: 'web:4',
    });
    aws.services.ecs.putService({
      cluster: 'shop',
      service: 'web',
      taskSets: [
        taskSet('ecs-svc/1111', 'Blue', 'web-blue', 2, 0),
        taskSet('ecs-svc/2222', 'Green', 'web-green', 1, 1),
      ],
      targetGroups: ['web-blue', 'web-green'],
      productionTargetGroup: 'web-blue',
      testTargetGroup: 'web-green',
    });
    aws.services.elbv2.setTargetHealth('api-tg', [
      { id: '10.0.0.1', state: 'healthy' },
      { id: '10.0.0.2', state: 'unhealthy', reason: 'Target.Timeout' },
    ]);
  });

  afterAll(async () => {
    elbv2.destroy();
    ecs.destroy();
    await aws.close();
  });

  const health = async (
    options: Parameters<typeof targetHealth>[0],
    target = ecsTarget(green),
    signal?: AbortSignal,
  ): Promise<CheckVerdict> =>
    toVerdict(
      await targetHealth({ client: elbv2, ...options })(checkContext({ target, ...(signal && { signal }) })),
    );
  const steady = async (
    options: Parameters<typeof ecsTaskSet>[0],
    target = ecsTarget(green),
    signal?: AbortSignal,
  ): Promise<CheckVerdict> =>
    toVerdict(
      await ecsTaskSet({ client: ecs, ...options })(checkContext({ target, ...(signal && { signal }) })),
    );

  describe('targetHealth', () => {
    it("reads the replacement task set's target group from the deployment", async () => {
      expect(await health({})).toEqual({
        passed: true,
        reason: 'target group web-green: 1 healthy, 1 initial',
      });
      expect(await health({ minHealthy: 2 })).toEqual({
        passed: false,
        reason: 'target group web-green: 1 healthy, expected at least 2 (1 healthy, 1 initial)',
      });
    });

    it('fails on an unhealthy target and names it with its reason', async () => {
      expect(await health({ targetGroupName: 'api-tg' })).toEqual({
        passed: false,
        reason: 'target group api-tg: 1 unhealthy: 10.0.0.2:80 unhealthy (Target.Timeout)',
      });
      const arn = aws.services.elbv2.targetGroupArn('api-tg');
      expect((await health({ targetGroupArn: async () => arn })).reason).toBe(
        `target group ${arn}: 1 unhealthy: 10.0.0.2:80 unhealthy (Target.Timeout)`,
      );
    });

    it('fails without a target group to check, and errors on an unknown one', async () => {
      expect(await health({}, ecsTarget())).toEqual({
        passed: false,
        reason: 'the ECS deployment of shop/web has no replacement task set with a target group yet',
      });
      const lambda = {
        kind: 'lambda',
        targetId: 'f',
        lifecycleEvents: [],
        functionName: 'f',
        targetVersion: '2',
      } as const;
      expect((await health({}, lambda)).reason).toBe(
        'targetHealth needs a target group, or an ECS deployment; this deployment targets lambda',
      );
      const unknown = health({ targetGroupName: 'nope' });
      await expect(unknown).rejects.toBeInstanceOf(CheckCallError);
      await expect(unknown).rejects.toThrow(
        /^targetHealth: DescribeTargetGroups failed: TargetGroupNotFoundException: /,
      );
    });

    it('ends promptly when the hook deadline fires mid-request', async () => {
      aws.local.faults.inject('DescribeTargetHealth', { kind: 'delay', delayMs: 3_000, times: 1 });
      const { value, ms } = await timed(() => health({}, ecsTarget(green), deadlineSignal(100)));
      expect(value).toEqual({
        passed: false,
        reason: 'timed out after 100 ms while reading the health of target group web-green',
      });
      expect(ms).toBeLessThan(1_000);
    });

    it('rejects unknown and malformed options with a TypeError that names them', () => {
      expect(() => targetHealth({ minimum: 1 } as never)).toThrow(
        /^Unknown option `minimum` of targetHealth\(\)/,
      );
      expect(() => targetHealth({ targetGroupArn: 'web-green' })).toThrow(
        /Expected `targetGroupArn` to be an ARN/,
      );
      expect(() => targetHealth({ minHealthy: -1 })).toThrow(
        'Expected `minHealthy` to be a non-negative integer, got -1',
      );
      expect(() => targetHealth({ targetGroupArn: 'arn:x', targetGroupName: 'x' })).toThrow(/not both/);
    });
  });

  describe('ecsTaskSet', () => {
    it('fails while the replacement task set is still starting, naming what differs', async () => {
      expect(await steady({})).toEqual({
        passed: false,
        reason:
          'task set ecs-svc/2222 of shop/web is not steady: 1 of 2 tasks running, 1 pending, stability STABILIZING',
      });
    });

    it('passes once it is steady, and checks any task set given by name', async () => {
      aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/2222', { runningCount: 2, pendingCount: 0 });
      try {
        expect(await steady({})).toEqual({
          passed: true,
          reason: 'task set ecs-svc/2222 of shop/web is steady: 2 of 2 tasks running, ACTIVE',
        });
      } finally {
        aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/2222', { runningCount: 1, pendingCount: 1 });
      }
      const blue = { cluster: 'shop', service: 'web', taskSet: 'ecs-svc/1111' };
      expect((await steady(blue, ecsTarget())).passed).toBe(true);
      expect((await steady({ ...blue, taskSet: 'ecs-svc/404' }, ecsTarget())).reason).toBe(
        'task set ecs-svc/404 of shop/web: not found (MISSING)',
      );
    });

    it('fails for a draining task set, and errors on an unknown cluster', async () => {
      aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/1111', { status: 'DRAINING' });
      try {
        expect((await steady({ cluster: 'shop', service: 'web', taskSet: 'ecs-svc/1111' })).reason).toBe(
          'task set ecs-svc/1111 of shop/web is not steady: status DRAINING',
        );
      } finally {
        aws.services.ecs.updateTaskSet('shop', 'web', 'ecs-svc/1111', { status: 'PRIMARY' });
      }
      await expect(steady({ cluster: 'nope', service: 'web', taskSet: 'x' })).rejects.toThrow(
        /^ecsTaskSet: DescribeTaskSets failed: ClusterNotFoundException: Cluster not found\.$/,
      );
    });

    it('ends promptly when the hook deadline fires mid-request', async () => {
      aws.local.faults.inject('DescribeTaskSets', { kind: 'delay', delayMs: 3_000, times: 1 });
      const { value, ms } = await timed(() => steady({}, ecsTarget(green), deadlineSignal(100)));
      expect(value).toEqual({
        passed: false,
        reason: 'timed out after 100 ms while describing task set ecs-svc/2222 of shop/web',
      });
      expect(ms).toBeLessThan(1_000);
    });

    it('rejects unknown and malformed options with a TypeError that names them', () => {
      expect(() => ecsTaskSet({ taskSetId: 'x' } as never)).toThrow(
        'Unknown option `taskSetId` of ecsTaskSet(). Known options: cluster, service, taskSet, client',
      );
      expect(() => ecsTaskSet({ cluster: '' })).toThrow(
        'Expected `cluster` to be a non-empty string, got ""',
      );
    });
  });

  it('both pass in an AfterAllowTestTraffic hook of an ECS deployment in the local CodeDeploy', async () => {
    const codedeploy = codeDeployClient(aws);
    const results: HookResult[] = [];
    const hook = createHook(
      { targets: targetHealth({ client: elbv2 }), steady: ecsTaskSet({ client: ecs }) },
      { client: codedeploy },
    );
    const d = await aws.local.deployEcs({
      cluster: 'prod',
      service: 'orders',
      desiredCount: 2,
      hooks: {
        AfterAllowTestTraffic: async (event, context) => {
          const result = await hook(event, context as never);
          results.push(result);
          return result;
        },
      },
    });
    expect(await d.done).toEqual({ status: 'Succeeded' });
    await d.settled;
    expect(results[0]?.checks.map((c) => [c.name, c.status, c.reason])).toEqual([
      ['targets', 'Succeeded', 'target group green-tg: 2 healthy'],
      [
        'steady',
        'Succeeded',
        expect.stringMatching(
          /^task set ecs-svc\/\d+ of prod\/orders is steady: 2 of 2 tasks running, ACTIVE$/,
        ),
      ],
    ]);
    codedeploy.destroy();
  });
});
