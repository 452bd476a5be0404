import { lambdaTargetDimensions, metric } from '@greenlight/checks/metric';
import { createHook } from '@greenlight/core';

const lambda = (metricName: string) => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: lambdaTargetDimensions,
});

// AfterAllowTraffic: the new version's error rate over the last 10 minutes must stay at or under 1%.
export const handler = createHook({
  errorRate: metric({
    metrics: { errors: lambda('Errors'), invocations: lambda('Invocations') },
    expression: '100 * errors / invocations',
    label: 'error rate %',
    windowMs: 600_000,
    threshold: 1,
    missingData: 'pass',
  }),
});
