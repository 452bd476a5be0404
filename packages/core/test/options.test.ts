import { createHook, InvalidOptionsError, isGreenlightError } from '@greenlight/core';
import { validateHookOptions } from '@greenlight/core/internal';

describe('options', () => {
  const check = () => true;

  const thrown = (make: () => unknown): unknown => {
    try {
      make();
    } catch (error) {
      return error;
    }
    throw new Error('nothing was thrown');
  };

  it('rejects an unknown option with an InvalidOptionsError that names it', () => {
    const error = thrown(() => createHook(check, { timeoutMilis: 5 } as never));
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', option: 'timeoutMilis' });
    expect((error as Error).message).toMatch(/Unknown option `timeoutMilis` of createHook/);
  });

  it.each([
    [{ timeout: -1 }, /`timeout` to be a positive finite number/],
    [{ timeout: Number.NaN }, /`timeout`/],
    [{ reserve: 'lots' }, /`reserve` to be a non-negative finite number/],
    [{ sequential: 'yes' }, /`sequential` to be a boolean/],
    [{ client: {} }, /`client` to have a `send` method/],
    [{ logger: { info() {} } }, /`logger` to have a `debug` method/],
    [{ retry: { maxAttempts: 1.5 } }, /`retry.maxAttempts` to be a positive integer/],
    [{ retry: { backoff: 2 } }, /Unknown option `retry.backoff`/],
    [{ skip: true, dryRun: true }, /cannot both be true/],
    ['fast', /options of createHook to be an object/],
    [
      { defaultRemainingMs: 30 * 24 * 3_600_000 },
      /`defaultRemainingMs` to be a positive finite number no larger than 900000/,
    ],
  ])('rejects %j', (options, message) => {
    const error = thrown(() => validateHookOptions(options));
    expect(isGreenlightError(error, 'INVALID_OPTIONS')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts every documented option', () => {
    expect(() =>
      validateHookOptions({
        timeout: 10,
        reserve: (ms: number) => ms / 2,
        sequential: true,
        failFast: true,
        client: { send: async () => ({}) },
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        skip: false,
        dryRun: false,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, attemptTimeoutMs: 3 },
        defaultRemainingMs: 1000,
        random: Math.random,
      }),
    ).not.toThrow();
  });

  it.each([
    [null, /check function or a record/],
    [[() => true], /check function or a record/],
    [{}, /at least one check/],
    [{ ok: () => true, broken: 'yes' }, /check `broken` to be a function, got string/],
  ])('rejects checks %p', (checks, message) => {
    const error = thrown(() => createHook(checks as never));
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', option: 'checks' });
    expect((error as Error).message).toMatch(message);
  });
});
