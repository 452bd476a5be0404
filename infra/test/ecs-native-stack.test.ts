import { join } from 'node:path';
import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import { Template } from 'aws-cdk-lib/assertions';
import { EcsNativeBlueGreenStack } from '../lib/ecs-native-stack.js';
import { arnOf, logicalId, statementsOfRole, testApp } from './helpers.js';

const NATIVE_HOOK = join(__dirname, 'fixtures', 'ecs-native-hook.ts');

function build(
  props: Partial<ConstructorParameters<typeof EcsNativeBlueGreenStack>[2]> = {},
  app = testApp(),
) {
  return new EcsNativeBlueGreenStack(app, 'EcsNative', { hookEntry: NATIVE_HOOK, ...props });
}

describe('EcsNativeBlueGreenStack', () => {
  let stack: EcsNativeBlueGreenStack;
  let template: Template;
  beforeAll(() => {
    stack = build();
    template = Template.fromStack(stack);
  });

  it('runs the service under the ECS controller with the BLUE_GREEN strategy and the hook at POST_TEST_TRAFFIC_SHIFT', () => {
    const role = stack.hook.ecsInvokeRole;
    if (!role) throw new Error('no ECS invoke role');
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentController: { Type: 'ECS' },
      DeploymentConfiguration: {
        Strategy: 'BLUE_GREEN',
        LifecycleHooks: [
          {
            HookTargetArn: arnOf(logicalId(stack.hook)),
            RoleArn: arnOf(logicalId(role)),
            LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          },
        ],
      },
    });
  });

  it('gives ECS the green target group, both listener rules and the load balancer role to shift them', () => {
    const { web } = stack;
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [
        {
          ContainerName: 'web',
          ContainerPort: 80,
          TargetGroupArn: { Ref: logicalId(web.blueTargetGroup) },
          AdvancedConfiguration: {
            AlternateTargetGroupArn: { Ref: logicalId(web.greenTargetGroup) },
            ProductionListenerRule: { Ref: logicalId(web.node.findChild('ProductionRule')) },
            TestListenerRule: { Ref: logicalId(web.node.findChild('TestRule')) },
            RoleArn: arnOf(logicalId(web.loadBalancerRole as never)),
          },
        },
      ],
    });
    const forward = {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: { Ref: logicalId(web.blueTargetGroup) }, Weight: 100 },
          { TargetGroupArn: { Ref: logicalId(web.greenTargetGroup) }, Weight: 0 },
        ],
      },
    };
    template.resourcePropertiesCountIs(
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      { Actions: [forward] },
      2,
    );
  });

  it('lets ECS invoke exactly the hook, and grants the hook no CodeDeploy action', () => {
    const role = stack.hook.ecsInvokeRole;
    if (!role) throw new Error('no ECS invoke role');
    expect(statementsOfRole(template, logicalId(role))).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(logicalId(stack.hook))] },
    ]);
    expect(
      template.toJSON().Resources[logicalId(role)].Properties.AssumeRolePolicyDocument.Statement,
    ).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs.amazonaws.com' } }]);
    expect(statementsOfRole(template, logicalId(stack.hook.hookRole))).toEqual([
      {
        Effect: 'Allow',
        Action: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [arnOf(logicalId(stack.hook.logGroup))],
      },
    ]);
  });

  it("gives the hook the example's variables and runs the two tasks it waits for", () => {
    const dns = { 'Fn::GetAtt': [logicalId(stack.web.loadBalancer), 'DNSName'] };
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          PRODUCTION_LISTENER_URL: { 'Fn::Join': ['', ['http://', dns, '/']] },
          TEST_LISTENER_URL: { 'Fn::Join': ['', ['http://', dns, ':8080/']] },
          TEST_TARGET_GROUP: { 'Fn::GetAtt': [logicalId(stack.web.greenTargetGroup), 'TargetGroupName'] },
        },
      },
    });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 2 });
  });

  it('puts the revision label in the container, and takes other stages', () => {
    const other = build({ revision: '7', stages: ['PRE_SCALE_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'] });
    const t = Template.fromStack(other);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [{ DockerLabels: { 'greenlight.revision': '7' } }],
    });
    t.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        LifecycleHooks: [{ LifecycleStages: ['PRE_SCALE_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'] }],
      },
    });
  });

  it('passes cdk-nag AwsSolutions, every acknowledgment with a written reason', () => {
    const app = testApp();
    const nagged = build({}, app);
    expect(awsSolutionsViolations(app)).toEqual([]);
    const reasons = Object.values(acknowledgedRules(nagged));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
  });
});
