import { type CodeDeployHookEvent, greenlight, type HookResult } from '@greenlight/middy';
import middy from '@middy/core';
import {
  captureLogger,
  hookEvent,
  lambdaContext,
  ScriptedCodeDeploy,
  useEndpoint,
} from './helpers/codedeploy-server.js';

describe('modes, middleware order and plain loggers', () => {
  let server: ScriptedCodeDeploy;
  let restore: () => void;
  beforeEach(async () => {
    server = await ScriptedCodeDeploy.start();
    restore = useEndpoint(server.endpoint);
  });
  afterEach(async () => {
    restore();
    await server.close();
  });

  it('emergency skip reports Succeeded without running the handler, and says so loudly', async () => {
    const { lines, logger } = captureLogger();
    let ran = false;
    const result = await middy()
      .use(greenlight({ logger, skip: true }))
      .handler(async () => {
        ran = true;
        return false;
      })(hookEvent(), lambdaContext(10_000) as never);
    expect(ran).toBe(false);
    expect(server.reports.map((r) => r.body.status)).toEqual(['Succeeded']);
    expect(result).toMatchObject({
      status: 'Succeeded',
      mode: 'skip',
      reason: 'emergency skip',
      checks: [{ name: 'handler', status: 'Skipped' }],
    });
    expect(lines.some((l) => l.level === 'warn' && /EMERGENCY SKIP/.test(l.message))).toBe(true);
  });

  it('reads the emergency skip from GREENLIGHT_SKIP_CHECKS', async () => {
    process.env.GREENLIGHT_SKIP_CHECKS = 'true';
    const result = await middy()
      .use(greenlight({ logger: captureLogger().logger }))
      .handler(async () => false)(hookEvent(), lambdaContext(10_000) as never);
    expect(result.mode).toBe('skip');
    expect(server.reports.map((r) => r.body.status)).toEqual(['Succeeded']);
  });

  it('dry run runs the handler and reports nothing', async () => {
    process.env.GREENLIGHT_DRY_RUN = '1';
    const { lines, logger } = captureLogger();
    const result = await middy()
      .use(greenlight({ logger }))
      .handler(async () => false)(hookEvent(), lambdaContext(10_000) as never);
    expect(result).toMatchObject({ status: 'Failed', reported: false, mode: 'dry-run' });
    expect(server.calls).toHaveLength(0);
    expect(lines.map((l) => l.message)).toContain('greenlight hook verdict (dry run, not reported)');
  });

  it('reports Failed when a middleware used before it fails, since the event is a valid hook event', async () => {
    const result = await middy()
      .use({
        before: () => {
          throw new Error('secrets could not be fetched');
        },
      })
      .use(greenlight({ logger: captureLogger().logger }))
      .handler(async () => true)(hookEvent(), lambdaContext(10_000) as never);
    expect(result).toMatchObject({ status: 'Failed', reason: 'secrets could not be fetched' });
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
  });

  it('reports Failed, without running the handler, when a middleware used after it fails', async () => {
    let ran = false;
    const result = await middy()
      .use(greenlight({ logger: captureLogger().logger }))
      .use({
        before: () => {
          throw new TypeError('bad config');
        },
      })
      .handler(async () => {
        ran = true;
        return true;
      })(hookEvent(), lambdaContext(10_000) as never);
    expect(ran).toBe(false);
    expect(result).toMatchObject({ status: 'Failed', reason: 'TypeError: bad config' });
    expect(server.reports).toHaveLength(1);
  });

  it('reports the verdict a custom timeoutEarlyResponse returns', async () => {
    const result = await middy({
      timeoutEarlyInMillis: 1_100, // fires before the middleware's own deadline (at 1,300 − 1,000 ms)
      timeoutEarlyResponse: () => ({ passed: false, reason: 'canary still warming up' }),
    })
      .use(greenlight({ logger: captureLogger().logger }))
      .handler(() => new Promise<never>(() => {}))(hookEvent(), lambdaContext(1_300) as never);
    expect(result).toMatchObject({ status: 'Failed', reason: 'canary still warming up' });
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
  });

  it('adds the IDs to every line of a logger that cannot append keys', async () => {
    const { lines, logger } = captureLogger();
    const event = hookEvent();
    await middy()
      .use(greenlight({ logger }))
      .handler(async () => true)(event, lambdaContext(10_000) as never);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.attributes).toMatchObject({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      });
    }
  });

  it('keeps overlapping invocations of one handler apart: one report each, with its own verdict', async () => {
    const handler = middy<{ pass: boolean }>()
      .use(greenlight({ logger: captureLogger().logger }))
      .handler(async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.pass ? 50 : 10));
        return event.pass;
      });
    const [a, b] = [hookEvent(), hookEvent()];
    const results = await Promise.all([
      handler({ ...a, pass: true }, lambdaContext(10_000) as never),
      handler({ ...b, pass: false }, lambdaContext(10_000) as never),
    ]);
    expect(results.map((r) => [r.lifecycleEventHookExecutionId, r.status])).toEqual([
      [a.LifecycleEventHookExecutionId, 'Succeeded'],
      [b.LifecycleEventHookExecutionId, 'Failed'],
    ]);
    const recorded = Object.fromEntries(
      server.reports.map((r) => [r.body.lifecycleEventHookExecutionId, r.body.status]),
    );
    expect(recorded).toEqual({
      [a.LifecycleEventHookExecutionId]: 'Succeeded',
      [b.LifecycleEventHookExecutionId]: 'Failed',
    });
  });

  it('works without a Lambda context, assuming defaultRemainingMs', async () => {
    const result = await middy()
      .use(greenlight({ logger: captureLogger().logger, defaultRemainingMs: 2_000, reserve: 1_900 }))
      .handler(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300)))(
      hookEvent(),
      undefined as never,
    );
    expect(result).toMatchObject({ status: 'Failed', reason: 'timed out after 100 ms' });
    expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
  });

  it('types: a typed middy handler takes the middleware and resolves to a HookResult', async () => {
    const handler = middy<CodeDeployHookEvent, HookResult>()
      .use(greenlight({ logger: captureLogger().logger }))
      .handler(async (event) => event.DeploymentId.startsWith('d-') as unknown as HookResult);
    const result: HookResult = await handler(hookEvent(), lambdaContext(10_000) as never);
    expect(result.status).toBe('Succeeded');
  });
});
