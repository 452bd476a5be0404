import * as contract from '@greenlight/contract';
import { acknowledgedRules, awsSolutionsViolations } from '@greenlight/test-support/cdk-nag';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  DeploymentControllerType,
  DeploymentLifecycleLambdaTarget,
  DeploymentLifecycleStage,
  type FargateService,
} from 'aws-cdk-lib/aws-ecs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { ECS_LIFECYCLE_STAGES, type EcsLifecycleStage, HookFunction } from '../src/index.js';
import { ecsNativeTarget, nativeService } from './helpers/ecs-native-app.js';
import {
  ACCOUNT,
  allStatements,
  arnOf,
  FIXTURE_HOOK,
  logicalId,
  newStack,
  OTHER_FIXTURE_HOOK,
  statementsOfRole,
  testApp,
} from './helpers/template.js';

interface RenderedHook {
  HookTargetArn: unknown;
  RoleArn: unknown;
  LifecycleStages: string[];
  HookDetails?: unknown;
}

/** The service's `DeploymentConfiguration.LifecycleHooks` as synthesized. */
function lifecycleHooks(stack: Stack, service: FargateService): RenderedHook[] | undefined {
  const resource = Template.fromStack(stack).toJSON().Resources[logicalId(service)];
  return resource.Properties.DeploymentConfiguration.LifecycleHooks;
}

function setup() {
  const stack = newStack();
  const target = ecsNativeTarget(stack);
  const hook = new HookFunction(stack, 'TestTraffic', { entry: FIXTURE_HOOK });
  return { stack, ...target, hook };
}

