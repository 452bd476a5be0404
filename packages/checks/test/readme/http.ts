import { http } from '@greenlight/checks/http';
import { createHook } from '@greenlight/core';

export const handler = createHook({
  health: http({
    url: 'https://test.orders.example.com/health',
    expectBody: { status: 'ok', dependencies: { database: 'up' } },
    successes: 3,
    intervalMs: 2_000,
    timeoutMs: 5_000,
  }),
});
