import { shown } from '../errors/describe.js';
import { InvalidOptionsError } from '../errors/invalid-options.js';

/**
 * Checks one option's value; throws an `InvalidOptionsError` naming `name` when it is wrong. `undefined` (the
 * option left out) is for the validator to accept or refuse.
 *
 * @example
 * const port: Validator = optional('a port number', (v) => Number.isInteger(v) && v > 0 && v < 65536);
 */
export type Validator = (value: unknown, name: string) => void;

/**
 * A validator per option, one for every key of the options interface `T` (the compiler refuses a missing or
 * an extra key), so the spec cannot drift from the type.
 *
 * @example
 * const SPEC: OptionSpec<HookOptions> = { timeout: is.positive, ... };
 */
export type OptionSpec<T> = { readonly [K in keyof T]-?: Validator };

/**
 * The error a validator throws: ``Expected `name` to be what, got value``.
 *
 * @example
 * throw wrongOption('retry.maxAttempts', 'a positive integer', 1.5);
 */
export function wrongOption(name: string, what: string, value: unknown): InvalidOptionsError {
  return new InvalidOptionsError(name, `Expected \`${name}\` to be ${what}, got ${shown(value)}`);
}

/**
 * A validator that accepts `undefined` and anything `test` accepts.
 *
 * @example
 * const percent = optional('a percentage', (v) => typeof v === 'number' && v >= 0 && v <= 100);
 */
export function optional(what: string, test: (value: unknown) => boolean): Validator {
  return (value, name) => {
    if (value !== undefined && !test(value)) throw wrongOption(name, what, value);
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A validator that refuses `undefined` (the option is required), then applies `validator`.
 *
 * @example
 * const SPEC: OptionSpec<{ url: string }> = { url: required(nonEmptyString) };
 */
export function required(validator: Validator): Validator {
  return (value, name) => {
    if (value === undefined) throw new InvalidOptionsError(name, `Option \`${name}\` is required`);
    validator(value, name);
  };
}

/**
 * The validators `createHook`'s options are made of. The other validators are exported one by one
 * ({@link nonEmptyString}, {@link oneOf}, …), so that a bundle keeps only those its package uses.
 *
 * @example
 * const SPEC: OptionSpec<{ retries?: number }> = { retries: is.positiveInteger };
 */
export const is = {
  boolean: optional('a boolean', (v) => typeof v === 'boolean'),
  function: optional('a function', (v) => typeof v === 'function'),
  positive: optional('a positive finite number', (v) => finite(v) && v > 0),
  nonNegative: optional('a non-negative finite number', (v) => finite(v) && v >= 0),
  positiveInteger: optional('a positive integer', (v) => Number.isInteger(v) && (v as number) > 0),
  /** A positive number of ms no larger than `max` (`label` names the maximum in the message). */
  positiveAtMost: (max: number, label: string): Validator =>
    optional(`a positive finite number no larger than ${label}`, (v) => finite(v) && v > 0 && v <= max),
  /** A non-negative number of ms, or a function of the remaining time returning one. */
  msOrFunction: optional(
    'a non-negative finite number or a function of the remaining time',
    (v) => typeof v === 'function' || (finite(v) && v >= 0),
  ),
  /** An object with these methods. */
  methods:
    (...required: readonly string[]): Validator =>
    (value, name) => {
      if (value === undefined) return;
      if (typeof value !== 'object' || value === null) throw wrongOption(name, 'an object', value);
      for (const m of required) {
        if (typeof (value as Record<string, unknown>)[m] !== 'function') {
          throw new InvalidOptionsError(name, `Expected \`${name}\` to have a \`${m}\` method`);
        }
      }
    },
  /** A nested options object, validated against its own spec. */
  object:
    <T>(spec: OptionSpec<T>): Validator =>
    (value, name) => {
      if (value === undefined) return;
      if (!isObject(value)) throw wrongOption(name, 'an object', value);
      check(`${name}.`, value, spec);
    },
} as const;

function check(prefix: string, options: Record<string, unknown>, spec: object, owner?: string): void {
  const validators = spec as Readonly<Record<string, Validator>>;
  const known = Object.keys(validators);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(validators, key)) {
      throw new InvalidOptionsError(
        `${prefix}${key}`,
        `Unknown option \`${prefix}${key}\`${owner ? ` of ${owner}` : ''}. Known options: ${known.join(', ')}`,
      );
    }
  }
  for (const key of known) validators[key]?.(options[key], `${prefix}${key}`);
}

/**
 * Validates the options of `owner` (e.g. `createHook`) against `spec`: every key must be known and pass its
 * validator. `undefined` is no options. Returns them, typed.
 *
 * @throws InvalidOptionsError naming the option.
 * @example
 * validateOptions('createHook', { timeoutMilis: 5 }, SPEC);
 * // InvalidOptionsError: Unknown option `timeoutMilis` of createHook. Known options: timeout, reserve, ...
 */
export function validateOptions<T extends object>(owner: string, options: unknown, spec: OptionSpec<T>): T {
  if (options === undefined) return {} as T;
  if (!isObject(options)) {
    throw new InvalidOptionsError(
      'options',
      `Expected the options of ${owner} to be an object, got ${shown(options)}`,
    );
  }
  check('', options, spec, owner);
  return options as T;
}

/**
 * A non-empty string.
 *
 * @example
 * const SPEC: OptionSpec<{ region?: string }> = { region: nonEmptyString };
 */
export const nonEmptyString: Validator = /* @__PURE__ */ optional(
  'a non-empty string',
  (v) => typeof v === 'string' && v !== '',
);

/**
 * A finite number.
 *
 * @example
 * const SPEC: OptionSpec<{ seed?: number }> = { seed: finiteNumber };
 */
export const finiteNumber: Validator = /* @__PURE__ */ optional('a finite number', finite);

/**
 * A non-negative integer.
 *
 * @example
 * const SPEC: OptionSpec<{ successes?: number }> = { successes: nonNegativeInteger };
 */
export const nonNegativeInteger: Validator = /* @__PURE__ */ optional(
  'a non-negative integer',
  (v) => Number.isInteger(v) && (v as number) >= 0,
);

/**
 * A non-empty array of non-empty strings.
 *
 * @example
 * const SPEC: OptionSpec<{ signingRegions?: readonly string[] }> = { signingRegions: stringList };
 */
export const stringList: Validator = /* @__PURE__ */ optional(
  'a non-empty array of non-empty strings',
  (v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''),
);

/**
 * An object whose values are all strings (e.g. environment variables, HTTP headers).
 *
 * @example
 * const SPEC: OptionSpec<{ headers?: Record<string, string> }> = { headers: stringRecord };
 */
export const stringRecord: Validator = /* @__PURE__ */ optional(
  'an object of string values',
  (v) => isObject(v) && Object.values(v).every((s) => typeof s === 'string'),
);

/**
 * A number from `min` to `max`, both included.
 *
 * @example
 * const SPEC: OptionSpec<{ rate?: number }> = { rate: between(0, 1) };
 */
export function between(min: number, max: number): Validator {
  return optional(`a number from ${min} to ${max}`, (v) => finite(v) && v >= min && v <= max);
}

/**
 * One of these values (compared with `===`).
 *
 * @example
 * const SPEC: OptionSpec<{ retries?: 0 | 1 | 2 }> = { retries: oneOf([0, 1, 2]) };
 */
export function oneOf(values: readonly unknown[]): Validator {
  return optional(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => values.includes(v));
}
