import { createHash } from 'node:crypto';
import { DEPLOYMENT_CONFIGS, type TrafficRouting } from './configs.js';
import type { DeploymentConfigRecord, RegionState } from './region-state.js';

/**
 * The predefined EC2/on-premises configurations and their minimum healthy hosts. The model documents that
 * GetDeploymentConfig answers `MOST_CONCURRENCY` (value 1) for OneAtATime, a type callers cannot set.
 */
export const SERVER_CONFIGS: Readonly<Record<string, { readonly type: string; readonly value: number }>> = {
  'CodeDeployDefault.OneAtATime': { type: 'MOST_CONCURRENCY', value: 1 },
  'CodeDeployDefault.HalfAtATime': { type: 'FLEET_PERCENT', value: 50 },
  'CodeDeployDefault.AllAtOnce': { type: 'HOST_COUNT', value: 0 },
};

/** When the predefined configurations were made (CodeDeploy's launch, 12 November 2014). */
const PREDEFINED_CREATE_TIME = Date.UTC(2014, 10, 12);

/** A stable UUID-shaped id for a name (predefined configurations have fixed ids). */
function stableId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A routing as DeploymentConfigInfo's `trafficRoutingConfig` shows it. */
export function trafficRoutingConfig(routing: TrafficRouting): Record<string, unknown> {
  if (routing.type === 'TimeBasedCanary') {
    return {
      type: routing.type,
      timeBasedCanary: { canaryPercentage: routing.percentage, canaryInterval: routing.intervalMinutes },
    };
  }
  if (routing.type === 'TimeBasedLinear') {
    return {
      type: routing.type,
      timeBasedLinear: { linearPercentage: routing.percentage, linearInterval: routing.intervalMinutes },
    };
  }
  return { type: 'AllAtOnce' };
}

const PREDEFINED: ReadonlyMap<string, DeploymentConfigRecord> = new Map([
  ...Object.entries(SERVER_CONFIGS).map(([name, minimumHealthyHosts]): [string, DeploymentConfigRecord] => [
    name,
    {
      deploymentConfigName: name,
      deploymentConfigId: stableId(name),
      computePlatform: 'Server',
      createTime: PREDEFINED_CREATE_TIME,
      predefined: true,
      minimumHealthyHosts,
    },
  ]),
  ...Object.entries(DEPLOYMENT_CONFIGS).map(([name, routing]): [string, DeploymentConfigRecord] => [
    name,
    {
      deploymentConfigName: name,
      deploymentConfigId: stableId(name),
      computePlatform: routing.computePlatform,
      createTime: PREDEFINED_CREATE_TIME,
      predefined: true,
      trafficRoutingConfig: trafficRoutingConfig(routing),
      routing,
    },
  ]),
]);

/** Every predefined configuration, in the order AWS lists them (Server, Lambda, ECS). */
export function predefinedConfigs(): DeploymentConfigRecord[] {
  return [...PREDEFINED.values()];
}

/** The configuration named `name` in a region: predefined or custom. */
export function findConfig(regional: RegionState, name: string): DeploymentConfigRecord | undefined {
  return PREDEFINED.get(name) ?? regional.configs.get(name);
}
