import { greenlight, InvalidOptionsError, validateGreenlightMiddyOptions } from '@greenlight/middy';

describe('options are validated strictly', () => {
  it.each([
    ['a misspelt key', { reserv: 5 }, /Unknown option `reserv` of @greenlight\/middy/],
    ['a createHook-only key', { failFast: true }, /Unknown option `failFast`/],
    ['a negative reserve', { reserve: -1 }, /`reserve`/],
    ['a zero timeout', { timeout: 0 }, /`timeout`/],
    ['a client without send', { client: {} }, /`client` to have a `send` method/],
    ['a logger without warn', { logger: { debug() {}, info() {}, error() {} } }, /`logger` to have a `warn`/],
    ['an unknown retry key', { retry: { attempts: 3 } }, /Unknown option `retry.attempts`/],
    ['skip and dryRun together', { skip: true, dryRun: true }, /cannot both be true/],
    ['a non-boolean dryRun', { dryRun: 'yes' }, /`dryRun` to be a boolean/],
    ['an array', [], /to be an object/],
  ])('rejects %s with an InvalidOptionsError naming it', (_, options, message) => {
    expect(() => greenlight(options as never)).toThrow(InvalidOptionsError);
    expect(() => greenlight(options as never)).toThrow(message);
  });

  it('accepts no options, and every known option', () => {
    expect(validateGreenlightMiddyOptions(undefined)).toEqual({});
    const all = {
      timeout: 1_000,
      reserve: (ms: number) => ms / 4,
      client: { send: async () => ({}) },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      skip: false,
      dryRun: false,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, attemptTimeoutMs: 1_000 },
      defaultRemainingMs: 5_000,
      clock: { now: Date.now, setTimeout, clearTimeout },
      random: Math.random,
    };
    expect(validateGreenlightMiddyOptions(all)).toBe(all);
    expect(Object.keys(greenlight(all))).toEqual(['name', 'before', 'after', 'onError']);
  });
});
