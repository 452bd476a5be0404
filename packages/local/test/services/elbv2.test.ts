import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCli, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../../src/index.js';

describe('ELBv2 slice', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: ElasticLoadBalancingV2Client;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    client = new ElasticLoadBalancingV2Client(aws.config);
    aws.services.elbv2.setTargetHealth('api-green', [
      { id: '10.0.1.15', port: 8080, state: 'healthy' },
      {
        id: '10.0.1.16',
        port: 8080,
        state: 'unhealthy',
        reason: 'Target.FailedHealthChecks',
        description: 'Health checks failed',
      },
    ]);
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  it('finds a target group by name and describes its targets', async () => {
    const groups = await client.send(new DescribeTargetGroupsCommand({ Names: ['api-green'] }));
    const arn = groups.TargetGroups?.[0]?.TargetGroupArn;
    expect(arn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/api-green\/[0-9a-f]{16}$/,
    );
    const health = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(health.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: '10.0.1.15', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: { State: 'healthy' },
      },
      {
        Target: { Id: '10.0.1.16', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'unhealthy',
          Reason: 'Target.FailedHealthChecks',
          Description: 'Health checks failed',
        },
      },
    ]);
  });

  it('describes only the targets asked for, unregistered ones as unused', async () => {
    const arn = aws.services.elbv2.targetGroupArn('api-green');
    const health = await client.send(
      new DescribeTargetHealthCommand({
        TargetGroupArn: arn,
        Targets: [{ Id: '10.0.1.16', Port: 8080 }, { Id: '10.9.9.9' }],
      }),
    );
    expect(
      health.TargetHealthDescriptions?.map((d) => [
        d.Target?.Id,
        d.TargetHealth?.State,
        d.TargetHealth?.Reason,
      ]),
    ).toEqual([
      ['10.0.1.16', 'unhealthy', 'Target.FailedHealthChecks'],
      ['10.9.9.9', 'unused', 'Target.NotRegistered'],
    ]);
  });

  it('derives targets from the simulated ECS task sets: running tasks healthy, pending ones initial', async () => {
    aws.services.ecs.putService({
      cluster: 'shop',
      service: 'web',
      taskSets: [
        {
          identifer: 'ecs-svc/1',
          desiredCount: 3,
          pendingCount: 1,
          runningCount: 2,
          status: 'ACTIVE',
          trafficWeight: 0,
          targetGroup: 'web-green',
          taskSetLabel: 'Green',
          taskDefinition: 'web:2',
        },
      ],
      targetGroups: ['web-blue', 'web-green'],
      productionTargetGroup: 'web-blue',
      testTargetGroup: undefined,
    });
    const health = await client.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: aws.services.elbv2.targetGroupArn('web-green') }),
    );
    expect(health.TargetHealthDescriptions?.map((d) => d.TargetHealth?.State)).toEqual([
      'healthy',
      'healthy',
      'initial',
    ]);
    const blue = await client.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: aws.services.elbv2.targetGroupArn('web-blue') }),
    );
    expect(blue.TargetHealthDescriptions).toEqual([]);
  });

  it('accepts health set by an ARN of its own making', async () => {
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/made-up/50dc6c495c0c9188';
    aws.services.elbv2.setTargetHealth(arn, [{ id: 'i-0abc', port: 443, state: 'draining' }]);
    const health = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    expect(health.TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.TargetHealth?.State])).toEqual([
      ['i-0abc', 'draining'],
    ]);
  });

  it('answers unknown target groups with TargetGroupNotFound', async () => {
    await expect(client.send(new DescribeTargetGroupsCommand({ Names: ['nope'] }))).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    const fake = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef';
    await expect(
      client.send(new DescribeTargetHealthCommand({ TargetGroupArn: fake })),
    ).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException',
    });
  });

  it('works with the AWS CLI (when installed)', async () => {
    const arn = aws.services.elbv2.targetGroupArn('api-green');
    const health = await awsCli(aws.local.endpoint, [
      'elbv2',
      'describe-target-health',
      '--target-group-arn',
      arn,
    ]);
    if (!health) return;
    expect(health.code).toBe(0);
    expect(health.json).toEqual({
      TargetHealthDescriptions: [
        {
          Target: { Id: '10.0.1.15', Port: 8080 },
          HealthCheckPort: '8080',
          TargetHealth: { State: 'healthy' },
        },
        {
          Target: { Id: '10.0.1.16', Port: 8080 },
          HealthCheckPort: '8080',
          TargetHealth: {
            State: 'unhealthy',
            Reason: 'Target.FailedHealthChecks',
            Description: 'Health checks failed',
          },
        },
      ],
    });
    const missing = await awsCli(aws.local.endpoint, ['elbv2', 'describe-target-groups', '--names', 'nope']);
    expect(missing?.code).not.toBe(0);
    expect(missing?.stderr).toMatch(/TargetGroupNotFound/);
  });
});
