import type { TrafficRouting } from '../../engine/configs.js';
import type { ComputePlatform } from '../../engine/region-state.js';
import { ApiError } from '../../errors.js';
import { obj } from '../values.js';

const invalid = (message: string): never => {
  throw new ApiError('InvalidTrafficRoutingConfigurationException', message);
};

const percentage = (v: unknown, what: string): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 99
    ? v
    : invalid(`${what} must be a whole percentage from 1 to 99`);

const minutes = (v: unknown, what: string): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1
    ? v
    : invalid(`${what} must be a whole number of minutes, at least 1`);

/**
 * The routing a custom Lambda or ECS configuration's `trafficRoutingConfig` describes, checked as CodeDeploy
 * checks it: the type's own member and no other, percentages 1–99, intervals of at least a minute.
 */
export function routingFrom(config: unknown, platform: Exclude<ComputePlatform, 'Server'>): TrafficRouting {
  const c = obj(config);
  const canary = c.timeBasedCanary === undefined ? undefined : obj(c.timeBasedCanary);
  const linear = c.timeBasedLinear === undefined ? undefined : obj(c.timeBasedLinear);
  if (c.type === 'AllAtOnce') {
    if (canary || linear)
      invalid('An AllAtOnce configuration takes neither timeBasedCanary nor timeBasedLinear');
    return { computePlatform: platform, type: 'AllAtOnce', percentage: 100, intervalMinutes: 0 };
  }
  if (c.type === 'TimeBasedCanary') {
    if (!canary || linear)
      invalid('A TimeBasedCanary configuration takes timeBasedCanary (and not timeBasedLinear)');
    return {
      computePlatform: platform,
      type: 'TimeBasedCanary',
      percentage: percentage(canary!.canaryPercentage, 'canaryPercentage'),
      intervalMinutes: minutes(canary!.canaryInterval, 'canaryInterval'),
    };
  }
  if (c.type === 'TimeBasedLinear') {
    if (!linear || canary)
      invalid('A TimeBasedLinear configuration takes timeBasedLinear (and not timeBasedCanary)');
    return {
      computePlatform: platform,
      type: 'TimeBasedLinear',
      percentage: percentage(linear!.linearPercentage, 'linearPercentage'),
      intervalMinutes: minutes(linear!.linearInterval, 'linearInterval'),
    };
  }
  return invalid('trafficRoutingConfig needs a type: AllAtOnce, TimeBasedCanary or TimeBasedLinear');
}
