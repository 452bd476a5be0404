/**
 * Strict option validation shared by every check factory: an unknown key, or a value of the wrong type,
 * is a `TypeError` that names the option and the check (the habit of core's `validateHookOptions`).
 */

/** Checks one option's value; throws a `TypeError` naming `name` when it is wrong. */
export type Validator = (value: unknown, name: string) => void;

function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (value instanceof RegExp) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Builds the error every validator throws. */
function wrong(name: string, what: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${what}, got ${show(value)}`);
}

/** A validator that accepts `undefined` and anything `test` accepts. */
export function optional(what: string, test: (value: unknown) => boolean): Validator {
  return (value, name) => {
    if (value !== undefined && !test(value)) throw wrong(name, what, value);
  };
}

/** A validator that rejects `undefined`. */
export function required(validator: Validator): Validator {
  return (value, name) => {
    if (value === undefined) throw new TypeError(`Option \`${name}\` is required`);
    validator(value, name);
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const is = {
  string: optional('a non-empty string', (v) => typeof v === 'string' && v !== ''),
  boolean: optional('a boolean', (v) => typeof v === 'boolean'),
  function: optional('a function', (v) => typeof v === 'function'),
  number: optional('a finite number', finite),
  positive: optional('a positive finite number', (v) => finite(v) && v > 0),
  nonNegative: optional('a non-negative finite number', (v) => finite(v) && v >= 0),
  positiveInteger: optional('a positive integer', (v) => Number.isInteger(v) && (v as number) > 0),
  nonNegativeInteger: optional('a non-negative integer', (v) => Number.isInteger(v) && (v as number) >= 0),
  stringOrFunction: optional(
    'a non-empty string or a function of the check context',
    (v) => (typeof v === 'string' && v !== '') || typeof v === 'function',
  ),
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
    optional(`one of ${values.map(show).join(', ')}`, (v) => values.includes(v)),
  /** An SDK v3 client, or anything with `send(command, { abortSignal })`. */
  client: optional(
    'an object with a `send` method (an AWS SDK v3 client)',
    (v) => typeof v === 'object' && v !== null && typeof (v as { send?: unknown }).send === 'function',
  ),
} as const;

/**
 * Validates `options` of the check factory `check` against `spec`: every key must be known and pass its
 * validator. Returns the options, typed.
 *
 * @example
 * validateOptions('http', { url: 'https://x', timeoutMilis: 5 }, { url: is.string, timeoutMs: is.positive });
 * // TypeError: Unknown option `timeoutMilis` of http(). Known options: url, timeoutMs
 */
export function validateOptions<T>(
  check: string,
  options: unknown,
  spec: Readonly<Record<string, Validator>>,
): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`Expected the options of ${check}() to be an object, got ${show(options)}`);
  }
  const known = Object.keys(spec);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(spec, key)) {
      throw new TypeError(`Unknown option \`${key}\` of ${check}(). Known options: ${known.join(', ')}`);
    }
  }
  for (const key of known) spec[key]!((options as Record<string, unknown>)[key], key);
  return options as T;
}
