import type { LambdaHandler } from '@greenlight/local';

/**
 * The code of one version of the demo's `orders` function: it answers `{"action":"health"}` with
 * `{"status":"ok"}` and prices `{"action":"quote","items":[…]}`. A broken version throws, as a bad release
 * whose code reads a field that is not there would.
 *
 * @example
 * const v3 = ordersVersion('3', { broken: true }); // throws TypeError on every invocation
 */
export function ordersVersion(version: string, { broken = false } = {}): LambdaHandler {
  return async (event) => {
    if (broken) throw new TypeError("Cannot read properties of undefined (reading 'price')");
    const request = (event ?? {}) as { action?: string; items?: { qty?: number }[] };
    if (request.action === 'quote') {
      const total = (request.items ?? []).reduce((sum, item) => sum + 9.5 * (item.qty ?? 1), 0);
      return { status: 'ok', version, total };
    }
    return { status: 'ok', version };
  };
}
