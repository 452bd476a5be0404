import { DEPLOYMENT_CONFIGS } from '@greenlight/local';
import { UsageError } from '../args.js';
import type { Platform } from './hooks.js';

/** The default deployment configuration per platform: a canary, so the timeline shows traffic moving. */
export const DEFAULT_CONFIGS: Readonly<Record<Exclude<Platform, 'ecs-native'>, string>> = {
  lambda: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
  ecs: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
};

/**
 * The full name of a predefined deployment configuration for the platform; the `CodeDeployDefault.` prefix
 * may be left out. Throws a {@link UsageError} listing the valid names.
 *
 * @example
 * deploymentConfig('LambdaLinear10PercentEvery1Minute', 'lambda'); // 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute'
 */
export function deploymentConfig(
  name: string | undefined,
  platform: Exclude<Platform, 'ecs-native'>,
): string {
  if (name === undefined) return DEFAULT_CONFIGS[platform];
  const full = name.startsWith('CodeDeployDefault.') ? name : `CodeDeployDefault.${name}`;
  const wanted = platform === 'lambda' ? 'Lambda' : 'ECS';
  const config = DEPLOYMENT_CONFIGS[full];
  if (config?.computePlatform === wanted) return full;
  const valid = Object.keys(DEPLOYMENT_CONFIGS).filter(
    (k) => DEPLOYMENT_CONFIGS[k]?.computePlatform === wanted,
  );
  throw new UsageError(
    `unknown ${wanted} deployment config '${name}'. Valid: ${valid.join(', ')}`,
    'simulate',
  );
}
