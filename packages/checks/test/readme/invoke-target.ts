import { invokeTarget, isHookSmokeTest } from '@greenlight/checks/invoke-target';
import { createHook } from '@greenlight/core';

// The hook: invoke the version being deployed (CodeDeploy says which) with a test order.
export const handler = createHook({
  smoke: invokeTarget({
    payload: { orderId: 'smoke-test-1', amount: 1 },
    expect: { status: 'accepted' },
  }),
});

// The function under test can tell a smoke test from real traffic and skip side effects.
export const ordersHandler = async (event: { orderId: string }, context: unknown) => {
  if (isHookSmokeTest(context)) return { status: 'accepted', orderId: event.orderId, dryRun: true };
  return { status: 'accepted', orderId: event.orderId };
};
