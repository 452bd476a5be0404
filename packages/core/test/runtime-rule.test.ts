import { createEcsHook, createHook } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';
import { active, type TimerWatch, until, watchTimers } from '@greenlight/test-support/timers';

// Lambda's Node runtime ends an invocation when the event loop holds nothing ref'd, even if the handler's
// promise is still pending. So while the handler waits, what it waits on must be a ref'd timer or socket; once
// it settles, nothing of it may be left. These tests look at the real timers of the system clock.
describe('the Lambda runtime rule: what a pending handler waits on holds the process; nothing outlives it', () => {
  let server: TestCodeDeploy;
  let watch: TimerWatch | undefined;
  let n = 700;
  beforeEach(async () => {
    server = await TestCodeDeploy.start();
  });
  afterEach(async () => {
    watch?.stop();
    watch = undefined;
    await server.close();
  });

  const refs = (timers: NodeJS.Timeout[]) => timers.map((t) => t.hasRef());

  it('keeps its report backoff ref’d while it waits to retry a throttled report, and clears it', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'ThrottlingException',
    });
    const handler = createHook(() => true, {
      client: server.client(),
      logger: captureLogger().logger,
      retry: { baseDelayMs: 300, maxDelayMs: 300 },
      random: () => 1,
    });
    const before = active('Timeout');
    watch = watchTimers();
    const running = handler(event(++n), lambdaContext(10_000));
    await until(() => server.attempts() === 1);
    await new Promise((r) => setTimeout(r, 50)); // inside the 300 ms backoff
    const waiting = watch.pending();
    expect(waiting.length).toBeGreaterThan(0);
    expect(refs(waiting)).toEqual(waiting.map(() => true));
    const result = await running;
    expect(result.reported).toBe(true);
    expect(server.attempts()).toBe(2);
    expect(watch.pending()).toEqual([]);
    expect(active('Timeout')).toBeLessThanOrEqual(before);
  });

  it('keeps the checks’ deadline ref’d while a check waits for an event, and clears it', async () => {
    const handler = createHook(
      {
        waits: ({ signal }) =>
          new Promise((resolve) => signal.addEventListener('abort', () => resolve(false))),
      },
      { timeout: 300, client: server.client(), logger: captureLogger().logger },
    );
    watch = watchTimers();
    const running = handler(event(++n), lambdaContext(10_000));
    await new Promise((r) => setTimeout(r, 50));
    const waiting = watch.pending();
    expect(waiting.length).toBeGreaterThan(0);
    expect(refs(waiting)).toEqual(waiting.map(() => true));
    const result = await running;
    expect(result.checks[0]).toMatchObject({ status: 'Failed', reason: 'timed out after 300 ms' });
    expect(watch.pending()).toEqual([]);
  });

  it('keeps the grace it gives an abandoned check ref’d, and clears it', async () => {
    const handler = createHook(
      { hangs: () => new Promise(() => {}) },
      {
        timeout: 100,
        client: server.client(),
        logger: captureLogger().logger,
      },
    );
    watch = watchTimers();
    const running = handler(event(++n), lambdaContext(10_000));
    await new Promise((r) => setTimeout(r, 110)); // past the deadline, within the grace
    expect(refs(watch.pending())).toEqual(watch.pending().map(() => true));
    await running;
    expect(watch.pending()).toEqual([]);
  });

  it('holds an ECS native hook open while its check waits, and leaves nothing', async () => {
    const handler = createEcsHook(
      { slow: () => new Promise((resolve) => setTimeout(() => resolve(true), 150)) },
      { timeout: 1_000, logger: captureLogger().logger },
    );
    watch = watchTimers();
    const running = handler(
      {
        executionId: 'f4fcae0f-9bec-41c6-ba87-0eaa0cef8af5',
        lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
        resourceArn: 'arn:aws:ecs:us-west-2:123456789012:service-deployment/c/s/EZe5RNVLH6PPzHXINuP28',
        executionDetails: {
          serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/c/s',
          targetServiceRevisionArn: 'arn:aws:ecs:us-west-2:123456789012:service-revision/c/s/1',
          testTrafficWeights: {},
          productionTrafficWeights: {},
        },
      },
      lambdaContext(10_000),
    );
    await new Promise((r) => setTimeout(r, 50));
    const waiting = watch.pending();
    expect(waiting.length).toBeGreaterThan(1); // the check's own timer and the hook's deadline
    expect(refs(waiting)).toEqual(waiting.map(() => true));
    expect(await running).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(watch.pending()).toEqual([]);
  });
});
