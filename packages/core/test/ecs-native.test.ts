import {
  type Check,
  createEcsHook,
  type EcsHookEvent,
  type EcsNativeTargetInfo,
  InvalidHookEventError,
} from '@greenlight/core';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';

const green = 'arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/9313423515462893900';
const blue = 'arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/1920498462936580504';

const ecsEvent = (over: Partial<EcsHookEvent> = {}): EcsHookEvent => ({
  executionId: 'f4fcae0f-9bec-41c6-ba87-0eaa0cef8af5',
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  resourceArn:
    'arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/EZe5RNVLH6PPzHXINuP28',
  executionDetails: {
    serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service',
    targetServiceRevisionArn: green,
    testTrafficWeights: {},
    productionTrafficWeights: {},
  },
  ...over,
});

describe('createEcsHook: Amazon ECS native lifecycle hooks', () => {
  const quiet = () => ({ logger: captureLogger().logger });

  it('answers SUCCEEDED when every check passes', async () => {
    const handler = createEcsHook({ a: () => true, b: async () => ({ passed: true }) }, quiet());
    await expect(handler(ecsEvent(), lambdaContext(10_000))).resolves.toEqual({ hookStatus: 'SUCCEEDED' });
  });

  it('answers FAILED when a check fails, logging the reason', async () => {
    const { lines, logger } = captureLogger();
    const handler = createEcsHook(
      { ok: () => true, broken: () => Promise.reject(new Error('503 from the test listener')) },
      { logger },
    );
    await expect(handler(ecsEvent(), lambdaContext(10_000))).resolves.toEqual({ hookStatus: 'FAILED' });
    const verdict = lines.find((l) => l.message === 'greenlight ECS hook verdict');
    expect(verdict?.attributes).toMatchObject({
      hookStatus: 'FAILED',
      reason: 'broken: 503 from the test listener',
    });
    expect(verdict?.attributes).toMatchObject({
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      lifecycleEventHookExecutionId: 'f4fcae0f-9bec-41c6-ba87-0eaa0cef8af5',
    });
  });

  it('answers IN_PROGRESS with callBackDelay and its state in hookDetails when a check is not ready, keeping the service hookDetails', async () => {
    const handler = createEcsHook(
      () => ({ passed: false, pending: true, reason: '1 of 3 targets healthy' }),
      { ...quiet(), callBackDelay: 15 },
    );
    const first = await handler(
      ecsEvent({ hookDetails: { S3_BUCKET_NAME: 'approvals' } }),
      lambdaContext(10_000),
    );
    expect(first).toMatchObject({ hookStatus: 'IN_PROGRESS', callBackDelay: 15 });
    expect(first.hookDetails).toMatchObject({ S3_BUCKET_NAME: 'approvals', greenlight: { attempts: 1 } });
    const second = await handler(ecsEvent({ hookDetails: first.hookDetails }), lambdaContext(10_000));
    expect(second.hookDetails).toMatchObject({
      greenlight: {
        attempts: 2,
        firstSeenAt: (first.hookDetails!.greenlight as { firstSeenAt: number }).firstSeenAt,
      },
    });
  });

  it('answers SUCCEEDED once the check is ready on a later invocation', async () => {
    let calls = 0;
    const handler = createEcsHook(() => (++calls < 3 ? { passed: false, pending: true } : true), quiet());
    let response = await handler(ecsEvent(), lambdaContext(10_000));
    while (response.hookStatus === 'IN_PROGRESS')
      response = await handler(ecsEvent({ hookDetails: response.hookDetails }), lambdaContext(10_000));
    expect(response).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(calls).toBe(3);
  });

  it('answers FAILED once the wait across invocations would pass maxWaitMs, naming attempts and the last reason', async () => {
    const { lines, logger } = captureLogger();
    const handler = createEcsHook(
      () => ({ passed: false, pending: true, reason: 'replacement still draining' }),
      {
        logger,
        maxWaitMs: 60_000,
        callBackDelay: 30,
      },
    );
    const firstSeenAt = Date.now() - 45_000;
    const response = await handler(
      ecsEvent({ hookDetails: { greenlight: { firstSeenAt, attempts: 4 } } }),
      lambdaContext(10_000),
    );
    expect(response).toEqual({ hookStatus: 'FAILED' });
    const reason = String(lines.find((l) => l.message === 'greenlight ECS hook verdict')?.attributes.reason);
    expect(reason).toMatch(
      /^still not ready after 5 attempt\(s\) over 4\d s: check: replacement still draining$/,
    );
  });

  it('starts the wait again, with a warning, when hookDetails.greenlight is unreadable', async () => {
    const { lines, logger } = captureLogger();
    const handler = createEcsHook(() => ({ passed: false, pending: true }), { logger });
    const response = await handler(
      ecsEvent({ hookDetails: { greenlight: { firstSeenAt: 'yesterday' } } }),
      lambdaContext(10_000),
    );
    expect(response.hookDetails).toMatchObject({ greenlight: { attempts: 1 } });
    expect(lines.some((l) => l.level === 'warn' && /unreadable/.test(l.message))).toBe(true);
  });

  it.each([
    ['in the future', () => Date.now() + 86_400_000],
    ['1e300', () => 1e300],
  ])(
    'answers FAILED past maxWaitMs even when hookDetails.greenlight.firstSeenAt is %s',
    async (_, firstSeenAt) => {
      const { lines, logger } = captureLogger();
      const handler = createEcsHook(() => ({ passed: false, pending: true, reason: 'still draining' }), {
        logger,
        maxWaitMs: 60_000,
        callBackDelay: 30,
      });
      let response = await handler(
        ecsEvent({ hookDetails: { greenlight: { firstSeenAt: firstSeenAt(), attempts: 0 } } }),
        lambdaContext(10_000),
      );
      const answers = [response.hookStatus];
      for (let i = 0; i < 10 && response.hookStatus === 'IN_PROGRESS'; i++) {
        response = await handler(ecsEvent({ hookDetails: response.hookDetails }), lambdaContext(10_000));
        answers.push(response.hookStatus);
      }
      // ECS calls back every 30 s: the third answer would be past the 60 s maximum.
      expect(answers).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'FAILED']);
      expect(lines.some((l) => l.level === 'warn' && /in the future/.test(l.message))).toBe(true);
    },
  );

  it('fails a check that hangs past the deadline', async () => {
    const handler = createEcsHook({ hangs: () => new Promise(() => {}) }, { ...quiet(), timeout: 100 });
    await expect(handler(ecsEvent(), lambdaContext(10_000))).resolves.toEqual({ hookStatus: 'FAILED' });
  });

  it('gives checks the stage, service, target revision and traffic weights through target()', async () => {
    let target: EcsNativeTargetInfo | undefined;
    const handler = createEcsHook(async (ctx) => {
      const t = await ctx.target();
      if (t.kind === 'ecs-native') target = t;
      expect(ctx.platform).toBe('ecs-native');
    }, quiet());
    await handler(
      ecsEvent({
        lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
        executionDetails: {
          ...ecsEvent().executionDetails,
          productionTrafficWeights: { [green]: 100, [blue]: 0 },
        },
      }),
      lambdaContext(10_000),
    );
    expect(target).toMatchObject({
      kind: 'ecs-native',
      cluster: 'my-cluster',
      service: 'my-service',
      lifecycleEvent: 'PRODUCTION_TRAFFIC_SHIFT',
      targetServiceRevisionArn: green,
      productionTrafficWeights: { [green]: 100, [blue]: 0 },
      rollingBack: false,
    });
  });

  it.each([
    ['PRODUCTION_TRAFFIC_SHIFT', { [green]: 0, [blue]: 100 }, true],
    ['PRE_PRODUCTION_TRAFFIC_SHIFT', { [green]: 0, [blue]: 100 }, false],
    ['PRODUCTION_TRAFFIC_SHIFT', { [green]: 10, [blue]: 90 }, false],
  ] as const)('at %s with production weights %j, rollingBack is %s', async (stage, weights, rollingBack) => {
    let seen: boolean | undefined;
    await createEcsHook(async (ctx) => {
      const t = await ctx.target();
      seen = t.kind === 'ecs-native' ? t.rollingBack : undefined;
    }, quiet())(
      ecsEvent({
        lifecycleStage: stage,
        executionDetails: { ...ecsEvent().executionDetails, productionTrafficWeights: weights },
      }),
      lambdaContext(10_000),
    );
    expect(seen).toBe(rollingBack);
  });

  it('runs the very same check object as a CodeDeploy hook would', async () => {
    const shared: Check = async (ctx) => (await ctx.deployment()).deploymentId.length > 0;
    await expect(createEcsHook({ shared }, quiet())(ecsEvent(), lambdaContext(10_000))).resolves.toEqual({
      hookStatus: 'SUCCEEDED',
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'x', 'event'],
    ['a CodeDeploy event', { DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'e' }, 'event'],
    ['no executionId', { ...ecsEvent(), executionId: undefined }, 'executionId'],
    ['an unknown stage', { ...ecsEvent(), lifecycleStage: 'AfterInstall' }, 'lifecycleStage'],
    ['no executionDetails', { ...ecsEvent(), executionDetails: null }, 'executionDetails'],
    [
      'a numeric serviceArn',
      { ...ecsEvent(), executionDetails: { ...ecsEvent().executionDetails, serviceArn: 7 } },
      'executionDetails.serviceArn',
    ],
    [
      'a weight over 100',
      {
        ...ecsEvent(),
        executionDetails: { ...ecsEvent().executionDetails, testTrafficWeights: { [green]: 101 } },
      },
      'executionDetails.testTrafficWeights',
    ],
    ['hookDetails as a list', { ...ecsEvent(), hookDetails: [1] }, 'hookDetails'],
  ])('throws InvalidHookEventError for %s, naming %s', async (_, event, field) => {
    const check = jest.fn(() => true);
    const error = await createEcsHook(check, quiet())(event as EcsHookEvent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHookEventError);
    expect(error).toMatchObject({ field });
    expect(check).not.toHaveBeenCalled();
  });

  it('emergency skip answers SUCCEEDED without running checks; dry-run runs them and answers SUCCEEDED', async () => {
    const check = jest.fn(() => false);
    await expect(createEcsHook(check, { ...quiet(), skip: true })(ecsEvent())).resolves.toEqual({
      hookStatus: 'SUCCEEDED',
    });
    expect(check).not.toHaveBeenCalled();
    const { lines, logger } = captureLogger();
    await expect(createEcsHook(check, { logger, dryRun: true })(ecsEvent())).resolves.toEqual({
      hookStatus: 'SUCCEEDED',
    });
    expect(check).toHaveBeenCalledTimes(1);
    expect(lines.find((l) => /dry run/.test(l.message))?.attributes).toMatchObject({ hookStatus: 'FAILED' });
  });

  it('rejects unknown and mistyped options with an InvalidOptionsError naming them', () => {
    expect(() => createEcsHook(() => true, { callbackDelay: 5 } as never)).toThrow(
      /Unknown option `callbackDelay`/,
    );
    expect(() => createEcsHook(() => true, { callBackDelay: 0.5 })).toThrow(
      /`callBackDelay` to be a positive integer/,
    );
    expect(() => createEcsHook(() => true, { maxWaitMs: -1 })).toThrow(/`maxWaitMs`/);
  });
});
