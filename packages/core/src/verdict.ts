import { describeThrown } from './errors.js';
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

const MAX_REASON = 1_000;

/**
 * Keeps reasons readable in logs and results: one line, at most 1,000 characters.
 *
 * @example
 * tidyReason('HTTP 503\n  Service Unavailable'); // 'HTTP 503   Service Unavailable'
 */
export function tidyReason(reason: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what gets replaced.
  const line = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}

/**
 * The verdict rules: `false`, `{ passed: false }` and an object whose `passed` is not a boolean fail; anything
 * else passes.
 *
 * @example
 * toVerdict(false); // { passed: false, reason: 'returned false' }
 */
export function toVerdict(outcome: CheckOutcome | unknown): Verdict {
  if (outcome === false) return { passed: false, reason: 'returned false' };
  if (typeof outcome === 'object' && outcome !== null && 'passed' in outcome) {
    const { passed, reason, pending } = outcome as { passed: unknown; reason?: unknown; pending?: unknown };
    if (passed === false) {
      const why = typeof reason === 'string' && reason !== '' ? tidyReason(reason) : undefined;
      if (pending === true) return { passed: false, pending: true, reason: why ?? 'not ready yet' };
      return { passed: false, reason: why ?? 'returned { passed: false }' };
    }
    if (passed !== true) {
      return {
        passed: false,
        reason: `returned a verdict whose \`passed\` is ${describeThrown(passed)}, not a boolean`,
      };
    }
    return typeof reason === 'string' && reason !== ''
      ? { passed: true, reason: tidyReason(reason) }
      : { passed: true };
  }
  return { passed: true };
}

/**
 * The verdict of a check that threw or rejected with `error`.
 *
 * @example
 * thrownVerdict(new TypeError('fetch failed')); // { passed: false, reason: 'TypeError: fetch failed' }
 */
export function thrownVerdict(error: unknown): Verdict {
  return { passed: false, reason: tidyReason(describeThrown(error)) };
}
