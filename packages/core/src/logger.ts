import { Logger } from '@aws-lambda-powertools/logger';
import type { HookLogger } from './types.js';

/**
 * A Powertools Logger named `greenlight-hook`, unless POWERTOOLS_SERVICE_NAME names the service: what hooks log
 * through when no `logger` is given.
 *
 * @example
 * const logger = defaultLogger(); // Powertools JSON lines, level from POWERTOOLS_LOG_LEVEL
 */
export function defaultLogger(): HookLogger {
  return new Logger(process.env.POWERTOOLS_SERVICE_NAME ? {} : { serviceName: 'greenlight-hook' });
}

/**
 * A view of `base` whose every line carries `keys`. It passes the keys as an extra object (Powertools merges
 * it into the log item), so concurrent invocations in one process never share or clobber keys.
 *
 * @example
 * const log = withKeys(logger, { deploymentId: event.DeploymentId });
 * log.info('validating'); // logger.info('validating', { deploymentId: 'd-75I7MBT7C' })
 */
export function withKeys(base: HookLogger, keys: Readonly<Record<string, unknown>>): HookLogger {
  return {
    debug: (message, ...extra) => base.debug(message, keys, ...extra),
    info: (message, ...extra) => base.info(message, keys, ...extra),
    warn: (message, ...extra) => base.warn(message, keys, ...extra),
    error: (message, ...extra) => base.error(message, keys, ...extra),
  };
}
