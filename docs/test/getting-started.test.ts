import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { ordersCanary } from '../snippets/getting-started-cdk.js';

describe('the getting-started CDK snippet', () => {
  it('synthesises a canary group whose hook may report on exactly that group and invoke the target', () => {
    const stack = new Stack(new App(), 'Orders', { env: { account: '123456789012', region: 'eu-west-1' } });
    const fn = new LambdaFunction(stack, 'Orders', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler=async()=>1'),
    });
    const alias = new Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    ordersCanary(stack, alias, join(__dirname, 'fixtures', 'plain-hook.ts'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'codedeploy:PutLifecycleEventHookExecutionStatus', Effect: 'Allow' }),
        ]),
      },
    });
  });
});
