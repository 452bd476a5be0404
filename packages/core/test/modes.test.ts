import { type CodeDeployHookEvent, createHook, type HookResult } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';
import type { Handler } from 'aws-lambda';

describe('skip, dry-run and logs', () => {
  let server: TestCodeDeploy;
  let n = 400;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());
  afterEach(() => {
    delete process.env.GREENLIGHT_SKIP_CHECKS;
    delete process.env.GREENLIGHT_DRY_RUN;
  });

  const reportsOf = (e: { LifecycleEventHookExecutionId: string }) =>
    server.reports.filter((r) => r.body.lifecycleEventHookExecutionId === e.LifecycleEventHookExecutionId);

  it.each([
    ['the skip option', { skip: true }, undefined],
    ['GREENLIGHT_SKIP_CHECKS=true', {}, 'true'],
    ['GREENLIGHT_SKIP_CHECKS=1', {}, '1'],
  ])('emergency skip by %s reports Succeeded without running checks and warns', async (_, options, env) => {
    if (env) process.env.GREENLIGHT_SKIP_CHECKS = env;
    const check = jest.fn(() => false);
    const { lines, logger } = captureLogger();
    const e = event(++n);
    const result = await createHook({ smoke: check }, { client: server.client(), logger, ...options })(
      e,
      lambdaContext(10_000),
    );
    expect(check).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      status: 'Succeeded',
      mode: 'skip',
      reason: 'emergency skip',
      reported: true,
    });
    expect(result.checks).toEqual([
      { name: 'smoke', status: 'Skipped', reason: 'emergency skip', durationMs: 0 },
    ]);
    expect(reportsOf(e).map((r) => r.body.status)).toEqual(['Succeeded']);
    expect(lines.some((l) => l.level === 'warn' && /EMERGENCY SKIP/.test(l.message))).toBe(true);
  });

  it('an explicit skip: false wins over the environment', async () => {
    process.env.GREENLIGHT_SKIP_CHECKS = 'true';
    const check = jest.fn(() => false);
    const result = await createHook(check, {
      skip: false,
      client: server.client(),
      logger: captureLogger().logger,
    })(event(++n), lambdaContext(10_000));
    expect(check).toHaveBeenCalled();
    expect(result.status).toBe('Failed');
  });

  it('warns about and ignores an unreadable GREENLIGHT_SKIP_CHECKS', async () => {
    process.env.GREENLIGHT_SKIP_CHECKS = 'please';
    const { lines, logger } = captureLogger();
    const result = await createHook(() => false, { client: server.client(), logger })(
      event(++n),
      lambdaContext(10_000),
    );
    expect(result.mode).toBe('normal');
    expect(lines.some((l) => l.level === 'warn' && /GREENLIGHT_SKIP_CHECKS .* ignored/.test(l.message))).toBe(
      true,
    );
  });

  it.each([
    ['the dryRun option', { dryRun: true }, undefined],
    ['GREENLIGHT_DRY_RUN=true', {}, 'true'],
  ])('dry-run by %s runs checks and reports nothing', async (_, options, env) => {
    if (env) process.env.GREENLIGHT_DRY_RUN = env;
    const check = jest.fn(() => false);
    const e = event(++n);
    const result = await createHook(check, {
      client: server.client(),
      logger: captureLogger().logger,
      ...options,
    })(e, lambdaContext(10_000));
    expect(check).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ status: 'Failed', mode: 'dry-run', reported: false });
    expect(reportsOf(e)).toHaveLength(0);
  });

  it('logs one summary line, and every line carries the deployment and execution IDs', async () => {
    const { lines, logger } = captureLogger();
    const e = event(++n);
    await createHook(
      {
        fine: (ctx) => {
          ctx.logger.info('checking', { extra: 1 });
          return true;
        },
        broken: () => false,
      },
      { client: server.client(), logger },
    )(e, lambdaContext(10_000));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line.attributes).toMatchObject({
        deploymentId: e.DeploymentId,
        lifecycleEventHookExecutionId: e.LifecycleEventHookExecutionId,
      });
    }
    const summaries = lines.filter((l) => l.message === 'greenlight hook verdict');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      level: 'warn',
      attributes: { status: 'Failed', reason: 'broken: returned false', reported: true, mode: 'normal' },
    });
    expect(lines.find((l) => l.message === 'checking')?.attributes.extra).toBe(1);
  });

  it('writes JSON lines through the default Powertools logger', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const previous = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    try {
      const e = event(++n);
      await createHook(() => true, { client: server.client() })(e, lambdaContext(10_000));
      const json = writes
        .flatMap((w) => w.split('\n'))
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      expect(json.find((l) => l.message === 'greenlight hook verdict')).toMatchObject({
        level: 'INFO',
        service: 'greenlight-hook',
        deploymentId: e.DeploymentId,
        lifecycleEventHookExecutionId: e.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      });
    } finally {
      spy.mockRestore();
      if (previous === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
      else process.env.POWERTOOLS_LOG_LEVEL = previous;
    }
  });

  it('is a Lambda Handler of CodeDeployHookEvent returning HookResult', () => {
    const handler: Handler<CodeDeployHookEvent, HookResult> = createHook(() => true);
    expect(typeof handler).toBe('function');
  });
});
