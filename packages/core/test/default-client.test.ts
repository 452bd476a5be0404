import { createHook } from '@greenlight/core';
import { startLocalCodeDeploy } from '@greenlight/local';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';

// What the docs show: a new local CodeDeploy per test, the hook's environment pointed at it. A handler made once
// (as a module-level `export const handler = createHook(...)` is) must follow the environment to the new one.
describe('the default client follows the environment from one local CodeDeploy to the next', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  const handler = createHook(() => true, { logger: captureLogger().logger });

  it.each([1, 2, 3])('reports to local CodeDeploy number %i, started for this test', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 0 });
    try {
      Object.assign(process.env, local.env);
      const d = await local.deployLambda({
        functionName: 'fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: { BeforeAllowTraffic: 'manual' },
      });
      const pending = await d.nextHookEvent();
      const result = await handler(
        {
          DeploymentId: pending.DeploymentId,
          LifecycleEventHookExecutionId: pending.LifecycleEventHookExecutionId,
        },
        lambdaContext(3_000),
      );
      expect(result.reported).toBe(true);
      expect(local.reports.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});
