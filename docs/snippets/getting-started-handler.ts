// docs/snippets/getting-started-handler.ts
import { invokeTarget } from '@greenlight/checks/invoke-target';
import { createHook } from '@greenlight/core';

// BeforeAllowTraffic: invoke the version CodeDeploy is about to shift traffic to, and check its answer.
export const handler = createHook(
  {
    smoke: invokeTarget({
      payload: { path: '/orders/health' },
      expect: (answer) => (answer as { statusCode?: number }).statusCode === 200,
    }),
  },
  { timeout: 60_000 },
);
