import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, reportingHook } from './helpers/sdk.js';

const DEPLOYMENTS = 1_000;

describe('load', () => {
  let local: LocalCodeDeploy;
  afterAll(async () => {
    await local?.close();
  });

  it(`finishes ${DEPLOYMENTS} concurrent deployments with every hook status recorded exactly once`, async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const hook = reportingHook(client);
    const started = performance.now();
    const handles = await Promise.all(
      Array.from({ length: DEPLOYMENTS }, (_, i) =>
        local.deployLambda({
          functionName: `fn-${i}`,
          currentVersion: '1',
          targetVersion: '2',
          hooks: { BeforeAllowTraffic: hook, AfterAllowTraffic: hook },
        }),
      ),
    );
    const outcomes = await Promise.all(handles.map((h) => h.done));
    const elapsed = performance.now() - started;
    console.log(
      `${DEPLOYMENTS} deployments, ${local.reports.length} hook reports over HTTP in ${Math.round(elapsed)} ms (${Math.round(
        (local.reports.length / elapsed) * 1000,
      )} reports/s)`,
    );
    expect(outcomes.every((o) => o.status === 'Succeeded')).toBe(true);
    expect(new Set(handles.map((h) => h.deploymentId)).size).toBe(DEPLOYMENTS);
    expect(local.reports).toHaveLength(2 * DEPLOYMENTS);
    expect(local.reports.every((r) => r.outcome === 'accepted')).toBe(true);
    const executions = new Set(local.reports.map((r) => r.lifecycleEventHookExecutionId));
    expect(executions.size).toBe(2 * DEPLOYMENTS);
    for (const h of handles) {
      expect(h.timeline.map((e) => `${e.status}/${e.attempts}`)).toEqual([
        'Succeeded/1',
        'Succeeded/0',
        'Succeeded/1',
      ]);
    }
    expect(elapsed).toBeLessThan(30_000);
    client.destroy();
  }, 60_000);
});
