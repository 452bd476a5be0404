import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HookFunction, type HookFunctionProps, type LambdaLifecycleEvent } from '../src/index.js';
import { allows, concrete, MANAGED_HOOK_INVOKE } from './helpers/iam.js';
import { type LambdaTarget, lambdaTarget } from './helpers/lambda-app.js';
import {
  ACCOUNT,
  allStatements,
  arnOf,
  FIXTURE_HOOK,
  logicalId,
  newStack,
  REGION,
  sortStatements,
  statementsOfRole,
  versionsOf,
} from './helpers/template.js';

interface Setup extends LambdaTarget {
  readonly stack: Stack;
  readonly hook: HookFunction;
  readonly template: Template;
  readonly groupArn: unknown;
}

function setup(uses: HookFunctionProps['uses'], event: LambdaLifecycleEvent = 'BeforeAllowTraffic'): Setup {
  const stack = newStack();
  const target = lambdaTarget(stack);
  const hook = new HookFunction(stack, 'PreTraffic', {
    entry: FIXTURE_HOOK,
    functionName: 'orders-pre-traffic',
    uses,
  });
  hook.attachToLambdaDeploymentGroup(target.group, event);
  const groupArn = stack.resolve(target.group.deploymentGroupArn);
  return { ...target, stack, hook, groupArn, template: Template.fromStack(stack) };
}

describe('a HookFunction attached to a LambdaDeploymentGroup', () => {
  it('gets exactly: logs on its log group, report and look-ups on the group, invoke on the target versions, its alarms, metric data', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'PreTraffic', {
      entry: FIXTURE_HOOK,
      uses: { invokeTarget: target.fn, alarms: [target.alarm], metrics: true },
    });
    hook.attachToLambdaDeploymentGroup(target.group, 'BeforeAllowTraffic');
    const template = Template.fromStack(stack);
    const groupArn = stack.resolve(target.group.deploymentGroupArn);
    const logGroup = logicalId(hook.logGroup);

    expect(sortStatements(statementsOfRole(template, logicalId(hook.hookRole)))).toEqual(
      sortStatements([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [arnOf(logGroup)],
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
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [versionsOf(logicalId(target.fn))] },
        {
          Effect: 'Allow',
          Action: ['cloudwatch:DescribeAlarms'],
          Resource: [arnOf(logicalId(target.alarm))],
        },
        { Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
      ]),
    );
  });

  it("scopes the report and look-ups to the group's ARN arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APP/GROUP", () => {
    const s = setup({});
    const refs = { [logicalId(s.group.application)]: 'shop', [logicalId(s.group)]: 'orders-dg' };
    expect(concrete(s.groupArn, refs)).toBe(
      `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:shop/orders-dg`,
    );
  });

  it('registers the hook as the alias update pre-traffic hook', () => {
    const s = setup({});
    s.template.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: { BeforeAllowTrafficHook: { Ref: logicalId(s.hook) } },
      },
    });
  });

  it('registers the hook as the alias update post-traffic hook', () => {
    const s = setup({}, 'AfterAllowTraffic');
    s.template.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: { AfterAllowTrafficHook: { Ref: logicalId(s.hook) } },
      },
    });
  });

  it("grants CodeDeploy's role invoke on exactly this hook and its versions, nothing else", () => {
    const s = setup({});
    const invokes = statementsOfRole(s.template, logicalId(s.group.role)).filter((st) =>
      st.Action.includes('lambda:InvokeFunction'),
    );
    expect(invokes).toEqual([
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [arnOf(logicalId(s.hook)), versionsOf(logicalId(s.hook))],
      },
    ]);
  });

  it("lets CodeDeploy's role invoke a hook that is not named CodeDeployHook_*", () => {
    const s = setup({});
    const hookArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-pre-traffic`;
    const refs = { [`${logicalId(s.hook)}.Arn`]: hookArn };
    const role = s.template.toJSON().Resources[logicalId(s.group.role)];
    expect(role.Properties.ManagedPolicyArns).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited',
          ],
        ],
      },
    ]);
    const inline = statementsOfRole(s.template, logicalId(s.group.role)).map((st) => ({
      Effect: st.Effect,
      Action: st.Action,
      Resource: st.Resource.map((r) => concrete(r, refs)),
    }));

    expect(hookArn).not.toMatch(/:function:CodeDeployHook_/);
    // The trap: the managed policy alone does not allow it.
    expect(allows([MANAGED_HOOK_INVOKE], 'lambda:InvokeFunction', hookArn)).toBe(false);
    // With greenlight's wiring, it does; and no other function becomes invocable.
    expect(allows([MANAGED_HOOK_INVOKE, ...inline], 'lambda:InvokeFunction', hookArn)).toBe(true);
    expect(
      allows(inline, 'lambda:InvokeFunction', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`),
    ).toBe(false);
  });

  it('resolves an alias given as invokeTarget to the versions of its function', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', {
      entry: FIXTURE_HOOK,
      uses: { invokeTarget: target.alias },
    });
    const invokes = statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)).filter((st) =>
      st.Action.includes('lambda:InvokeFunction'),
    );
    expect(invokes).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [versionsOf(logicalId(target.fn))] },
    ]);
  });

  it('grants the look-ups once when the hook runs both before and after traffic', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    hook.attachToLambdaDeploymentGroup(target.group, 'BeforeAllowTraffic');
    hook.attachToLambdaDeploymentGroup(target.group, 'AfterAllowTraffic');
    const lookups = statementsOfRole(Template.fromStack(stack), logicalId(hook.hookRole)).filter((st) =>
      st.Action.includes('codedeploy:GetDeployment'),
    );
    expect(lookups).toHaveLength(1);
  });

  it('rejects an event that is not a Lambda hook event', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    expect(() =>
      hook.attachToLambdaDeploymentGroup(target.group, 'AfterInstall' as LambdaLifecycleEvent),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'event',
        message: 'Expected `event` to be one of BeforeAllowTraffic, AfterAllowTraffic, got AfterInstall',
      }),
    );
  });

  it('grants no wildcard action, and "*" only to actions without resource-level permissions', () => {
    const s = setup({ invokeTarget: undefined, metrics: true, targetHealth: true });
    const starOnly = [
      'cloudwatch:GetMetricData',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
    ];
    for (const statement of allStatements(s.template)) {
      for (const action of statement.Action) expect(action).not.toContain('*');
      if (statement.Resource.includes('*')) {
        expect(statement.Action.every((a) => starOnly.includes(a))).toBe(true);
      }
    }
  });
});
