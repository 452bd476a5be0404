// packages/middy/test/examples/readme.ts
import { Logger } from '@aws-lambda-powertools/logger';
import { defaultReserve, greenlight } from '@greenlight/middy';
import middy, { type MiddyfiedHandler } from '@middy/core';

const logger = new Logger({ serviceName: 'orders-hook' });
const FUNCTION_TIMEOUT_MS = 300_000; // keep in step with the function's configured timeout

export const handler: MiddyfiedHandler = middy({ timeoutEarlyInMillis: defaultReserve(FUNCTION_TIMEOUT_MS) })
  .use(greenlight({ logger }))
  .handler(async (_event, _context, { signal }) => {
    logger.info('checking the new version'); // carries deploymentId and lifecycleEventHookExecutionId
    const res = await fetch(process.env.HEALTH_URL ?? 'https://orders.example.com/health', { signal });
    return res.ok || { passed: false, reason: `health answered ${res.status}` };
  });
