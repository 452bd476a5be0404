import { describeThrown } from '@greenlight/contract';

/**
 * Runs a user's callback (a predicate, a function of the context); a throw or a rejection, with anything
 * (a value whose `toString` throws included), becomes a reason: "`what` threw: …".
 */
export async function guarded<T>(
  what: string,
  run: () => T | Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, reason: `${what} threw: ${describeThrown(error)}` };
  }
}

/** Reads `value[key]` without letting a getter or a Proxy trap throw. */
export function read(value: unknown, key: string): unknown {
  try {
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}
