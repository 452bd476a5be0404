import { CfnOutput } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  type EcsAppSpecProps,
  type EcsLifecycleEvent,
  HookFunction,
  renderEcsAppSpec,
  renderEcsAppSpecJson,
} from '../src/index.js';
import { ecsTarget } from './helpers/ecs-app.js';
import { FIXTURE_HOOK, logicalId, newStack } from './helpers/template.js';

const BASE: EcsAppSpecProps = {
  taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
  containerName: 'web',
  containerPort: 80,
};

describe('renderEcsAppSpec', () => {
  it('renders the task definition, container and port of the one ECS service target', () => {
    expect(renderEcsAppSpec(BASE)).toEqual({
      version: 0.0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
              LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 80 },
            },
          },
        },
      ],
    });
  });

  it('lists the hooks in lifecycle order, whatever order they were given in', () => {
    const spec = renderEcsAppSpec({
      ...BASE,
      hooks: {
        AfterAllowTraffic: 'after-allow',
        BeforeInstall: 'before-install',
        AfterAllowTestTraffic: 'test-traffic',
        BeforeAllowTraffic: 'before-allow',
        AfterInstall: 'after-install',
      },
    });
    expect(spec.Hooks).toEqual([
      { BeforeInstall: 'before-install' },
      { AfterInstall: 'after-install' },
      { AfterAllowTestTraffic: 'test-traffic' },
      { BeforeAllowTraffic: 'before-allow' },
      { AfterAllowTraffic: 'after-allow' },
    ]);
  });

  it('adds the platform version and the awsvpc network configuration when given', () => {
    const spec = renderEcsAppSpec({
      ...BASE,
      platformVersion: '1.4.0',
      network: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'ENABLED' },
    });
    expect(spec.Resources[0].TargetService.Properties).toMatchObject({
      PlatformVersion: '1.4.0',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: ['subnet-a', 'subnet-b'],
          SecurityGroups: ['sg-1'],
          AssignPublicIp: 'ENABLED',
        },
      },
    });
  });

  it('rejects a hook event ECS does not have, naming it', () => {
    const hooks = { BeforeAllowTestTraffic: 'x' } as unknown as Record<EcsLifecycleEvent, string>;
    expect(() => renderEcsAppSpec({ ...BASE, hooks })).toThrow(/Unknown hook event `BeforeAllowTestTraffic`/);
  });

  it.each([0, 70000, 80.5])('rejects the container port %s', (containerPort) => {
    expect(() => renderEcsAppSpec({ ...BASE, containerPort })).toThrow(/`containerPort` to be an integer/);
  });

  it('rejects an empty container name', () => {
    expect(() => renderEcsAppSpec({ ...BASE, containerName: '' })).toThrow(/`containerName`/);
  });

  it('renders JSON text with version 0.0 as CodeDeploy documents it', () => {
    const text = renderEcsAppSpecJson({ ...BASE, hooks: { BeforeInstall: 'before-install' } });
    expect(text.startsWith('{"version":0.0,')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      ...renderEcsAppSpec({ ...BASE, hooks: { BeforeInstall: 'before-install' } }),
    });
  });

  it('refuses to render tokens as JSON without a scope', () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    expect(() => renderEcsAppSpecJson({ ...BASE, taskDefinition: target.taskDefinition })).toThrow(
      /pass a `scope`/,
    );
  });

  it("lists a HookFunction by its function name and resolves the stack's tokens into an output", () => {
    const stack = newStack();
    const target = ecsTarget(stack);
    const hook = new HookFunction(stack, 'Hook', { entry: FIXTURE_HOOK });
    hook.attachToEcsDeploymentGroup(target.group, 'AfterAllowTestTraffic');
    new CfnOutput(stack, 'AppSpec', {
      value: renderEcsAppSpecJson(
        {
          taskDefinition: target.taskDefinition,
          containerName: 'web',
          containerPort: 80,
          hooks: { AfterAllowTestTraffic: hook },
        },
        stack,
      ),
    });
    const output = Template.fromStack(stack).toJSON().Outputs.AppSpec.Value as {
      'Fn::Join': [string, unknown[]];
    };
    const parts = output['Fn::Join'][1];
    expect(parts).toContainEqual({ Ref: logicalId(target.taskDefinition) });
    expect(parts).toContainEqual({ Ref: logicalId(hook) });
    expect(String(parts[0])).toMatch(/^\{"version":0\.0,"Resources":\[\{"TargetService"/);
  });
});
