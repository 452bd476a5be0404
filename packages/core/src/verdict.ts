import { describeThrown, tidyText } from '@greenlight/contract';
import type { CheckOutcome } from './types.js';

/**
 * A check's outcome reduced to pass or fail, with a reason when it failed.
 *
 * @example
 * const verdict: Verdict = { passed: false, pending: true, reason: 'green tasks 1/2 running' };
 */
export interface Verdict {
  readonly passed: boolean;
  readonly reason?: string;
  readonly pending?: boolean;
}

/**
 * Keeps reasons readable and safe in logs and results: one line, at most 1,000 characters, credentials
 * redacted.
 *
 * @example
 * tidyReason('HTTP 503\n  Service Unavailable'); // 'HTTP 503 Service Unavailable'
 */
export function tidyReason(reason: string): string {
  return tidyText(reason);
}

function read(outcome: object): { passed: unknown; reason?: unknown; pending?: unknown } | undefined {
  if (!('passed' in outcome)) return undefined;
  const { passed, reason, pending } = outcome as { passed: unknown; reason?: unknown; pending?: unknown };
  return { passed, reason, pending };
}

/**
 * The verdict rules: `false`, `{ passed: false }` and an object whose `passed` is not a boolean fail; anything
 * else passes. A value that cannot even be read (a getter or a Proxy trap throws) fails, saying so. Never throws.
 *
 * @example
 * toVerdict(false); // { passed: false, reason: 'returned false' }
 */
export function toVerdict(outcome: CheckOutcome | unknown): Verdict {
  if (outcome === false) return { passed: false, reason: 'returned false' };
  if (typeof outcome !== 'object' || outcome === null) return { passed: true };
  let fields: ReturnType<typeof read>;
  try {
    fields = read(outcome);
  } catch (error) {
    return { passed: false, reason: `returned a value that cannot be read: ${describeThrown(error)}` };
  }
  if (!fields) return { passed: true };
  const { passed, reason, pending } = fields;
  const why = typeof reason === 'string' && reason !== '' ? tidyText(reason) : undefined;
  if (passed === false) {
    if (pending === true) return { passed: false, pending: true, reason: why ?? 'not ready yet' };
    return { passed: false, reason: why ?? 'returned { passed: false }' };
  }
  if (passed !== true) {
    return {
      passed: false,
      reason: `returned a verdict whose \`passed\` is ${describeThrown(passed)}, not a boolean`,
    };
  }
  return why === undefined ? { passed: true } : { passed: true, reason: why };
}

/**
 * The verdict of a check that threw or rejected with `error`, whatever it is. Never throws.
 *
 * @example
 * thrownVerdict(new TypeError('fetch failed')); // { passed: false, reason: 'TypeError: fetch failed' }
 */
export function thrownVerdict(error: unknown): Verdict {
  return { passed: false, reason: describeThrown(error) };
}
