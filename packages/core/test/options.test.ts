import { createHook, validateHookOptions } from '@greenlight/core';

describe('options', () => {
  const check = () => true;

  it('rejects an unknown option with a TypeError that names it', () => {
    expect(() => createHook(check, { timeoutMilis: 5 } as never)).toThrow(/Unknown option `timeoutMilis`/);
    expect(() => createHook(check, { timeoutMilis: 5 } as never)).toThrow(TypeError);
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
  ])('rejects %j', (options, message) => {
    expect(() => validateHookOptions(options)).toThrow(TypeError);
    expect(() => validateHookOptions(options)).toThrow(message);
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
    expect(() => createHook(checks as never)).toThrow(message);
  });
});
