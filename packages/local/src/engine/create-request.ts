import { ApiError } from '../errors.js';
import { type EcsAppSpec, type LambdaAppSpec, parseAppSpec, type ServerAppSpec } from './appspec.js';
import { findConfig } from './config-catalog.js';
import type { EngineContext } from './context.js';
import type { ApplicationRecord, DeploymentGroupRecord } from './region-state.js';
import { inlineContent, normalizeRevision, requireRevisionFits } from './revisions.js';
import type { DeploymentSpec } from './rollback.js';
import { buildTarget } from './targets.js';

/** CreateDeployment's input members (already validated against the model). */
export interface CreateDeploymentRequest {
  readonly applicationName: string;
  readonly deploymentGroupName?: string;
  readonly revision?: Record<string, unknown>;
  readonly deploymentConfigName?: string;
  readonly description?: string;
  readonly autoRollbackConfiguration?: { enabled?: boolean; events?: string[] };
  readonly overrideAlarmConfiguration?: { enabled?: boolean; alarms?: { name?: string }[] };
  readonly ignoreApplicationStopFailures?: boolean;
  readonly updateOutdatedInstancesOnly?: boolean;
  readonly fileExistsBehavior?: string;
  readonly targetInstances?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The deployment style a group has when it names none. */
export function defaultDeploymentStyle(platform: ApplicationRecord['computePlatform']) {
  return platform === 'Server'
    ? { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' }
    : { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' };
}

/** The application named in a request, in the request's region, or `ApplicationDoesNotExistException`. */
export function requireApplication(engine: EngineContext, region: string, name: unknown): ApplicationRecord {
  const app = engine.state.region(region).applications.get(String(name));
  if (!app)
    throw new ApiError('ApplicationDoesNotExistException', `No application found for name: ${String(name)}`);
  return app;
}

function appSpecOf(
  revision: Obj,
  platform: ApplicationRecord['computePlatform'],
): LambdaAppSpec | EcsAppSpec | ServerAppSpec {
  if (platform === 'Server') return { kind: 'Server', hooks: {} };
  const content = inlineContent(revision)?.content;
  if (typeof content !== 'string') {
    throw new ApiError(
      'InvalidRevisionException',
      `The local CodeDeploy cannot read a ${String(revision.revisionType)} revision's AppSpec (it has no S3): give the AppSpec inline as an AppSpecContent revision`,
    );
  }
  return parseAppSpec(content, platform);
}

/**
 * Checks a CreateDeployment request in `region` as CodeDeploy does (application, group, revision, config)
 * and returns what the new deployment is made of. The one-deployment-per-group rule is the engine's.
 */
export function deploymentSpec(
  engine: EngineContext,
  input: CreateDeploymentRequest,
  region: string,
): { spec: DeploymentSpec; app: ApplicationRecord; group: DeploymentGroupRecord } {
  const app = requireApplication(engine, region, input.applicationName);
  if (!input.deploymentGroupName)
    throw new ApiError('DeploymentGroupNameRequiredException', 'Deployment Group name is required');
  const group = app.groups.get(input.deploymentGroupName);
  if (!group) {
    throw new ApiError(
      'DeploymentGroupDoesNotExistException',
      `No Deployment Group found for name: ${input.deploymentGroupName}`,
    );
  }
  const given = input.revision ?? group.targetRevision;
  if (!given) throw new ApiError('RevisionRequiredException', 'Revision is required');
  const revision = normalizeRevision(given, true);
  requireRevisionFits(revision, app.computePlatform);
  const configName = input.deploymentConfigName ?? group.deploymentConfigName;
  const config = findConfig(engine.state.region(region), configName);
  if (!config || config.computePlatform !== app.computePlatform) {
    throw new ApiError(
      'DeploymentConfigDoesNotExistException',
      `No deployment configuration found for name: ${configName}`,
    );
  }
  const appSpec = appSpecOf(revision, app.computePlatform);
  const groupInput = group.input;
  const rollbackCfg = obj(input.autoRollbackConfiguration ?? groupInput.autoRollbackConfiguration);
  const alarmCfg = obj(input.overrideAlarmConfiguration ?? groupInput.alarmConfiguration);
  const alarms =
    alarmCfg.enabled === true && Array.isArray(alarmCfg.alarms)
      ? alarmCfg.alarms.map((a) => String(obj(a).name ?? '')).filter(Boolean)
      : [];
  const bg = obj(groupInput.blueGreenDeploymentConfiguration);
  const ready = obj(bg.deploymentReadyOption);
  const terminate = obj(bg.terminateBlueInstancesOnDeploymentSuccess);
  const previous = group.lastSuccessfulDeployment
    ? engine.state.deployments.get(group.lastSuccessfulDeployment.deploymentId)?.revision
    : undefined;
  const info = {
    deploymentStyle: groupInput.deploymentStyle ?? defaultDeploymentStyle(app.computePlatform),
    blueGreenDeploymentConfiguration: groupInput.blueGreenDeploymentConfiguration,
    loadBalancerInfo: groupInput.loadBalancerInfo,
    previousRevision: previous,
    ignoreApplicationStopFailures: input.ignoreApplicationStopFailures ?? false,
    updateOutdatedInstancesOnly: input.updateOutdatedInstancesOnly ?? false,
    fileExistsBehavior:
      input.fileExistsBehavior ?? (app.computePlatform === 'Server' ? 'DISALLOW' : undefined),
    targetInstances: input.targetInstances,
    overrideAlarmConfiguration: input.overrideAlarmConfiguration,
  };
  const spec: DeploymentSpec = {
    region,
    applicationName: app.applicationName,
    deploymentGroupName: group.deploymentGroupName,
    deploymentConfigName: configName,
    computePlatform: app.computePlatform,
    creator: 'user',
    description: input.description,
    revision,
    appSpec,
    routing: config.routing,
    group,
    info,
    autoRollback: {
      enabled: rollbackCfg.enabled === true,
      events: Array.isArray(rollbackCfg.events) ? rollbackCfg.events.map(String) : [],
    },
    alarms,
    options: {
      ...(ready.actionOnTimeout === 'STOP_DEPLOYMENT'
        ? { readyWaitMinutes: Number(ready.waitTimeInMinutes ?? 0), readyTimeoutAction: 'STOP_DEPLOYMENT' }
        : {}),
      ...(typeof terminate.terminationWaitTimeInMinutes === 'number'
        ? { terminationWaitMinutes: terminate.terminationWaitTimeInMinutes }
        : {}),
    },
    target: buildTarget(engine, region, appSpec, groupInput),
  };
  return { spec, app, group };
}
