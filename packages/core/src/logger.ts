import { Logger } from '@aws-lambda-powertools/logger';
import { describeThrown } from '@greenlight/contract';
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

type Level = keyof HookLogger;

/**
 * A view of `base` whose every line carries `keys` (passed as one extra object, which Powertools merges into the
 * log item, so concurrent invocations never share or clobber keys), and which never throws: a logger that
 * throws (a broken transport, an attribute it cannot serialise) must not stop the hook from answering, so the
 * line is written to stderr instead, with why.
 *
 * @example
 * const log = withKeys(logger, { deploymentId: event.DeploymentId });
 * log.info('validating'); // logger.info('validating', { deploymentId: 'd-75I7MBT7C' })
 */
export function withKeys(base: HookLogger, keys?: Readonly<Record<string, unknown>>): HookLogger {
  const at =
    (level: Level) =>
    (message: string, ...extra: unknown[]) => {
      try {
        if (keys) base[level](message, keys, ...extra);
        else base[level](message, ...extra);
      } catch (error) {
        process.stderr.write(
          `greenlight: the logger threw (${describeThrown(error)}) while writing ${level} "${message}"\n`,
        );
      }
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
