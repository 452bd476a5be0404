import { http } from '@greenlight/checks/http';
import { poll } from '@greenlight/checks/poll';
import { createHook } from '@greenlight/core';

// Retry until the endpoint answers 200, waiting 1 s, then 2 s, 4 s … (at most 10 s) between attempts.
export const handler = createHook({
  warm: poll(http({ url: 'https://test.orders.example.com/health' }), {
    intervalMs: 1_000,
    backoff: 2,
    maxIntervalMs: 10_000,
    timeoutMs: 120_000,
  }),
});
