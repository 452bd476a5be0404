import { Template } from 'aws-cdk-lib/assertions';
import { EcsDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { Role } from 'aws-cdk-lib/aws-iam';
import { type EcsLifecycleEvent, HookFunction } from '../src/index.js';
import { ecsTarget } from './helpers/ecs-app.js';
import { allows, concrete, MANAGED_HOOK_INVOKE } from './helpers/iam.js';
import {
  ACCOUNT,
  arnOf,
  FIXTURE_HOOK,
  logicalId,
  newStack,
  REGION,
  sortStatements,
  statementsOfRole,
} from './helpers/template.js';

describe('a HookFunction attached to an EcsDeploymentGroup', () => {
  it('gets exactly: logs, report and look-ups on the group, its service and task sets, target health', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'TestTraffic', {
      entry: FIXTURE_HOOK,
      uses: { ecsServices: [target.service], targetHealth: true },
    });
    hook.attachToEcsDeploymentGroup(target.group, 'AfterAllowTestTraffic');
    const template = Template.fromStack(stack);
    const groupArn = stack.resolve(target.group.deploymentGroupArn);
    const taskSets = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          `:ecs:${REGION}:${ACCOUNT}:task-set/`,
          { Ref: logicalId(target.cluster) },
          '/',
          { 'Fn::GetAtt': [logicalId(target.service), 'Name'] },
          '/*',
        ],
      ],
    };

    expect(sortStatements(statementsOfRole(template, logicalId(hook.hookRole)))).toEqual(
      sortStatements([
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
        { Effect: 'Allow', Action: ['ecs:DescribeServices'], Resource: [{ Ref: logicalId(target.service) }] },
        { Effect: 'Allow', Action: ['ecs:DescribeTaskSets'], Resource: [taskSets] },
        {
          Effect: 'Allow',
          Action: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'],
          Resource: ['*'],
        },
      ]),
    );
  });

  it("grants CodeDeploy's ECS role invoke on exactly this hook's ARN", () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    hook.attachToEcsDeploymentGroup(target.group, 'BeforeInstall');
    hook.attachToEcsDeploymentGroup(target.group, 'AfterInstall');
    const invokes = statementsOfRole(Template.fromStack(stack), logicalId(target.group.role)).filter((st) =>
      st.Action.includes('lambda:InvokeFunction'),
    );
    expect(invokes).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(logicalId(hook))] },
    ]);
  });

  it("lets CodeDeploy's ECS role invoke a hook that is not named CodeDeployHook_*", () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK, functionName: 'web-test-traffic' });
    hook.attachToEcsDeploymentGroup(target.group, 'AfterAllowTestTraffic');
    const template = Template.fromStack(stack);
    const hookArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:web-test-traffic`;
    const role = template.toJSON().Resources[logicalId(target.group.role)];
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSCodeDeployRoleForECS']] },
    ]);
    const inline = statementsOfRole(template, logicalId(target.group.role)).map((st) => ({
      Effect: st.Effect,
      Action: st.Action,
      Resource: st.Resource.map((r) => concrete(r, { [`${logicalId(hook)}.Arn`]: hookArn })),
    }));

    expect(allows([MANAGED_HOOK_INVOKE], 'lambda:InvokeFunction', hookArn)).toBe(false);
    expect(allows([MANAGED_HOOK_INVOKE, ...inline], 'lambda:InvokeFunction', hookArn)).toBe(true);
    expect(allows(inline, 'lambda:InvokeFunction', `${hookArn}-other`)).toBe(false);
  });

  it('remembers the events it was attached for, in order', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    hook.attachToEcsDeploymentGroup(target.group, 'BeforeAllowTraffic');
    hook.attachToEcsDeploymentGroup(target.group, 'AfterAllowTraffic');
    expect(hook.ecsEvents).toEqual(['BeforeAllowTraffic', 'AfterAllowTraffic']);
  });

  it('rejects an event ECS does not run hooks at', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    expect(() =>
      hook.attachToEcsDeploymentGroup(target.group, 'ApplicationStart' as EcsLifecycleEvent),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'event',
        message: expect.stringMatching(
          /Expected `event` to be one of BeforeInstall, .* got ApplicationStart/,
        ),
      }),
    );
  });

  it('asks for the service role of a deployment group that does not expose one', () => {
    const stack = newStack();
    const imported = EcsDeploymentGroup.fromEcsDeploymentGroupAttributes(stack, 'Imported', {
      application: ecsTarget(stack).group.application,
      deploymentGroupName: 'web-dg',
    });
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    expect(() => hook.attachToEcsDeploymentGroup(imported, 'AfterInstall')).toThrow(/options.serviceRole/);
  });

  it('allows an imported, immutable service role through the function resource policy', () => {
    const stack = newStack();
    const imported = EcsDeploymentGroup.fromEcsDeploymentGroupAttributes(stack, 'Imported', {
      application: ecsTarget(stack).group.application,
      deploymentGroupName: 'web-dg',
    });
    const serviceRole = Role.fromRoleArn(
      stack,
      'CodeDeployRole',
      `arn:aws:iam::${ACCOUNT}:role/codedeploy-ecs`,
      {
        mutable: false,
      },
    );
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    hook.attachToEcsDeploymentGroup(imported, 'AfterInstall', { serviceRole });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(logicalId(hook)),
      Principal: `arn:aws:iam::${ACCOUNT}:role/codedeploy-ecs`,
    });
  });
});
