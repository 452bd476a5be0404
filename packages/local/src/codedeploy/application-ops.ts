import { createHash, randomUUID } from 'node:crypto';
import { DEPLOYMENT_CONFIGS } from '../engine/configs.js';
import type { Engine } from '../engine/engine.js';
import { EngineState } from '../engine/state.js';
import { ApiError } from '../errors.js';
import type { Operation } from './deployment-ops.js';
import { compact, deploymentGroupInfo, seconds } from './serialize.js';

const DEFAULT_CONFIG = {
  Server: 'CodeDeployDefault.OneAtATime',
  Lambda: 'CodeDeployDefault.LambdaAllAtOnce',
  ECS: 'CodeDeployDefault.ECSAllAtOnce',
} as const;
const SERVER_CONFIGS = [
  'CodeDeployDefault.OneAtATime',
  'CodeDeployDefault.HalfAtATime',
  'CodeDeployDefault.AllAtOnce',
];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

function requireApplication(engine: Engine, name: unknown) {
  const app = engine.state.applications.get(name as string);
  if (!app)
    throw new ApiError('ApplicationDoesNotExistException', `No application found for name: ${String(name)}`);
  return app;
}

function validateEcsGroup(input: Obj): void {
  const services = input.ecsServices;
  if (
    !Array.isArray(services) ||
    services.length !== 1 ||
    !obj(services[0]).serviceName ||
    !obj(services[0]).clusterName
  ) {
    throw new ApiError(
      'InvalidECSServiceException',
      'An ECS deployment group needs exactly one ECS service (clusterName and serviceName)',
    );
  }
  const pairs = obj(input.loadBalancerInfo).targetGroupPairInfoList;
  const pair = obj(Array.isArray(pairs) ? pairs[0] : undefined);
  if (!Array.isArray(pair.targetGroups) || pair.targetGroups.length !== 2) {
    throw new ApiError(
      'InvalidTargetGroupPairException',
      'An ECS deployment group needs a target group pair (two target groups)',
    );
  }
  const style = obj(input.deploymentStyle);
  if (style.deploymentType !== 'BLUE_GREEN' || style.deploymentOption !== 'WITH_TRAFFIC_CONTROL') {
    throw new ApiError(
      'InvalidDeploymentStyleException',
      'An ECS deployment group must use BLUE_GREEN with WITH_TRAFFIC_CONTROL',
    );
  }
}

/** The application, deployment group and revision operations. */
export const applicationOperations: Readonly<Record<string, Operation>> = {
  CreateApplication: (input, engine) => {
    const name = input.applicationName as string;
    if (engine.state.applications.has(name)) {
      throw new ApiError(
        'ApplicationAlreadyExistsException',
        `The application ${name} already exists with the IAM user or AWS account.`,
      );
    }
    const applicationId = randomUUID();
    engine.state.applications.set(name, {
      applicationName: name,
      applicationId,
      computePlatform: (input.computePlatform as 'Server' | 'Lambda' | 'ECS' | undefined) ?? 'Server',
      createTime: engine.now(),
    });
    return { applicationId };
  },

  CreateDeploymentGroup: (input, engine) => {
    const app = requireApplication(engine, input.applicationName);
    const name = input.deploymentGroupName as string;
    const key = EngineState.groupKey(app.applicationName, name);
    if (engine.state.groups.has(key)) {
      throw new ApiError(
        'DeploymentGroupAlreadyExistsException',
        `The deployment group ${name} already exists.`,
      );
    }
    const configName =
      (input.deploymentConfigName as string | undefined) ?? DEFAULT_CONFIG[app.computePlatform];
    const config = Object.hasOwn(DEPLOYMENT_CONFIGS, configName) ? DEPLOYMENT_CONFIGS[configName] : undefined;
    const fits = config
      ? config.computePlatform === app.computePlatform
      : app.computePlatform === 'Server' && SERVER_CONFIGS.includes(configName);
    if (!fits)
      throw new ApiError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${configName}`,
      );
    if (!String(input.serviceRoleArn).startsWith('arn:')) {
      throw new ApiError('InvalidRoleException', 'The service role ARN is not valid');
    }
    if (app.computePlatform === 'ECS') validateEcsGroup(input);
    const deploymentGroupId = randomUUID();
    engine.state.groups.set(key, {
      applicationName: app.applicationName,
      deploymentGroupName: name,
      deploymentGroupId,
      computePlatform: app.computePlatform,
      input: structuredClone(input),
      deploymentConfigName: configName,
    });
    return { deploymentGroupId };
  },

  GetDeploymentGroup: (input, engine) => {
    const app = requireApplication(engine, input.applicationName);
    const group = engine.state.groups.get(
      EngineState.groupKey(app.applicationName, input.deploymentGroupName as string),
    );
    if (!group) {
      throw new ApiError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${String(input.deploymentGroupName)}`,
      );
    }
    return { deploymentGroupInfo: deploymentGroupInfo(group) };
  },

  GetApplicationRevision: (input, engine) => {
    const app = requireApplication(engine, input.applicationName);
    const revision = obj(input.revision);
    const raw = obj(revision.revisionType === 'String' ? revision.string : revision.appSpecContent);
    if (revision.revisionType !== 'String' && revision.revisionType !== 'AppSpecContent') {
      throw new ApiError(
        'RevisionDoesNotExistException',
        'Only AppSpecContent and String revisions exist locally',
      );
    }
    const sha =
      typeof raw.content === 'string'
        ? createHash('sha256').update(raw.content).digest('hex')
        : typeof raw.sha256 === 'string'
          ? raw.sha256
          : undefined;
    if (!sha) throw new ApiError('InvalidRevisionException', 'The revision needs its content or sha256');
    const record = engine.state.revisions.get(`${app.applicationName}\u0000${sha}`);
    if (!record)
      throw new ApiError(
        'RevisionDoesNotExistException',
        `No revision with sha256 ${sha} was used by ${app.applicationName}`,
      );
    return {
      applicationName: app.applicationName,
      revision: record.revision,
      revisionInfo: compact({
        deploymentGroups: [...record.deploymentGroups],
        firstUsedTime: seconds(record.firstUsedTime),
        lastUsedTime: seconds(record.lastUsedTime),
        registerTime: seconds(record.registerTime),
      }),
    };
  },
};
