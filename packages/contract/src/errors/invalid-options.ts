import { GreenlightError } from './greenlight-error.js';

/**
 * An option (or argument) given to a greenlight function or construct is unknown, or of the wrong type or
 * range: `createHook`'s options, a check's, the middy middleware's, `startLocalCodeDeploy`'s, a
 * `HookFunction`'s props. Thrown when the thing is made, never later.
 *
 * @example
 * createHook(check, { timeoutMilis: 5 } as never); // InvalidOptionsError: Unknown option `timeoutMilis` ...
 */
export class InvalidOptionsError extends GreenlightError {
  declare readonly code: 'INVALID_OPTIONS';
  /** The option, e.g. `retry.maxAttempts` (`checks` for a hook's checks, `timeout` for a construct's). */
  readonly option: string;
  constructor(option: string, message: string) {
    super('INVALID_OPTIONS', message);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}
