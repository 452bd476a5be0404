import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import { Lazy, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
// cdk-nag's own renderer, to prove ours names findings exactly as cdk-nag does.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { acknowledgeNag, HookFunction, NAG_REASONS, nagResourceFinding } from '../src/index.js';
import { ecsTarget } from './helpers/ecs-app.js';
import { lambdaTarget } from './helpers/lambda-app.js';
import { FIXTURE_HOOK, newStack, testApp } from './helpers/template.js';

describe('cdk-nag AwsSolutions on greenlight hooks', () => {
  it('passes for a Lambda deployment whose hook uses every check', () => {
    const app = testApp();
    const stack = newStack('Nag', app);
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'PreTraffic', {
      entry: FIXTURE_HOOK,
      uses: { invokeTarget: target.fn, alarms: [target.alarm], metrics: true, targetHealth: true },
    });
    hook.attachToLambdaDeploymentGroup(target.group, 'BeforeAllowTraffic');
    // The deployment group's managed policy is CDK's choice for the group, not the hook's.
    acknowledgeNag(
      target.group.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      'AWS-maintained CodeDeploy service-role policy for Lambda deployments (alias updates, alarms).',
    );
    acknowledgeNag(
      target.fn,
      'AwsSolutions-L1',
      'The deployment target in this test uses nodejs22.x on purpose.',
    );
    acknowledgeNag(
      target.fn,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The deployment target in this test keeps CDK default role.',
    );

    expect(awsSolutionsViolations(app)).toEqual([]);
  });

  it('reports nothing on the constructs of an ECS hook', () => {
    const app = testApp();
    const stack = newStack('NagEcs', app);
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'TestTraffic', {
      entry: FIXTURE_HOOK,
      uses: { ecsServices: [target.service], targetHealth: true },
    });
    hook.attachToEcsDeploymentGroup(target.group, 'AfterAllowTestTraffic');
    const hookPaths = [hook.node.path, hook.hookRole.node.path, hook.logGroup.node.path];

    const all = awsSolutionsViolations(app);
    expect(all.length).toBeGreaterThan(0); // the pack ran: the fixture's VPC and ALB have findings
    expect(all.filter((v) => hookPaths.some((p) => v.path.startsWith(`${p}/`)))).toEqual([]);
  });

  it('acknowledges only the findings its own permissions cause, each with a written reason', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { invokeTarget: target.fn, metrics: true, targetHealth: true },
    });
    const rules = { ...acknowledgedRules(hook), ...acknowledgedRules(hook.hookRole) };
    expect(rules).toEqual({
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]': NAG_REASONS.noResourceLevelPermissions,
      [`AwsSolutions::AwsSolutions-IAM5[${nagResourceFinding(stack, `${target.fn.functionArn}:*`)}]`]:
        NAG_REASONS.targetVersions,
      'AwsSolutions::AwsSolutions-L1': NAG_REASONS.runtime,
    });
  });

  it('acknowledges nothing for a hook without wildcard permissions on a newer runtime', () => {
    const stack = newStack();
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK, runtime: Runtime.NODEJS_24_X });
    expect(acknowledgedRules(hook)).toEqual({});
    expect(acknowledgedRules(hook.hookRole)).toEqual({});
  });

  it.each([
    ['a plain string', 'arn:aws:lambda:eu-west-1:123456789012:function:orders:*'],
    ['a joined GetAtt', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Fn1', 'Arn'] }, ':*']] }],
    [
      'a Ref with pseudo parameters',
      { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'ecs', { Ref: 'Cluster' }, '*']] },
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template
    ['a Sub string', { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:*' }],
  ])('names a finding on %s exactly as cdk-nag does', (_label, value) => {
    const stack = new Stack();
    const asString =
      typeof value === 'string' ? value : Lazy.string({ produce: () => value as unknown as string });
    expect(nagResourceFinding(stack, asString)).toBe(`Resource::${flattenCfnReference(value)}`);
  });

  it('refuses to acknowledge a finding without a reason', () => {
    expect(() => acknowledgeNag(new Stack(), 'AwsSolutions-L1', ' ')).toThrow(/written reason/);
  });
});
