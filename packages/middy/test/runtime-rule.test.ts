import { greenlight } from '@greenlight/middy';
import { active, type TimerWatch, until, watchTimers } from '@greenlight/test-support/timers';
import middy from '@middy/core';
import {
  captureLogger,
  hookEvent,
  lambdaContext,
  ScriptedCodeDeploy,
  sdkClient,
} from './helpers/codedeploy-server.js';

// The Lambda runtime rule, through middy: what the middleware waits on (its deadline, the report's backoff)
// holds the process while the handler is pending; nothing of it is left once the invocation settles.
describe('the middleware keeps the Lambda runtime rule', () => {
  let server: ScriptedCodeDeploy;
  let watch: TimerWatch | undefined;
  beforeEach(async () => {
    server = await ScriptedCodeDeploy.start();
  });
  afterEach(async () => {
    watch?.stop();
    watch = undefined;
    await server.close();
  });

  it('keeps its deadline ref’d while the handler runs, and clears it', async () => {
    watch = watchTimers();
    const handler = middy({ timeoutEarlyInMillis: 0 })
      .use(greenlight({ logger: captureLogger().logger, client: sdkClient(server.endpoint), timeout: 300 }))
      .handler(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 100)));
    const running = handler(hookEvent(), lambdaContext(10_000) as never);
    await new Promise((r) => setTimeout(r, 30));
    const waiting = watch.pending();
    expect(waiting.length).toBeGreaterThan(1); // the handler's own timer and the middleware's deadline
    expect(waiting.map((t) => t.hasRef())).toEqual(waiting.map(() => true));
    expect((await running).reported).toBe(true);
    expect(watch.pending()).toEqual([]);
  });

  it('keeps the report’s backoff ref’d while it waits to retry, and clears it', async () => {
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 503,
      type: 'ServiceUnavailable',
    });
    const before = active('Timeout');
    watch = watchTimers();
    const handler = middy()
      .use(
        greenlight({
          logger: captureLogger().logger,
          client: sdkClient(server.endpoint),
          retry: { baseDelayMs: 300, maxDelayMs: 300 },
          random: () => 1,
        }),
      )
      .handler(async () => true);
    const running = handler(hookEvent(), lambdaContext(10_000) as never);
    await until(() => server.attempts() === 1);
    await new Promise((r) => setTimeout(r, 50));
    const waiting = watch.pending();
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.map((t) => t.hasRef())).toEqual(waiting.map(() => true));
    expect((await running).reported).toBe(true);
    expect(watch.pending()).toEqual([]);
    expect(active('Timeout')).toBeLessThanOrEqual(before);
  });
});
