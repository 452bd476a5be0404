import { shown as coreShown, describeThrown, tidyText } from '@greenlight/contract';

/**
 * Expectations on a response body or an invocation payload: text, RegExp, a JSON subset, or a predicate.
 * Each comparison answers `undefined` (as expected) or a reason naming what differed.
 */

/**
 * A JSON value, where a string may also be a `RegExp` the actual string must match.
 *
 * @example
 * const expected: JsonSubset = { status: 'ok', version: /^2\./, checks: [{ name: 'db' }] };
 */
export type JsonSubset =
  | string
  | number
  | boolean
  | null
  | RegExp
  | readonly JsonSubset[]
  | { readonly [key: string]: JsonSubset };

/**
 * A short, one-line rendering of a value for a reason: bounded, credentials redacted, and safe with any value
 * (a `toJSON` or `toString` that throws included).
 */
export function shown(value: unknown): string {
  if (value instanceof RegExp) return tidyText(String(value), 200);
  if (value === undefined) return 'undefined';
  return coreShown(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Whether `actual` contains `expected`: objects may have more keys, arrays match index by index, a RegExp
 * matches a string. Returns the first difference, e.g. `body.status is "degraded", expected "ok"`.
 *
 * @example
 * subsetMismatch({ status: 'ok' }, { status: 'ok', version: 4 }, 'body'); // undefined
 */
export function subsetMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (expected instanceof RegExp) {
    if (typeof actual === 'string' && expected.test(actual)) return undefined;
    return `${path} is ${shown(actual)}, expected a string matching ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is ${shown(actual)}, expected an array`;
    if (actual.length < expected.length) {
      return `${path} has ${actual.length} items, expected at least ${expected.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const why = subsetMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (why) return why;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return `${path} is ${shown(actual)}, expected an object`;
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) return `${member(path, key)} is missing`;
      const why = subsetMismatch(value, actual[key], member(path, key));
      if (why) return why;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path} is ${shown(actual)}, expected ${shown(expected)}`;
}

/** Whether `value` is a valid expectation: string, RegExp, JSON subset or function. */
export function isExpectation(value: unknown): boolean {
  if (typeof value === 'function' || typeof value === 'string' || value instanceof RegExp) return true;
  return isJsonSubset(value);
}

/** How deep an expectation may nest: a deeper (or cyclic) one is refused, not a stack overflow. */
const MAX_DEPTH = 32;

function isJsonSubset(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof RegExp) return true;
  if (Array.isArray(value)) return value.every((v) => isJsonSubset(v, depth + 1));
  if (isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isJsonSubset(v, depth + 1));
  }
  return false;
}

/** Parses JSON text, answering a reason instead of throwing. */
export function parseJson(
  text: string,
  what: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `${what} is not JSON (${describeThrown(error)}): ${shown(text)}` };
  }
}

/**
 * Compares text against a string (must contain it), a RegExp (must match) or a JSON subset (the text must be
 * JSON containing it). Predicates are the caller's business.
 */
export function textMismatch(expected: unknown, text: string, what: string): string | undefined {
  if (typeof expected === 'string') {
    return text.includes(expected)
      ? undefined
      : `${what} does not contain ${shown(expected)}: ${shown(text)}`;
  }
  if (expected instanceof RegExp) {
    expected.lastIndex = 0;
    return expected.test(text) ? undefined : `${what} does not match ${expected}: ${shown(text)}`;
  }
  const parsed = parseJson(text, what);
  if (!parsed.ok) return parsed.reason;
  return subsetMismatch(expected, parsed.value, what);
}
