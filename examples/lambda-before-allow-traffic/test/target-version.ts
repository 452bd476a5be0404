/**
 * A stand-in for the function this hook validates: the new version of `orders`, which answers a health
 * request with `{"status":"ok"}` and prices a quote. `npm run simulate` gives it to the local CodeDeploy as
 * the target version's code (`--target`), so the hook's invocations of the new version have something to
 * call. Replace it with your function's handler to simulate a deployment of your own code.
 *
 * @example
 * // greenlight simulate --hook BeforeAllowTraffic=src/handler.ts --target test/target-version.ts
 */
export async function handler(event: unknown): Promise<Record<string, unknown>> {
  const request = event as { action?: string; items?: readonly { qty: number }[] };
  if (request.action === 'quote') {
    const total = (request.items ?? []).reduce((sum, item) => sum + 9.5 * item.qty, 0);
    return { status: 'ok', version: '2', total };
  }
  return { status: 'ok', version: '2' };
}
