import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import { Template } from 'aws-cdk-lib/assertions';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { HookFunction, type HookUses, NAG_REASONS, TARGET_HEALTH_ACTIONS } from '../src/index.js';
import { ecsTarget } from './helpers/ecs-app.js';
import { lambdaTarget } from './helpers/lambda-app.js';
import {
  ACCOUNT,
  arnOf,
  FIXTURE_HOOK,
  logicalId,
  newStack,
  REGION,
  sortStatements,
  statementsOfRole,
  testApp,
} from './helpers/template.js';

const root = resolve(__dirname, '..', '..', '..');
/** The AWS operations a check's source calls through its `call(check, 'Operation', …)` helper. */
function operationsOf(check: string): string[] {
  const source = readFileSync(join(root, 'packages', 'checks', 'src', `${check}.ts`), 'utf8');
  return [...source.matchAll(/call<[\s\S]*?>\(\s*'\w+',\s*'(\w+)'/g)].map((m) => m[1] ?? '');
}

const LOGS = (hook: HookFunction) => ({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: [arnOf(logicalId(hook.logGroup))],
});
const REPORT = (groupArn: unknown) => ({
  Effect: 'Allow',
  Action: ['codedeploy:PutLifecycleEventHookExecutionStatus'],
  Resource: [groupArn],
});
const LOOKUPS = (groupArn: unknown) => ({
  Effect: 'Allow',
  Action: ['codedeploy:GetDeployment', 'codedeploy:GetDeploymentTarget', 'codedeploy:ListDeploymentTargets'],
  Resource: [groupArn],
});
const GET_GROUP = (groupArn: unknown) => ({
  Effect: 'Allow',
  Action: ['codedeploy:GetDeploymentGroup'],
  Resource: [groupArn],
});
const ALL_ALARMS = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${REGION}:${ACCOUNT}:alarm:*`]],
};

describe('uses.targetHealth', () => {
  it('grants DescribeTargetHealth and DescribeTargetGroups (the name-to-ARN look-up) on "*"', () => {
    const stack = newStack();
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK, uses: { targetHealth: true } });
    expect(sortStatements(statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)))).toEqual(
      sortStatements([
        LOGS(hook),
        {
          Effect: 'Allow',
          Action: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
          Resource: ['*'],
        },
      ]),
    );
    expect(acknowledgedRules(hook.hookRole)).toEqual({
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]': NAG_REASONS.noResourceLevelPermissions,
    });
  });

  it('covers every ELBv2 operation the targetHealth check calls', () => {
    const operations = operationsOf('target-health');
    expect(operations).toEqual(expect.arrayContaining(['DescribeTargetGroups', 'DescribeTargetHealth']));
    expect(operations.map((op) => `elasticloadbalancing:${op}`).sort()).toEqual([...TARGET_HEALTH_ACTIONS]);
  });
});

describe('uses.deploymentGroupAlarms (alarms() with no names and no prefix)', () => {
  it('true: GetDeploymentGroup on the Lambda group, DescribeAlarms on the alarms of the account and region', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { deploymentGroupAlarms: true },
    });
    hook.attachToLambdaDeploymentGroup(target.group, 'AfterAllowTraffic');
    const groupArn = stack.resolve(target.group.deploymentGroupArn);
    expect(sortStatements(statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)))).toEqual(
      sortStatements([
        LOGS(hook),
        REPORT(groupArn),
        LOOKUPS(groupArn),
        GET_GROUP(groupArn),
        { Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms'], Resource: [ALL_ALARMS] },
      ]),
    );
    expect(acknowledgedRules(hook.hookRole)).toEqual({
      [`AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudwatch:${REGION}:${ACCOUNT}:alarm:*]`]:
        NAG_REASONS.deploymentGroupAlarms,
    });
  });

  it('a list: GetDeploymentGroup on the ECS group, DescribeAlarms on exactly those alarms', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const alarm = Alarm.fromAlarmName(stack, 'Errors', 'web-errors'); // as the group's alarms are named
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { deploymentGroupAlarms: [alarm] },
    });
    hook.attachToEcsDeploymentGroup(target.group, 'BeforeAllowTraffic');
    const groupArn = stack.resolve(target.group.deploymentGroupArn);
    expect(sortStatements(statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)))).toEqual(
      sortStatements([
        LOGS(hook),
        REPORT(groupArn),
        LOOKUPS(groupArn),
        GET_GROUP(groupArn),
        { Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms'], Resource: [stack.resolve(alarm.alarmArn)] },
      ]),
    );
    expect(stack.resolve(alarm.alarmArn)).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${REGION}:${ACCOUNT}:alarm:web-errors`],
      ],
    });
    expect(acknowledgedRules(hook.hookRole)).toEqual({});
  });

  it('reads a group given by ARN through allowReportingTo, once per group', () => {
    const stack = newStack();
    const arn = `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:shop/orders`;
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { deploymentGroupAlarms: [] },
    });
    hook.allowReportingTo(arn);
    hook.allowReportingTo(arn);
    hook.allowGetDeploymentGroup(arn);
    expect(sortStatements(statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)))).toEqual(
      sortStatements([LOGS(hook), REPORT(arn), LOOKUPS(arn), GET_GROUP(arn)]),
    );
  });

  it.each<[string, HookUses]>([
    ['not declared', {}],
    ['false', { deploymentGroupAlarms: false }],
  ])('%s: no GetDeploymentGroup and no DescribeAlarms', (_label, uses) => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK, uses });
    hook.attachToLambdaDeploymentGroup(target.group, 'BeforeAllowTraffic');
    const actions = statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)).flatMap(
      (s) => s.Action,
    );
    expect(actions).not.toContain('codedeploy:GetDeploymentGroup');
    expect(actions).not.toContain('cloudwatch:DescribeAlarms');
  });

  it('rejects a value that is neither a boolean nor a list', () => {
    expect(
      () =>
        new HookFunction(newStack(), 'Hook', {
          entry: FIXTURE_HOOK,
          uses: { deploymentGroupAlarms: 'deployment-group' as never },
        }),
    ).toThrow(/uses.deploymentGroupAlarms/);
  });

  it('covers what the alarms check and the core look-up call', () => {
    expect(operationsOf('alarms')).toEqual(['DescribeAlarms']);
    const lookups = readFileSync(join(root, 'packages', 'core', 'src', 'lookups.ts'), 'utf8');
    expect(lookups).toContain('new GetDeploymentGroupCommand(');
  });

  it('passes cdk-nag AwsSolutions on the hook with the all-alarms statement', () => {
    const app = testApp();
    const stack = newStack('NagGroupAlarms', app);
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { deploymentGroupAlarms: true },
    });
    hook.attachToLambdaDeploymentGroup(target.group, 'BeforeAllowTraffic');
    const hookPaths = [hook.node.path, hook.hookRole.node.path, hook.logGroup.node.path];
    const violations = awsSolutionsViolations(app);
    expect(violations.length).toBeGreaterThan(0); // the pack ran: the fixture target has findings
    expect(violations.filter((v) => hookPaths.some((p) => v.path.startsWith(`${p}/`)))).toEqual([]);
  });
});
