// A hook written with middy: the handler is the check, greenlight's middleware reports. The report's attempt
// timeout (scaled down for tests) comes from the function's environment.
import { greenlight } from '@greenlight/middy';
import middy from '@middy/core';

const url = process.env.HEALTH_URL ?? 'http://127.0.0.1:9/health';

export const handler = middy({ timeoutEarlyInMillis: 1_000 })
  .use(greenlight({ retry: { attemptTimeoutMs: Number(process.env.ATTEMPT_TIMEOUT_MS ?? 250) } }))
  .handler(async (_event: unknown, _context: unknown, { signal }: { signal: AbortSignal }) => {
    const res = await fetch(url, { signal });
    await res.arrayBuffer();
    return res.ok || { passed: false, reason: `health answered ${res.status}` };
  });
