import { randomUUID } from 'node:crypto';
import { findConfig, predefinedConfigs, trafficRoutingConfig } from '../../engine/config-catalog.js';
import { isFinal } from '../../engine/group-lock.js';
import type { ComputePlatform, DeploymentConfigRecord } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { configArn } from '../arns.js';
import type { OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { dropTags } from '../tags/store.js';
import { obj } from '../values.js';
import { routingFrom } from './routing.js';
import { deploymentConfigInfo } from './serialize.js';

function minimumHealthyHosts(value: unknown): { type: string; value: number } {
  const m = obj(value);
  const n = m.value;
  const valid =
    typeof n === 'number' &&
    Number.isInteger(n) &&
    ((m.type === 'HOST_COUNT' && n >= 0) || (m.type === 'FLEET_PERCENT' && n >= 0 && n <= 99));
  if (!valid) {
    throw new ApiError(
      'InvalidMinimumHealthyHostValueException',
      'minimumHealthyHosts needs a type (HOST_COUNT or FLEET_PERCENT) and a value (FLEET_PERCENT: 0 to 99)',
    );
  }
  return { type: m.type as string, value: n };
}

function inUse(name: string, ctx: Parameters<OperationTable[string]>[1]): boolean {
  for (const app of ctx.regional.applications.values()) {
    for (const group of app.groups.values()) if (group.deploymentConfigName === name) return true;
  }
  for (const dep of ctx.engine.state.deployments.values()) {
    if (dep.region === ctx.region && dep.deploymentConfigName === name && !isFinal(dep.status)) return true;
  }
  return false;
}

/** CreateDeploymentConfig, GetDeploymentConfig, ListDeploymentConfigs, DeleteDeploymentConfig. */
export const configOperations: OperationTable = {
  CreateDeploymentConfig: (input, ctx) => {
    const name = input.deploymentConfigName as string;
    if (findConfig(ctx.regional, name)) {
      throw new ApiError(
        'DeploymentConfigAlreadyExistsException',
        `A deployment configuration with the name ${name} already exists.`,
      );
    }
    const platform = (input.computePlatform as ComputePlatform | undefined) ?? 'Server';
    const base = {
      deploymentConfigName: name,
      deploymentConfigId: randomUUID(),
      computePlatform: platform,
      createTime: ctx.now(),
      predefined: false,
    };
    let config: DeploymentConfigRecord;
    if (platform === 'Server') {
      if (input.trafficRoutingConfig !== undefined) {
        throw new ApiError(
          'InvalidTrafficRoutingConfigurationException',
          'An EC2/on-premises configuration takes no trafficRoutingConfig',
        );
      }
      config = {
        ...base,
        minimumHealthyHosts: minimumHealthyHosts(input.minimumHealthyHosts),
        ...(input.zonalConfig !== undefined ? { zonalConfig: obj(input.zonalConfig) } : {}),
      };
    } else {
      if (input.minimumHealthyHosts !== undefined) {
        throw new ApiError(
          'InvalidMinimumHealthyHostValueException',
          `A ${platform} configuration takes no minimumHealthyHosts`,
        );
      }
      if (input.zonalConfig !== undefined) {
        throw new ApiError(
          'InvalidZonalDeploymentConfigurationException',
          'zonalConfig is for EC2/on-premises configurations only',
        );
      }
      const routing = routingFrom(input.trafficRoutingConfig, platform);
      config = { ...base, routing, trafficRoutingConfig: trafficRoutingConfig(routing) };
    }
    ctx.regional.configs.set(name, config);
    return { deploymentConfigId: config.deploymentConfigId };
  },

  GetDeploymentConfig: (input, ctx) => {
    const name = input.deploymentConfigName as string;
    const config = findConfig(ctx.regional, name);
    if (!config) {
      throw new ApiError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${name}`,
      );
    }
    return { deploymentConfigInfo: deploymentConfigInfo(config) };
  },

  ListDeploymentConfigs: (input, ctx) => {
    const names = [
      ...predefinedConfigs().map((c) => c.deploymentConfigName),
      ...[...ctx.regional.configs.keys()].sort(),
    ];
    const { page, nextToken } = paginate(names, input.nextToken, 'ListDeploymentConfigs');
    return nextToken ? { deploymentConfigsList: page, nextToken } : { deploymentConfigsList: page };
  },

  DeleteDeploymentConfig: (input, ctx) => {
    const name = input.deploymentConfigName as string;
    if (findConfig(ctx.regional, name)?.predefined) {
      throw new ApiError(
        'InvalidOperationException',
        `The predefined deployment configuration ${name} cannot be deleted.`,
      );
    }
    if (!ctx.regional.configs.has(name)) return {}; // deleting what does not exist succeeds, as on AWS
    if (inUse(name, ctx)) {
      throw new ApiError('DeploymentConfigInUseException', `The deployment configuration ${name} is in use.`);
    }
    ctx.regional.configs.delete(name);
    dropTags(ctx.regional, configArn(ctx.region, ctx.accountId, name));
    return {};
  },
};
