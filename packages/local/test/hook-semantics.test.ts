import { type CodeDeployHookEvent, type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, eventually, report, reportingHook } from './helpers/sdk.js';

describe('hook invocation semantics', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('ignores what the handler returns: only PutLifecycleEventHookExecutionStatus decides', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001 });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: async () => ({ status: 'Succeeded' }) },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(d.timeline[0]).toMatchObject({
      lifecycleEvent: 'BeforeAllowTraffic',
      status: 'Failed',
      attempts: 1,
    });
    expect(d.timeline[0]?.diagnostics?.errorCode).toBe('ScriptTimedOut');
  });

  it('invokes asynchronously: the deployment waits for the report, not for the handler; done waits for both', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    let release!: () => void;
    const handlerDone = new Promise<void>((r) => {
      release = r;
    });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async (event) => {
          await report(client, event, 'Succeeded');
          await handlerDone; // still running after it reported
        },
      },
    });
    let doneYet = false;
    void d.done.then(() => {
      doneYet = true;
    });
    await eventually(() => d.history.some((e) => e.type === 'outcome'));
    const outcome = d.history.find((e) => e.type === 'outcome');
    expect(outcome?.type === 'outcome' && outcome.outcome.status).toBe('Succeeded');
    await new Promise((r) => setTimeout(r, 20));
    expect(doneYet).toBe(false); // the handler is still running
    release();
    expect((await d.done).status).toBe('Succeeded');
    await d.settled;
    client.destroy();
  });

  it('retries a handler that throws (after 1 then 2 minutes, scaled) and succeeds once it reports', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 });
    const client = clientFor(local);
    let calls = 0;
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async (event) => {
          calls += 1;
          if (calls < 3) throw new Error(`flaky dependency (call ${calls})`);
          await report(client, event, 'Succeeded');
        },
      },
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(calls).toBe(3);
    expect(d.timeline[0]).toMatchObject({
      status: 'Succeeded',
      attempts: 3,
      hookReason: 'flaky dependency (call 2)',
    });
    const errors = d.history.filter((e) => e.type === 'invocation' && e.result === 'error');
    const starts = d.history.filter((e) => e.type === 'invocation' && e.result === 'started');
    expect(errors).toHaveLength(2);
    expect(starts).toHaveLength(3);
    // 1 minute then 2 minutes at 0.001: 60 ms then 120 ms between a failure and the next attempt
    expect(starts[1]!.at.getTime() - errors[0]!.at.getTime()).toBeGreaterThanOrEqual(55);
    expect(starts[2]!.at.getTime() - errors[1]!.at.getTime()).toBeGreaterThanOrEqual(115);
    client.destroy();
  });

  it('gives up after the configured retries (0 here) and fails at the hook timeout with diagnostics', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001, hookRetries: 0 });
    let calls = 0;
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async () => {
          calls += 1;
          throw new Error('boom');
        },
      },
    });
    const outcome = await d.done;
    expect(calls).toBe(1);
    expect(outcome.status).toBe('Failed');
    expect(outcome.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    expect(d.timeline[0]?.diagnostics).toMatchObject({ errorCode: 'ScriptTimedOut', logTail: 'boom' });
    expect(d.timeline[0]?.diagnostics?.message).toMatch(
      /did not report a status for BeforeAllowTraffic within 60 minutes/,
    );
    expect(d.timeline.map((e) => e.status)).toEqual(['Failed', 'Skipped', 'Skipped']);
  });

  it('fails the deployment when the hook never reports within the (scaled) one-hour timeout', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001 });
    const started = Date.now();
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: async () => undefined },
    });
    const outcome = await d.done;
    const elapsed = Date.now() - started;
    expect(outcome.status).toBe('Failed');
    expect(elapsed).toBeGreaterThanOrEqual(300); // 3,600,000 ms × 0.0001 = 360 ms
    expect(d.timeline[0]?.diagnostics?.errorCode).toBe('ScriptTimedOut');
  });

  it('retries an invocation that reported and then crashed; its second report gets LifecycleEventAlreadyCompleted', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001, hookRetries: 1 });
    const client = clientFor(local);
    const secondReport: string[] = [];
    let calls = 0;
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: async (event) => {
          calls += 1;
          try {
            await report(client, event, 'Succeeded');
          } catch (err) {
            secondReport.push((err as Error).name);
            return;
          }
          throw new Error('crashed after reporting');
        },
      },
    });
    expect((await d.done).status).toBe('Succeeded');
    await d.settled;
    expect(calls).toBe(2);
    expect(secondReport).toEqual(['LifecycleEventAlreadyCompletedException']);
    expect(local.reports.map((r) => r.outcome)).toEqual([
      'accepted',
      'LifecycleEventAlreadyCompletedException',
    ]);
    expect(d.timeline[0]?.attempts).toBe(2);
    client.destroy();
  });

  it('fails the deployment at once when a hook reports Failed, and skips the rest', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: reportingHook(client, 'Failed'),
        AfterAllowTraffic: reportingHook(client),
      },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toBeUndefined();
    expect(d.timeline.map((e) => e.status)).toEqual(['Failed', 'Skipped', 'Skipped']);
    expect(d.timeline[0]?.diagnostics?.errorCode).toBe('ScriptFailed');
    expect(local.state.lambdaFunctions.get('fn')?.aliases.get('live')?.version).toBe('1');
    client.destroy();
  });

  it('hands hook events to the test with the manual runner and waits for its report', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual', AfterAllowTraffic: { manual: true } },
    });
    const first = await d.nextHookEvent();
    expect(first.lifecycleEvent).toBe('BeforeAllowTraffic');
    expect(first.DeploymentId).toBe(d.deploymentId);
    expect(first.LifecycleEventHookExecutionId.length).toBeGreaterThan(100);
    await report(client, first satisfies CodeDeployHookEvent, 'Succeeded');
    const second = await d.nextHookEvent();
    expect(second.lifecycleEvent).toBe('AfterAllowTraffic');
    await report(client, second, 'Succeeded');
    expect((await d.done).status).toBe('Succeeded');
    expect(local.reports).toHaveLength(2);
    client.destroy();
  });

  it('succeeds lifecycle events that have no hook at once, as AWS shows them', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {},
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(d.timeline.map((e) => e.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(d.timeline[0]?.startTime?.getTime()).toBe(d.timeline[0]?.endTime?.getTime());
  });
});

describe('at-least-once delivery', () => {
  it('delivers a successful invocation a second time at hookDuplicateRate; the duplicate report is refused', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 0, hookDuplicateRate: 1 });
    const client = clientFor(local);
    try {
      const outcomes: string[] = [];
      const d = await local.deployLambda({
        functionName: 'fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: {
          BeforeAllowTraffic: async (event) => {
            try {
              await report(client, event, 'Succeeded');
              outcomes.push('accepted');
            } catch (err) {
              outcomes.push((err as Error).name);
            }
          },
        },
      });
      expect((await d.done).status).toBe('Succeeded');
      await d.settled;
      expect(outcomes).toEqual(['accepted', 'LifecycleEventAlreadyCompletedException']);
      expect(d.timeline[0]?.attempts).toBe(2);
      await expect(startLocalCodeDeploy({ hookDuplicateRate: 2 })).rejects.toThrow('`hookDuplicateRate`');
    } finally {
      client.destroy();
      await local.close();
    }
  });
});
