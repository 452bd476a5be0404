import { runInNewContext } from 'node:vm';
import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import { Template } from 'aws-cdk-lib/assertions';
import { LambdaCanaryStack } from '../lib/lambda-stack.js';
import { targetSource } from '../lib/target-function.js';
import { arnOf, FIXTURE_HOOK, logicalId, sorted, statementsOfRole, testApp } from './helpers.js';

function build(app = testApp()): LambdaCanaryStack {
  return new LambdaCanaryStack(app, 'Lambda', {
    hooks: { beforeAllowTraffic: FIXTURE_HOOK, afterAllowTraffic: FIXTURE_HOOK },
  });
}

describe('LambdaCanaryStack', () => {
  let stack: LambdaCanaryStack;
  let template: Template;
  let groupArn: unknown;
  beforeAll(() => {
    stack = build();
    template = Template.fromStack(stack);
    groupArn = stack.resolve(stack.deploymentGroup.deploymentGroupArn);
  });

  it('shifts the live alias through a 10% five-minute canary and rolls back on failure or alarm', () => {
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      AlarmConfiguration: {
        Enabled: true,
        Alarms: [
          { Name: { Ref: logicalId(stack.target.errorsAlarm) } },
          { Name: { Ref: logicalId(stack.target.latencyAlarm) } },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live' });
  });

  it('runs the pre-traffic and post-traffic hooks on every alias update', () => {
    template.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: {
          BeforeAllowTrafficHook: { Ref: logicalId(stack.preTrafficHook) },
          AfterAllowTrafficHook: { Ref: logicalId(stack.postTrafficHook) },
        },
      },
    });
  });

  it('gives the pre-traffic hook exactly: logs, report and look-ups on the group, invoke on the target versions, the two alarms', () => {
    const hook = stack.preTrafficHook;
    expect(statementsOfRole(template, logicalId(hook.hookRole))).toEqual(
      sorted([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [arnOf(logicalId(hook.logGroup))],
        },
        {
          Effect: 'Allow',
          Action: ['codedeploy:PutLifecycleEventHookExecutionStatus'],
          Resource: [groupArn],
        },
        {
          Effect: 'Allow',
          Action: [
            'codedeploy:GetDeployment',
            'codedeploy:GetDeploymentTarget',
            'codedeploy:ListDeploymentTargets',
          ],
          Resource: [groupArn],
        },
        {
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [{ 'Fn::Join': ['', [arnOf(logicalId(stack.target.fn)), ':*']] }],
        },
        {
          Effect: 'Allow',
          Action: ['cloudwatch:DescribeAlarms'],
          Resource: [arnOf(logicalId(stack.target.errorsAlarm)), arnOf(logicalId(stack.target.latencyAlarm))],
        },
      ]),
    );
  });

  it('gives the post-traffic hook exactly: logs, report and look-ups on the group, the two alarms, metric data', () => {
    const hook = stack.postTrafficHook;
    expect(statementsOfRole(template, logicalId(hook.hookRole))).toEqual(
      sorted([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [arnOf(logicalId(hook.logGroup))],
        },
        {
          Effect: 'Allow',
          Action: ['codedeploy:PutLifecycleEventHookExecutionStatus'],
          Resource: [groupArn],
        },
        {
          Effect: 'Allow',
          Action: [
            'codedeploy:GetDeployment',
            'codedeploy:GetDeploymentTarget',
            'codedeploy:ListDeploymentTargets',
          ],
          Resource: [groupArn],
        },
        {
          Effect: 'Allow',
          Action: ['cloudwatch:DescribeAlarms'],
          Resource: [arnOf(logicalId(stack.target.errorsAlarm)), arnOf(logicalId(stack.target.latencyAlarm))],
        },
        { Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
      ]),
    );
  });

  it("lets CodeDeploy's role invoke the two hooks and no other function", () => {
    const versions = (id: string) => ({ 'Fn::Join': ['', [arnOf(id), ':*']] });
    const pre = logicalId(stack.preTrafficHook);
    const post = logicalId(stack.postTrafficHook);
    expect(statementsOfRole(template, logicalId(stack.deploymentGroup.role))).toEqual(
      sorted([
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(pre), versions(pre)] },
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(post), versions(post)] },
      ]),
    );
  });

  it('runs both hooks on nodejs22.x ARM64 with a five-minute timeout and two asynchronous retries', () => {
    for (const hook of [stack.preTrafficHook, stack.postTrafficHook]) {
      const fn = template.toJSON().Resources[logicalId(hook)].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 300 });
    }
    template.resourcePropertiesCountIs('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 }, 2);
  });

  it('tells the hooks which function, alias and alarms to check', () => {
    const fn = template.toJSON().Resources[logicalId(stack.preTrafficHook)].Properties;
    expect(fn.Environment.Variables).toMatchObject({
      TARGET_FUNCTION_NAME: { Ref: logicalId(stack.target.fn) },
      TARGET_ALIAS_NAME: 'live',
    });
  });

  it("deploys a target that answers the pre-traffic example's smoke tests", async () => {
    const sandbox = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
    runInNewContext(targetSource('7'), sandbox);
    const handler = sandbox.exports.handler;
    if (!handler) throw new Error('no handler exported');
    await expect(handler({ action: 'health' })).resolves.toEqual({ status: 'ok', version: '7' });
    await expect(handler({ action: 'quote', items: [{ sku: 'BOOK-1', qty: 2 }] })).resolves.toEqual({
      total: 20,
      currency: 'EUR',
      version: '7',
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Code: { ZipFile: targetSource('1') } });
  });

  it('has no dependency cycle CloudFormation would reject (hooks, roles and the group reference each other)', () => {
    // CDK's Template rejects a template whose resources depend on each other in a cycle.
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('would see a dependency cycle if there were one', () => {
    const cyclic = {
      Resources: {
        Hook: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
        Role: { Type: 'AWS::IAM::Role', Properties: { Path: { Ref: 'Group' } } },
        Group: { Type: 'AWS::CodeDeploy::DeploymentGroup', DependsOn: ['Hook'] },
      },
    };
    expect(() => Template.fromJSON(cyclic)).toThrow(/dependency cycle/);
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