describe('HookFunction.attachToEcsService (Amazon ECS native blue/green)', () => {
  it("adds the hook to the service's lifecycle hooks with its invoke role and stage", () => {
    const { stack, service, hook } = setup();
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT');
    const role = hook.ecsInvokeRole;
    expect(role).toBeDefined();
    expect(lifecycleHooks(stack, service)).toEqual([
      {
        HookTargetArn: arnOf(logicalId(hook)),
        RoleArn: arnOf(logicalId(role as Role)),
        LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      },
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      DeploymentController: { Type: 'ECS' },
      DeploymentConfiguration: { Strategy: 'BLUE_GREEN' },
    });
  });

  it('renders hookDetails, and several stages (PRE_PRODUCTION_TRAFFIC_SHIFT too) in ECS order', () => {
    const { stack, service, hook } = setup();
    hook.attachToEcsService(service, ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_SCALE_UP'], {
      hookDetails: { path: '/health', expect: { status: 200 } },
    });
    expect(lifecycleHooks(stack, service)).toEqual([
      {
        HookTargetArn: arnOf(logicalId(hook)),
        RoleArn: arnOf(logicalId(hook.ecsInvokeRole as Role)),
        LifecycleStages: ['POST_SCALE_UP', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
        HookDetails: { path: '/health', expect: { status: 200 } },
      },
    ]);
  });

  it('creates a role only ECS can assume, whose one statement invokes exactly this function', () => {
    const { stack, service, hook } = setup();
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT');
    const template = Template.fromStack(stack);
    const roleId = logicalId(hook.ecsInvokeRole as Role);
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs.amazonaws.com' } }],
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(statementsOfRole(template, roleId)).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(logicalId(hook))] },
    ]);
  });

  it('grants the hook no CodeDeploy action: an ECS native hook returns its status', () => {
    const { stack, service, hook } = setup();
    hook.attachToEcsService(service, ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT']);
    const template = Template.fromStack(stack);
    expect(statementsOfRole(template, logicalId(hook.hookRole))).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [arnOf(logicalId(hook.logGroup))],
      },
    ]);
    const actions = allStatements(template).flatMap((s) => s.Action);
    expect(actions.filter((a) => a.startsWith('codedeploy:'))).toEqual([]);
  });

  it('reuses one invoke role across services, and merges a second attach into the same entry', () => {
    const { stack, cluster, service, hook } = setup();
    const other = nativeService(stack, cluster, 'Other');
    hook.attachToEcsService(service, 'PRE_SCALE_UP');
    hook.attachToEcsService(service, 'POST_PRODUCTION_TRAFFIC_SHIFT', { hookDetails: { n: 1 } });
    hook.attachToEcsService(other, 'RECONCILE_SERVICE');
    const roleArn = arnOf(logicalId(hook.ecsInvokeRole as Role));
    expect(lifecycleHooks(stack, service)).toEqual([
      {
        HookTargetArn: arnOf(logicalId(hook)),
        RoleArn: roleArn,
        LifecycleStages: ['PRE_SCALE_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
        HookDetails: { n: 1 },
      },
    ]);
    expect(lifecycleHooks(stack, other)).toEqual([
      { HookTargetArn: arnOf(logicalId(hook)), RoleArn: roleArn, LifecycleStages: ['RECONCILE_SERVICE'] },
    ]);
    const ecsRoles = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('ecs.amazonaws.com'),
    );
    expect(ecsRoles).toHaveLength(1);
  });

  it("keeps other lifecycle hooks as CDK renders them, adding hookDetails only to greenlight's", () => {
    const { stack, service, hook } = setup();
    const other = new HookFunction(stack, 'Other', { entry: OTHER_FIXTURE_HOOK });
    service.addLifecycleHook(
      new DeploymentLifecycleLambdaTarget(other, 'CdkTarget', {
        lifecycleStages: [DeploymentLifecycleStage.PRE_SCALE_UP],
      }),
    );
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { hookDetails: { mine: true } });
    const hooks = lifecycleHooks(stack, service) ?? [];
    expect(hooks).toHaveLength(2);
    expect(hooks[0]).toEqual({
      HookTargetArn: arnOf(logicalId(other)),
      RoleArn: expect.anything(),
      LifecycleStages: ['PRE_SCALE_UP'],
    });
    expect(hooks[1]).toEqual({
      HookTargetArn: arnOf(logicalId(hook)),
      RoleArn: arnOf(logicalId(hook.ecsInvokeRole as Role)),
      LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      HookDetails: { mine: true },
    });
  });

  it('uses a role of your own, granting it invoke on exactly this function', () => {
    const { stack, service, hook } = setup();
    const mine = new Role(stack, 'Mine', { assumedBy: new ServicePrincipal('ecs.amazonaws.com') });
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { role: mine });
    expect(hook.ecsInvokeRole).toBeUndefined();
    expect(lifecycleHooks(stack, service)?.[0]?.RoleArn).toEqual(arnOf(logicalId(mine)));
    expect(statementsOfRole(Template.fromStack(stack), logicalId(mine))).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [arnOf(logicalId(hook))] },
    ]);
  });

  it('allows an imported role through the function resource policy', () => {
    const { stack, service, hook } = setup();
    const arn = `arn:aws:iam::${ACCOUNT}:role/ecs-hooks`;
    const imported = Role.fromRoleArn(stack, 'Imported', arn, { mutable: false });
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { role: imported });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(logicalId(hook)),
      Principal: arn,
    });
    expect(lifecycleHooks(stack, service)?.[0]?.RoleArn).toBe(arn);
  });

  it.each([
    [
      'an unknown stage',
      'AfterAllowTestTraffic',
      {},
      /Expected an ECS lifecycle stage .* got AfterAllowTestTraffic/,
    ],
    ['an empty list', [], {}, /non-empty list/],
    ['an unknown option', 'PRE_SCALE_UP', { hookDetail: {} }, /Unknown option `hookDetail`/],
    ['hookDetails that are a list', 'PRE_SCALE_UP', { hookDetails: [1] }, /JSON object/],
    ['the reserved hookDetails key', 'PRE_SCALE_UP', { hookDetails: { greenlight: 1 } }, /reserved/],
  ])('rejects %s', (_label, stages, options, message) => {
    const { service, hook } = setup();
    expect(() => hook.attachToEcsService(service, stages as EcsLifecycleStage, options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(message) }),
    );
  });

  it('rejects a service that CodeDeploy deploys (no ECS deployment controller)', () => {
    const { stack, cluster, hook } = setup();
    const codeDeployed = nativeService(stack, cluster, 'Legacy', {
      type: DeploymentControllerType.CODE_DEPLOY,
    });
    expect(() => hook.attachToEcsService(codeDeployed, 'PRE_SCALE_UP')).toThrow(/ECS deployment controller/);
  });

  it('rejects attaching the same hook to the same service with other hookDetails or another role', () => {
    const { stack, service, hook } = setup();
    hook.attachToEcsService(service, 'PRE_SCALE_UP', { hookDetails: { a: 1 } });
    expect(() => hook.attachToEcsService(service, 'POST_SCALE_UP', { hookDetails: { a: 2 } })).toThrow(
      /other hookDetails/,
    );
    const mine = new Role(stack, 'Mine', { assumedBy: new ServicePrincipal('ecs.amazonaws.com') });
    expect(() => hook.attachToEcsService(service, 'POST_SCALE_UP', { role: mine })).toThrow(/another role/);
  });

  it('passes cdk-nag AwsSolutions on the hook, its role and its invoke role, acknowledging nothing new', () => {
    const app = testApp();
    const stack = newStack('NagEcsNative', app);
    const { service } = ecsNativeTarget(stack);
    const hook = new HookFunction(stack, 'TestTraffic', {
      entry: FIXTURE_HOOK,
      runtime: Runtime.NODEJS_24_X,
    });
    hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { hookDetails: { path: '/' } });
    const invokeRole = hook.ecsInvokeRole as Role;
    expect(invokeRole.node.path.startsWith(`${hook.node.path}/`)).toBe(true);
    expect(acknowledgedRules(hook)).toEqual({});
    expect(acknowledgedRules(hook.hookRole)).toEqual({});
    const hookPaths = [hook.node.path, hook.hookRole.node.path, hook.logGroup.node.path];
    const violations = awsSolutionsViolations(app);
    expect(violations.length).toBeGreaterThan(0); // the pack ran: the fixture's VPC and service have findings
    expect(violations.filter((v) => hookPaths.some((p) => v.path.startsWith(`${p}/`)))).toEqual([]);
  });

  it("lists the contract's eight stages, the ones the core's event parser accepts (one definition)", () => {
    expect(ECS_LIFECYCLE_STAGES).toBe(contract.ECS_LIFECYCLE_STAGES);
    expect(ECS_LIFECYCLE_STAGES).toHaveLength(8);
  });
});
