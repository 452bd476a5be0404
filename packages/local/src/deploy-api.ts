import { createHash } from 'node:crypto';
import type { EcsLifecycleEvent, LambdaLifecycleEvent } from '@greenlight/contract';
import { applicationOperations } from './codedeploy/applications/operations.js';
import type { OperationContext } from './codedeploy/context.js';
import { configuration, groupOperations } from './codedeploy/groups/operations.js';
import type { LambdaDeploymentConfig } from './engine/configs.js';
import type { Engine } from './engine/engine.js';
import type { DeploymentHandle } from './engine/handle.js';
import { newTaskSet } from './engine/traffic.js';
import { LocalCodeDeployError } from './errors.js';
import type { HookRunner, LambdaHandler } from './runners/types.js';

/** What {@link LocalCodeDeploy.deployLambda} takes. */
export interface DeployLambdaOptions {
  /** @default 'greenlight-local' */
  readonly application?: string;
  /** @default `${functionName}-group` */
  readonly deploymentGroup?: string;
  readonly functionName: string;
  /** @default 'live' */
  readonly alias?: string;
  readonly currentVersion: string;
  readonly targetVersion: string;
  /** @default 'CodeDeployDefault.LambdaAllAtOnce' */
  readonly config?: LambdaDeploymentConfig;
  /** A hook per Lambda hook event (`BeforeAllowTraffic`, `AfterAllowTraffic`). */
  readonly hooks?: Readonly<Partial<Record<LambdaLifecycleEvent, HookRunner>>>;
  /** The simulated versions' code, for the Lambda Invoke slice. */
  readonly versions?: Readonly<Record<string, LambdaHandler>>;
  /** Roll back on failure, alarm and stop. @default false */
  readonly autoRollback?: boolean;
  /** CloudWatch alarms watched during traffic shifting (set their state with `local.setAlarmState`). */
  readonly alarms?: readonly string[];
  readonly description?: string;
}

/** What {@link LocalCodeDeploy.deployEcs} takes. */
export interface DeployEcsOptions {
  /** @default 'greenlight-local-ecs' */
  readonly application?: string;
  /** @default `${cluster}-${service}` */
  readonly deploymentGroup?: string;
  readonly cluster: string;
  readonly service: string;
  /** A hook per ECS hook event (`BeforeInstall` … `AfterAllowTraffic`). */
  readonly hooks?: Readonly<Partial<Record<EcsLifecycleEvent, HookRunner>>>;
  /** @default 'CodeDeployDefault.ECSAllAtOnce' */
  readonly config?: string;
  /** [blue, green] target group names. @default ['blue-tg', 'green-tg'] */
  readonly targetGroups?: readonly [string, string];
  /** Whether the service has a test listener. @default true */
  readonly testListener?: boolean;
  /** @default false */
  readonly autoRollback?: boolean;
  readonly alarms?: readonly string[];
  /** The replacement task definition. @default 'replacement:1' */
  readonly taskDefinition?: string;
  /** Tasks per task set. @default 1 */
  readonly desiredCount?: number;
  /**
   * Wait in `Ready` (after AfterAllowTestTraffic) for ContinueDeployment before production traffic moves;
   * the deployment stops if nobody continues it within `minutes` (deploymentReadyOption STOP_DEPLOYMENT).
   */
  readonly readyWait?: { readonly minutes: number };
  /** Minutes before the original task set is terminated (ContinueDeployment TERMINATION_WAIT skips). */
  readonly terminationWaitMinutes?: number;
}

let hookCounter = 0;

function registerHooks(
  engine: Engine,
  prefix: string,
  hooks: Readonly<Record<string, HookRunner | undefined>>,
) {
  const named: Record<string, string>[] = [];
  for (const [event, runner] of Object.entries(hooks)) {
    if (!runner) continue;
    hookCounter += 1;
    const name = `CodeDeployHook_${prefix.replace(/[^A-Za-z0-9_-]/g, '_')}_${event}_${hookCounter}`;
    engine.state.hookFunctions.set(name, runner);
    named.push({ [event]: name });
  }
  return named;
}

/** The library works in the local CodeDeploy's own region, as a client signing for it would. */
function libraryContext(engine: Engine): OperationContext {
  const region = engine.options.region;
  return {
    engine,
    region,
    regional: engine.state.region(region),
    accountId: engine.options.accountId,
    now: () => engine.now(),
  };
}

function ensureApplication(engine: Engine, name: string, platform: 'Lambda' | 'ECS'): void {
  const ctx = libraryContext(engine);
  const app = ctx.regional.applications.get(name);
  if (!app)
    applicationOperations.CreateApplication!({ applicationName: name, computePlatform: platform }, ctx);
  else if (app.computePlatform !== platform) {
    throw new LocalCodeDeployError(
      'INVALID_DEPLOYMENT',
      `Application ${name} is for ${app.computePlatform}, not ${platform}`,
    );
  }
}

function ensureGroup(engine: Engine, app: string, group: string, input: Record<string, unknown>): void {
  const ctx = libraryContext(engine);
  const existing = ctx.regional.applications.get(app)?.groups.get(group);
  const full = {
    applicationName: app,
    deploymentGroupName: group,
    serviceRoleArn: `arn:aws:iam::${engine.options.accountId}:role/CodeDeployServiceRole`,
    ...input,
  };
  if (existing) existing.input = configuration(full);
  else groupOperations.CreateDeploymentGroup!(full, ctx);
}

