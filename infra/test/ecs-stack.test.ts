import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ECS_LIFECYCLE_EVENTS, type EcsLifecycleEvent, type HookFunction } from '@greenlight/cdk';
import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EcsBlueGreenStack } from '../lib/ecs-stack.js';
import { CONTAINER_PORT, demoServerCommand } from '../lib/web-service.js';
import { arnOf, FIXTURE_HOOK, logicalId, sorted, statementsOfRole, testApp } from './helpers.js';

function build(app = testApp()): EcsBlueGreenStack {
  const hooks: Partial<Record<EcsLifecycleEvent, string>> = {};
  for (const event of ECS_LIFECYCLE_EVENTS) hooks[event] = FIXTURE_HOOK;
  return new EcsBlueGreenStack(app, 'Ecs', { hooks });
}

function hookAt(stack: EcsBlueGreenStack, event: EcsLifecycleEvent): HookFunction {
  const hook = stack.hooks[event];
  if (!hook) throw new Error(`no hook at ${event}`);
  return hook;
}

describe('EcsBlueGreenStack', () => {
  let stack: EcsBlueGreenStack;
  let template: Template;
  beforeAll(() => {
    stack = build();
    template = Template.fromStack(stack);
  });

  it('runs one ARM64 Fargate task under the CODE_DEPLOY deployment controller', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentController: { Type: 'CODE_DEPLOY' },
      DesiredCount: 1,
      LaunchType: 'FARGATE',
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      Cpu: '256',
      Memory: '512',
    });
  });

  it('serves production on port 80 and test traffic on port 8080, both to the blue target group at rest', () => {
    const blue = logicalId(stack.web.blueTargetGroup);
    for (const port of [80, 8080]) {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: port,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: blue } }],
      });
    }
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip' }, 2);
  });

  it('swaps blue and green through an EcsDeploymentGroup with the production and test routes', () => {
    const web = stack.web;
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
      ECSServices: [
        {
          ClusterName: { Ref: logicalId(web.cluster) },
          ServiceName: { 'Fn::GetAtt': [logicalId(web.service), 'Name'] },
        },
      ],
      LoadBalancerInfo: {
        TargetGroupPairInfoList: [
          {
            ProdTrafficRoute: { ListenerArns: [{ Ref: logicalId(web.productionListener) }] },
            TestTrafficRoute: { ListenerArns: [{ Ref: logicalId(web.testListener) }] },
            TargetGroups: [
              { Name: { 'Fn::GetAtt': [logicalId(web.blueTargetGroup), 'TargetGroupName'] } },
              { Name: { 'Fn::GetAtt': [logicalId(web.greenTargetGroup), 'TargetGroupName'] } },
            ],
          },
        ],
      },
    });
  });

  it('has a hook at each of the five ECS lifecycle events', () => {
    expect(Object.keys(stack.hooks)).toEqual([...ECS_LIFECYCLE_EVENTS]);
    for (const event of ECS_LIFECYCLE_EVENTS) expect(hookAt(stack, event).ecsEvents).toEqual([event]);
  });

  it("lets CodeDeploy's ECS role invoke exactly the five hooks", () => {
    const invoke = ECS_LIFECYCLE_EVENTS.map((event) => ({
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: [arnOf(logicalId(hookAt(stack, event)))],
    }));
    expect(statementsOfRole(template, logicalId(stack.deploymentGroup.role))).toEqual(sorted(invoke));
  });

  it.each([
    ['BeforeInstall', 'nothing more (its check is http)'],
    ['AfterInstall', 'the service and its task sets (ecsTaskSet)'],
    ['AfterAllowTestTraffic', 'target health (targetHealth)'],
    ['BeforeAllowTraffic', 'the two alarms (alarms)'],
    ['AfterAllowTraffic', 'the two alarms (alarms)'],
  ] as const)('gives the %s hook exactly: logs, report and look-ups on the group, and %s', (event, _uses) => {
    const hook = hookAt(stack, event);
    const web = stack.web;
    const groupArn = stack.resolve(stack.deploymentGroup.deploymentGroupArn);
    const taskSets = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ecs:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':task-set/',
          { Ref: logicalId(web.cluster) },
          '/',
          { 'Fn::GetAtt': [logicalId(web.service), 'Name'] },
          '/*',
        ],
      ],
    };
    const base = [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [arnOf(logicalId(hook.logGroup))],
      },
      { Effect: 'Allow', Action: ['codedeploy:PutLifecycleEventHookExecutionStatus'], Resource: [groupArn] },
      {
        Effect: 'Allow',
        Action: [
          'codedeploy:GetDeployment',
          'codedeploy:GetDeploymentTarget',
          'codedeploy:ListDeploymentTargets',
        ],
        Resource: [groupArn],
      },
    ];
    const alarms = [
      {
        Effect: 'Allow',
        Action: ['cloudwatch:DescribeAlarms'],
        Resource: stack.alarms.map((a) => arnOf(logicalId(a))),
      },
    ];
    const extra = {
      BeforeInstall: [],
      AfterInstall: [
        { Effect: 'Allow', Action: ['ecs:DescribeServices'], Resource: [{ Ref: logicalId(web.service) }] },
        { Effect: 'Allow', Action: ['ecs:DescribeTaskSets'], Resource: [taskSets] },
      ],
      AfterAllowTestTraffic: [
        {
          Effect: 'Allow',
          Action: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
          Resource: ['*'],
        },
      ],
      BeforeAllowTraffic: alarms,
      AfterAllowTraffic: alarms,
    }[event];
    expect(statementsOfRole(template, logicalId(hook.hookRole))).toEqual(sorted([...base, ...extra]));
  });

  it('tells the hooks the listener URLs, the dependency health URL and the alarm names the examples read', () => {
    const variables =
      template.toJSON().Resources[logicalId(hookAt(stack, 'BeforeAllowTraffic'))].Properties.Environment
        .Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'ALARM_NAMES',
      'DEPENDENCY_HEALTH_URL',
      'NODE_OPTIONS',
      'PRODUCTION_LISTENER_URL',
      'TEST_LISTENER_URL',
    ]);
    expect(JSON.stringify(variables.TEST_LISTENER_URL)).toContain(':8080/');
  });

  it('stops and rolls back a deployment when either alarm fires', () => {
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: {
        Enabled: true,
        Alarms: stack.alarms.map((a) => ({ Name: { Ref: logicalId(a) } })),
      },
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
    });
  });

  it('outputs the AppSpec listing the task definition, container and the five hooks in lifecycle order', () => {
    const value = template.toJSON().Outputs.AppSpec.Value as { 'Fn::Join': [string, unknown[]] };
    const parts = value['Fn::Join'][1];
    expect(parts).toContainEqual({ Ref: logicalId(stack.web.taskDefinition) });
    const text = parts.map((p) => (typeof p === 'string' ? p : `<${JSON.stringify(p)}>`)).join('');
    expect(text).toMatch(/^\{"version":0\.0,"Resources":\[\{"TargetService":\{"Type":"AWS::ECS::Service"/);
    expect(text).toContain('"LoadBalancerInfo":{"ContainerName":"web","ContainerPort":80}');
    const order = ECS_LIFECYCLE_EVENTS.map((event) =>
      text.indexOf(`{"${event}":"<{"Ref":"${logicalId(hookAt(stack, event))}"}>"}`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('runs without a NAT gateway, so nothing but the ALB and one task costs money at rest', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } },
    });
  });

  it('admits traffic to the tasks from the load balancer only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      GroupId: { 'Fn::GetAtt': [logicalId(stack.web.serviceSecurityGroup), 'GroupId'] },
      SourceSecurityGroupId: Match.anyValue(),
    });
    const sg = template.toJSON().Resources[logicalId(stack.web.serviceSecurityGroup)].Properties;
    expect(sg.SecurityGroupIngress).toBeUndefined();
  });

  it("runs a demo server that answers the examples' HTTP checks with {status: 'ok'}", async () => {
    const [node, flag, code] = demoServerCommand();
    expect([node, flag]).toEqual(['node', '-e']);
    // The same server on a free port instead of 80, printing the port it got.
    const script = (code ?? '').replace(
      `.listen(${CONTAINER_PORT});`,
      '.listen(0, "127.0.0.1", function () { console.log(this.address().port); });',
    );
    expect(script).not.toEqual(code);
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const response = await fetch(`http://127.0.0.1:${chunk.toString().trim()}/health`);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ status: 'ok', path: '/health' });
    } finally {
      child.kill();
    }
  });

  it('has no dependency cycle CloudFormation would reject (hooks, roles and the group reference each other)', () => {
    // CDK's Template rejects a template whose resources depend on each other in a cycle.
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('passes the cdk-nag AwsSolutions pack, every acknowledgment with a written reason', () => {
    const app = testApp();
    const nagged = build(app);
    expect(awsSolutionsViolations(app)).toEqual([]);
    const reasons = Object.values(acknowledgedRules(nagged));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
  });
});
