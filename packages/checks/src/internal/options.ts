/**
 * Strict option validation for every check factory, on the contract's one validator (`OptionSpec`: a validator per key
 * of the options interface, so the spec cannot drift from the type): an unknown key, or a value of the wrong
 * type, is an `InvalidOptionsError` that names the option and the check.
 */
import {
  is as contractIs,
  finiteNumber,
  InvalidOptionsError,
  MAX_TIMER_MS,
  nonEmptyString,
  nonNegativeInteger,
  type OptionSpec,
  oneOf,
  optional,
  required,
  stringList,
  stringRecord,
  type Validator,
  validateOptions,
} from '@greenlight/contract';

export { type OptionSpec, optional, required, type Validator, validateOptions };

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

/** The contract's validators, and the ones only the checks need. */
export const is = {
  ...contractIs,
  string: nonEmptyString,
  number: finiteNumber,
  nonNegativeInteger,
  stringList,
  stringRecord,
  oneOf,
  /** Milliseconds a timer waits: positive, and no longer than a timer can. */
  ms: contractIs.positiveAtMost(MAX_TIMER_MS, TIMER),
  /** Milliseconds, 0 allowed, no longer than a timer can wait. */
  msOrZero: optional(
    `a non-negative finite number no larger than ${TIMER}`,
    (v) => finite(v) && v >= 0 && v <= MAX_TIMER_MS,
  ),
  /** An SDK v3 client, or anything with `send(command, { abortSignal })`. */
  client: optional(
    'an object with a `send` method (an AWS SDK v3 client)',
    (v) => typeof v === 'object' && v !== null && typeof (v as { send?: unknown }).send === 'function',
  ),
} as const;
