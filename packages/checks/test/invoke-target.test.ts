import { LambdaClient } from '@aws-sdk/client-lambda';
import { invokeTarget } from '@greenlight/checks/invoke-target';
import { type CodeDeployHookEvent, createHook, type HookHandler, type HookResult } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';

const lambdaTarget = (functionName: string, targetVersion: string) =>
  ({ kind: 'lambda', targetId: functionName, lifecycleEvents: [], functionName, targetVersion }) as const;

describe('invokeTarget', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let lambda: LambdaClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0, services: { functionTimeoutMs: 2_000 } }));
    lambda = new LambdaClient(aws.config);
    aws.services.lambda.registerFunction('payments', {
      '1': async () => ({ status: 'ok', version: 1 }),
      '2': async () => {
        throw new RangeError('amount must be positive');
      },
      '3': async () => ({ status: 'degraded' }),
      '4': () => new Promise(() => {}),
    });
  });

  afterAll(async () => {
    lambda.destroy();
    await aws.close();
  });

  /** A hook as a Lambda would run it, recording what it returned. */
  function hookRunner(hook: ReturnType<typeof createHook>, results: HookResult[]) {
    return async (event: CodeDeployHookEvent, context: unknown) => {
      const result = await hook(event, context as Parameters<HookHandler>[1]);
      results.push(result);
      return result;
    };
  }

  it('smoke-tests the version a Lambda deployment deploys, from the hook context, and passes', async () => {
    const codedeploy = codeDeployClient(aws);
    const results: HookResult[] = [];
    const hook = createHook(
      {
        smoke: invokeTarget({
          client: lambda,
          payload: { orderId: 'smoke-1' },
          expect: { status: 'accepted' },
        }),
      },
      { client: codedeploy },
    );
    const d = await aws.local.deployLambda({
      functionName: 'checkout',
      currentVersion: '6',
      targetVersion: '7',
      versions: {
        '6': async () => ({ status: 'old' }),
        '7': async (event) => ({ status: 'accepted', order: (event as { orderId: string }).orderId }),
      },
      hooks: { BeforeAllowTraffic: hookRunner(hook, results) },
    });
    expect(await d.done).toEqual({ status: 'Succeeded' });
    await d.settled;
    expect(results[0]?.checks).toEqual([
      {
        name: 'smoke',
        status: 'Succeeded',
        reason: 'checkout:7 answered as expected',
        durationMs: expect.any(Number),
      },
    ]);
    const call = aws.services.lambda.invocations.find((i) => i.functionName === 'checkout');
    expect(call).toMatchObject({ qualifier: '7', version: '7', event: { orderId: 'smoke-1' } });
    expect(call?.clientContext).toEqual({
      custom: {
        greenlight: 'hook-smoke-test',
        deploymentId: d.deploymentId,
        lifecycleEventHookExecutionId: expect.any(String),
        checkName: 'smoke',
        lifecycleEvent: 'BeforeAllowTraffic',
      },
    });
    codedeploy.destroy();
  });

  it('fails the deployment when the target version throws, quoting the function error', async () => {
    const codedeploy = codeDeployClient(aws);
    const results: HookResult[] = [];
    const hook = createHook({ smoke: invokeTarget({ client: lambda }) }, { client: codedeploy });
    const d = await aws.local.deployLambda({
      functionName: 'refunds',
      currentVersion: '1',
      targetVersion: '2',
      versions: {
        '1': async () => 'ok',
        '2': async () => {
          throw new TypeError('Cannot read properties of undefined (reading "id")');
        },
      },
      hooks: { BeforeAllowTraffic: hookRunner(hook, results) },
    });
    expect((await d.done).status).toBe('Failed');
    await d.settled;
    expect(results[0]?.reason).toBe(
      'smoke: refunds:2 failed (Unhandled): TypeError: Cannot read properties of undefined (reading "id")',
    );
    codedeploy.destroy();
  });

  it('checks the payload against a JSON subset, a RegExp, a string or a predicate', async () => {
    const run = async (expect: Parameters<typeof invokeTarget>[0]) =>
      toVerdict(
        await invokeTarget({ client: lambda, ...expect })(
          checkContext({ target: lambdaTarget('payments', '3') }),
        ),
      );
    expect(await run({ expect: { status: 'ok' } })).toEqual({
      passed: false,
      reason: 'payments:3: payload.status is "degraded", expected "ok"',
    });
    expect((await run({ expect: /degraded/ })).passed).toBe(true);
    expect((await run({ expect: 'healthy' })).reason).toBe(
      'payments:3: payload does not contain "healthy": "{\\"status\\":\\"degraded\\"}"',
    );
    const seen: unknown[] = [];
    const verdict = await run({
      expect: (payload, info) => {
        seen.push(payload, info.executedVersion);
        return false;
      },
    });
    expect(verdict.reason).toBe(
      'payments:3: the expect predicate rejected the payload "{\\"status\\":\\"degraded\\"}"',
    );
    expect(seen).toEqual([{ status: 'degraded' }, '3']);
  });

  it('fails on a status other than 200', async () => {
    // A client that turns the call into an asynchronous one: the local Lambda then answers 202.
    const asynchronous = {
      send: (command: { input: { InvocationType?: string } }, options?: { abortSignal?: AbortSignal }) => {
        command.input.InvocationType = 'Event';
        return lambda.send(command as never, options);
      },
    };
    const check = invokeTarget({ client: asynchronous });
    expect(toVerdict(await check(checkContext({ target: lambdaTarget('payments', '1') })))).toEqual({
      passed: false,
      reason: 'payments:1 answered status 202, expected 200',
    });
    await aws.services.lambda.idle();
  });

  it('computes the payload from the check context', async () => {
    const check = invokeTarget({
      client: lambda,
      payload: async (ctx: { deploymentId: string }) => ({ from: ctx.deploymentId }),
      expect: { status: 'ok' },
    });
    expect(toVerdict(await check(checkContext({ target: lambdaTarget('payments', '1') })))).toEqual({
      passed: true,
      reason: 'payments:1 answered as expected',
    });
    expect(aws.services.lambda.invocations.at(-1)?.event).toEqual({ from: 'd-TEST00001' });
  });

  it('fails for a deployment that is not a Lambda deployment, and errors when Invoke fails', async () => {
    const ecs = {
      kind: 'ecs',
      targetId: 'c:s',
      lifecycleEvents: [],
      cluster: 'c',
      service: 's',
      taskSets: [],
    } as const;
    expect(toVerdict(await invokeTarget({ client: lambda })(checkContext({ target: ecs })))).toEqual({
      passed: false,
      reason: 'invokeTarget needs a Lambda deployment; this deployment targets ecs',
    });
    await expect(
      invokeTarget({ client: lambda })(checkContext({ target: lambdaTarget('ghost', '1') })),
    ).rejects.toThrow(
      'invokeTarget: Invoke failed: ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost:1',
    );
  });

  it('ends promptly when the hook deadline fires mid-invocation', async () => {
    const check = invokeTarget({ client: lambda });
    const { value, ms } = await timed(async () =>
      toVerdict(
        await check(checkContext({ target: lambdaTarget('payments', '4'), signal: deadlineSignal(100) })),
      ),
    );
    expect(value).toEqual({ passed: false, reason: 'timed out after 100 ms while invoking payments:4' });
    expect(ms).toBeLessThan(1_000);
  });

  it('rejects unknown and malformed options with a TypeError that names them', () => {
    expect(() => invokeTarget({ qualifier: '2' } as never)).toThrow(
      'Unknown option `qualifier` of invokeTarget(). Known options: payload, expect, clientContext, client',
    );
    expect(() => invokeTarget({ client: {} as never })).toThrow(
      /Expected `client` to be an object with a `send` method/,
    );
    expect(() => invokeTarget({ clientContext: { n: 1 } as never })).toThrow(/Expected `clientContext`/);
    expect(() => invokeTarget({ payload: 10n })).toThrow(/Expected `payload` to be a JSON value/);
  });
});
