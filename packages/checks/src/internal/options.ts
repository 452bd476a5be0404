/**
 * Strict option validation for every check factory, on core's one validator (`OptionSpec`: a validator per key
 * of the options interface, so the spec cannot drift from the type): an unknown key, or a value of the wrong
 * type, is an `InvalidOptionsError` that names the option and the check.
 */
import { InvalidOptionsError } from '@greenlight/core';
import {
  is as coreIs,
  MAX_TIMER_MS,
  type OptionSpec,
  optional,
  type Validator,
  validateOptions,
} from '@greenlight/core/internal';

export { type OptionSpec, optional, type Validator, validateOptions };

/** A validator that refuses `undefined`. */
export function required(validator: Validator): Validator {
  return (value, name) => {
    if (value === undefined) throw new InvalidOptionsError(name, `Option \`${name}\` is required`);
    validator(value, name);
  };
}

/**
 * The error for options that are each valid but not together, e.g. `alarms(): give names or prefix, not both`.
 *
 * @example
 * throw conflict('alarms', 'names', 'give `names` or `prefix`, not both');
 */
export function conflict(check: string, option: string, message: string): InvalidOptionsError {
  return new InvalidOptionsError(option, `${check}(): ${message}`);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const TIMER = `${MAX_TIMER_MS} ms (Node's longest timer, about 24.8 days)`;

/** Core's validators, and the ones the checks add. */
export const is = {
  ...coreIs,
  string: optional('a non-empty string', (v) => typeof v === 'string' && v !== ''),
  number: optional('a finite number', finite),
  /** Milliseconds a timer waits: positive, and no longer than a timer can. */
  ms: coreIs.positiveAtMost(MAX_TIMER_MS, TIMER),
  /** Milliseconds, 0 allowed, no longer than a timer can wait. */
  msOrZero: optional(
    `a non-negative finite number no larger than ${TIMER}`,
    (v) => finite(v) && v >= 0 && v <= MAX_TIMER_MS,
  ),
  nonNegativeInteger: optional('a non-negative integer', (v) => Number.isInteger(v) && (v as number) >= 0),
  stringList: optional(
    'a non-empty array of non-empty strings',
    (v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s !== ''),
  ),
  stringRecord: optional(
    'an object of string values',
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.values(v).every((s) => typeof s === 'string'),
  ),
  oneOf: (values: readonly unknown[]): Validator =>
    optional(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => values.includes(v)),
  /** An SDK v3 client, or anything with `send(command, { abortSignal })`. */
  client: optional(
    'an object with a `send` method (an AWS SDK v3 client)',
    (v) => typeof v === 'object' && v !== null && typeof (v as { send?: unknown }).send === 'function',
  ),
} as const;
