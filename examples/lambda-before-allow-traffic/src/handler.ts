import { invokeTarget } from '@greenlight/checks/invoke-target';
import { createHook } from '@greenlight/core';

/** A quote request the new version must price: two items, so the total must be positive. */
const QUOTE = { action: 'quote', items: [{ sku: 'BOOK-1', qty: 2 }] };

/**
 * Lambda `BeforeAllowTraffic` hook: before any traffic moves, invoke the version being deployed (greenlight
 * reads it from the deployment: never from configuration) twice: a health request that must answer
 * `{"status":"ok"}`, and a quote that must come back with a positive total. A function error, a status other
 * than 200 or a wrong answer fails the hook, and CodeDeploy rolls the deployment back.
 *
 * The invocations carry a ClientContext marking them as smoke tests (`isHookSmokeTest(context)` in the
 * function), so the function can skip side effects for them.
 *
 * @example
 * // AppSpec: Hooks: [{ BeforeAllowTraffic: CodeDeployHook_orders_pre_traffic }]
 */
export const handler = createHook(
  {
    health: invokeTarget({ payload: { action: 'health' }, expect: { status: 'ok' } }),
    quote: invokeTarget({
      payload: QUOTE,
      expect: (answer) =>
        typeof (answer as { total?: unknown }).total === 'number' && (answer as { total: number }).total > 0,
    }),
  },
  { timeout: 30_000 },
);
