import { type Check, createHook } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

const boom = () => {
  throw new Error('boom');
};
/** An object every way of describing throws from: message, toString, toJSON, and its prototype getters. */
const unprintable = () =>
  Object.create(null, {
    message: { get: boom, enumerable: true },
    name: { get: boom },
    toString: { value: boom },
    toJSON: { value: boom },
  });
/** A Proxy whose every trap throws. */
const trap = () =>
  new Proxy(
    {},
    {
      get: boom,
      has: boom,
      ownKeys: boom,
      getOwnPropertyDescriptor: boom,
      getPrototypeOf: boom,
    },
  );

describe('a check that throws or returns something that cannot be described', () => {
  let server: TestCodeDeploy;
  let n = 900;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());

  it.each<[string, Check]>([
    [
      'throws an object whose message, toString and toJSON throw',
      () => {
        throw unprintable();
      },
    ],
    ['rejects with it', () => Promise.reject(unprintable())],
    [
      'throws a Proxy whose every trap throws',
      () => {
        throw trap();
      },
    ],
    ['returns such a Proxy', () => trap() as never],
    [
      'returns a verdict whose `passed` getter throws',
      () => Object.defineProperty({}, 'passed', { get: boom }) as never,
    ],
    [
      'resolves a thenable whose `then` throws',
      () => Object.defineProperty({}, 'then', { value: boom }) as never,
    ],
    [
      'throws an Error whose message getter throws',
      () => {
        const error = new Error('x');
        Object.defineProperty(error, 'message', { get: boom });
        throw error;
      },
    ],
  ])('reports Failed when the check %s, with a reason', async (_, check) => {
    const e = event(++n);
    const result = await createHook(
      { hostile: check },
      { client: server.client(), logger: captureLogger().logger },
    )(e, lambdaContext(10_000));
    expect(result.status).toBe('Failed');
    expect(result.checks[0]).toMatchObject({ name: 'hostile', status: 'Failed', reason: expect.any(String) });
    expect(
      server.reports.filter((r) => r.body.lifecycleEventHookExecutionId === e.LifecycleEventHookExecutionId),
    ).toHaveLength(1);
  });

  // An unhandled rejection ends a Lambda process; jest fails the test on one too.
  it('never lets an abandoned check’s late rejection become an unhandled rejection, even at DEBUG', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // A logger that serialises what it is given, as Powertools does at DEBUG.
      const at = (message: string, ...extra: unknown[]) => JSON.stringify({ message, extra });
      const logger = { debug: at, info: at, warn: at, error: at };
      const late: Check = () => new Promise((_, reject) => setTimeout(() => reject(unprintable()), 80));
      const result = await createHook({ late }, { timeout: 20, client: server.client(), logger })(
        event(++n),
        lambdaContext(10_000),
      );
      expect(result.checks[0]).toMatchObject({ status: 'Failed', reason: 'timed out after 20 ms' });
      await new Promise((r) => setTimeout(r, 150)); // the check rejects after it was abandoned
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
