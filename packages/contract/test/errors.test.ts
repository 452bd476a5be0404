import type * as contract from '@greenlight/contract';
import { GreenlightError, InvalidOptionsError, isGreenlightError } from '@greenlight/contract';

describe('the error root', () => {
  it('carries a stable code and a cause, and is an Error', () => {
    const cause = new Error('socket hang up');
    const error = new GreenlightError('HOOK_TIMED_OUT', 'Task timed out after 3.00 seconds', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'GreenlightError', code: 'HOOK_TIMED_OUT', cause });
    expect(isGreenlightError(error)).toBe(true);
    expect(isGreenlightError(error, 'HOOK_TIMED_OUT')).toBe(true);
    expect(isGreenlightError(error, 'CLOSED')).toBe(false);
  });

  it('recognises an error of another copy of the package, where instanceof cannot', () => {
    let other: typeof contract | undefined;
    jest.isolateModules(() => {
      other = require('@greenlight/contract') as typeof contract;
    });
    const foreign = new (other as typeof contract).InvalidOptionsError(
      'port',
      'Expected `port` to be a port',
    );
    expect(other?.GreenlightError).not.toBe(GreenlightError);
    expect(foreign instanceof GreenlightError).toBe(false);
    expect(isGreenlightError(foreign, 'INVALID_OPTIONS')).toBe(true);
  });

  it('does not mistake look-alikes or hostile values for its own, and never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    for (const value of [
      new Error('x'),
      { code: 'INVALID_OPTIONS', name: 'GreenlightError' },
      null,
      'x',
      hostile,
    ])
      expect(isGreenlightError(value)).toBe(false);
  });

  it('names the option an InvalidOptionsError is about', () => {
    const error = new InvalidOptionsError(
      'retry.maxAttempts',
      'Expected `retry.maxAttempts` to be a positive integer',
    );
    expect(error).toBeInstanceOf(GreenlightError);
    expect(error).toMatchObject({
      name: 'InvalidOptionsError',
      code: 'INVALID_OPTIONS',
      option: 'retry.maxAttempts',
    });
  });
});
