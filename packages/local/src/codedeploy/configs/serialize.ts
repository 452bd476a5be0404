import type { DeploymentConfigRecord } from '../../engine/region-state.js';
import { compact, seconds } from '../values.js';

/** A `DeploymentConfigInfo`. */
export function deploymentConfigInfo(config: DeploymentConfigRecord): Record<string, unknown> {
  return compact({
    deploymentConfigId: config.deploymentConfigId,
    deploymentConfigName: config.deploymentConfigName,
    minimumHealthyHosts: config.minimumHealthyHosts,
    createTime: seconds(config.createTime),
    computePlatform: config.computePlatform,
    trafficRoutingConfig: config.trafficRoutingConfig,
    zonalConfig: config.zonalConfig,
  });
}