function revision(spec: unknown) {
  const content = JSON.stringify(spec);
  return {
    revisionType: 'AppSpecContent',
    appSpecContent: { content, sha256: createHash('sha256').update(content).digest('hex') },
  };
}

const rollbackConfig = (on: boolean | undefined) =>
  on
    ? { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] }
    : { enabled: false, events: [] };

function alarmConfig(engine: Engine, alarms: readonly string[] | undefined) {
  for (const name of alarms ?? []) if (!engine.state.alarms.has(name)) engine.state.alarms.set(name, 'OK');
  return alarms?.length
    ? { enabled: true, alarms: alarms.map((name) => ({ name })) }
    : { enabled: false, alarms: [] };
}

/** Creates (or reuses) the application and group, registers the hooks and starts a Lambda deployment. */
export function deployLambda(engine: Engine, o: DeployLambdaOptions): DeploymentHandle {
  const application = o.application ?? 'greenlight-local';
  const group = o.deploymentGroup ?? `${o.functionName}-group`;
  ensureApplication(engine, application, 'Lambda');
  ensureGroup(engine, application, group, {
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
  });
  const fn = engine.state.lambdaFunction(o.functionName);
  for (const [version, handler] of Object.entries(o.versions ?? {})) fn.versions.set(version, handler);
  const appSpec = {
    version: 0.0,
    Resources: [
      {
        [o.functionName]: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Name: o.functionName,
            Alias: o.alias ?? 'live',
            CurrentVersion: o.currentVersion,
            TargetVersion: o.targetVersion,
          },
        },
      },
    ],
    Hooks: registerHooks(engine, o.functionName, o.hooks ?? {}),
  };
  return engine.createDeployment(
    {
      applicationName: application,
      deploymentGroupName: group,
      revision: revision(appSpec),
      deploymentConfigName: o.config ?? 'CodeDeployDefault.LambdaAllAtOnce',
      autoRollbackConfiguration: rollbackConfig(o.autoRollback),
      overrideAlarmConfiguration: alarmConfig(engine, o.alarms),
      ...(o.description ? { description: o.description } : {}),
    },
    { exclusive: false },
  ).handle;
}

/** Creates (or reuses) the application, group and simulated service, and starts an ECS deployment. */
export function deployEcs(engine: Engine, o: DeployEcsOptions): DeploymentHandle {
  const application = o.application ?? 'greenlight-local-ecs';
  const group = o.deploymentGroup ?? `${o.cluster}-${o.service}`;
  const [blueTg, greenTg] = o.targetGroups ?? ['blue-tg', 'green-tg'];
  const key = `${o.cluster}:${o.service}`;
  if (!engine.state.ecsServices.has(key)) {
    engine.state.ecsServices.set(key, {
      cluster: o.cluster,
      service: o.service,
      taskSets: [newTaskSet('Blue', blueTg, 'original:1', o.desiredCount ?? 1, 100, 'PRIMARY')],
      targetGroups: [blueTg, greenTg],
      productionTargetGroup: blueTg,
      testTargetGroup: undefined,
    });
  }
  ensureApplication(engine, application, 'ECS');
  const listener = (port: number) => [
    `arn:aws:elasticloadbalancing:${engine.options.region}:${engine.options.accountId}:listener/app/${o.service}/0/${port}`,
  ];
  ensureGroup(engine, application, group, {
    ecsServices: [{ clusterName: o.cluster, serviceName: o.service }],
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    loadBalancerInfo: {
      targetGroupPairInfoList: [
        {
          targetGroups: [{ name: blueTg }, { name: greenTg }],
          prodTrafficRoute: { listenerArns: listener(80) },
          ...(o.testListener === false ? {} : { testTrafficRoute: { listenerArns: listener(8080) } }),
        },
      ],
    },
    blueGreenDeploymentConfiguration: {
      ...(o.readyWait
        ? {
            deploymentReadyOption: {
              waitTimeInMinutes: o.readyWait.minutes,
              actionOnTimeout: 'STOP_DEPLOYMENT',
            },
          }
        : {}),
      terminateBlueInstancesOnDeploymentSuccess: {
        action: 'TERMINATE',
        terminationWaitTimeInMinutes: o.terminationWaitMinutes ?? 0,
      },
    },
  });
  const appSpec = {
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: o.taskDefinition ?? 'replacement:1',
            LoadBalancerInfo: { ContainerName: o.service, ContainerPort: 80 },
          },
        },
      },
    ],
    Hooks: registerHooks(engine, `${o.cluster}_${o.service}`, o.hooks ?? {}),
  };
  return engine.createDeployment(
    {
      applicationName: application,
      deploymentGroupName: group,
      revision: revision(appSpec),
      deploymentConfigName: o.config ?? 'CodeDeployDefault.ECSAllAtOnce',
      autoRollbackConfiguration: rollbackConfig(o.autoRollback),
      overrideAlarmConfiguration: alarmConfig(engine, o.alarms),
    },
    { exclusive: false },
  ).handle;
}
