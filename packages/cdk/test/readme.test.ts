import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { ecsTarget } from './helpers/ecs-app.js';
import { ecsNativeTarget } from './helpers/ecs-native-app.js';
import { lambdaTarget } from './helpers/lambda-app.js';
import { FIXTURE_HOOK, logicalId, newStack, statementsOfRole } from './helpers/template.js';
import { testTrafficHook } from './snippets/ecs-blue-green.js';
import { postTestTrafficHook } from './snippets/ecs-native.js';
import { guardWithGreenlight } from './snippets/lambda-canary.js';

// Every TypeScript block in the README is a file under test/snippets/ (named on its first line), so the
// type-check compiles it and the tests below run it.
const root = resolve(__dirname, '..', '..', '..');
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('the README', () => {
  it('has TypeScript snippets', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((code) => [code.split('\n')[0], code]))(
    'shows %s exactly as the file',
    (first, code) => {
      const named = /^\/\/ (packages\/cdk\/test\/snippets\/[\w.-]+\.ts)$/.exec(first ?? '');
      expect(named?.[1]).toBeDefined();
      expect(readFileSync(join(root, named?.[1] ?? ''), 'utf8')).toBe(code);
    },
  );

  it('Lambda snippet: the hook reports to the canary group and may invoke the versions under test', () => {
    const stack = newStack();
    const target = lambdaTarget(stack);
    const { group, preTraffic } = guardWithGreenlight(stack, target.alias, target.alarm, FIXTURE_HOOK);
    const statements = statementsOfRole(Template.fromStack(stack), logicalId(preTraffic.hookRole));
    const groupArn = stack.resolve(group.deploymentGroupArn);
    expect(statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify([groupArn]))).toHaveLength(
      2,
    );
    expect(statements.some((s) => s.Action.includes('lambda:InvokeFunction'))).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Timeout: 120 });
  });

  it('ECS snippet: the hook is in the AppSpec output and invocable by the group role', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = testTrafficHook(stack, target.group, target.service, target.taskDefinition, FIXTURE_HOOK);
    const template = Template.fromStack(stack);
    expect(JSON.stringify(template.toJSON().Outputs.AppSpec)).toContain(`{"Ref":"${logicalId(hook)}"}`);
    expect(statementsOfRole(template, logicalId(target.group.role))).toContainEqual({
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: [{ 'Fn::GetAtt': [logicalId(hook), 'Arn'] }],
    });
  });

  it('ECS native snippet: the service lists the hook at POST_TEST_TRAFFIC_SHIFT, invoked through its role', () => {
    const stack = newStack();
    const { service } = ecsNativeTarget(stack);
    const hook = postTestTrafficHook(stack, service, FIXTURE_HOOK);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        LifecycleHooks: [
          {
            HookTargetArn: { 'Fn::GetAtt': [logicalId(hook), 'Arn'] },
            RoleArn: { 'Fn::GetAtt': [logicalId(hook.ecsInvokeRole as never), 'Arn'] },
            LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
            HookDetails: { suite: 'smoke' },
          },
        ],
      },
    });
    expect(statementsOfRole(template, logicalId(hook.hookRole)).flatMap((s) => s.Action)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
  });
});
