import { createHook, InvalidOptionsError } from '@greenlight/core';
import { captureLogger, event, TestCodeDeploy } from '@greenlight/test-support/codedeploy-server';

// getRemainingTimeInMillis() comes from whoever invokes the handler: a test, a local runner, a custom runtime.
// Whatever it answers (or throws), the hook must neither compute a NaN deadline nor overflow a timer.
describe('a Lambda context whose getRemainingTimeInMillis() answers something odd', () => {
  let server: TestCodeDeploy;
  let n = 1000;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());

  const context = (answer: () => unknown) => ({ functionName: 'hook', getRemainingTimeInMillis: answer });
  // A check that passes after 60 ms: with an overflowing timer (Node fires a delay past 2^31 − 1 ms after 1 ms,
  // with a TimeoutOverflowWarning) its deadline would fail it first.
  const slowPass = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 60));

  it.each<[string, () => unknown, boolean]>([
    ['NaN', () => Number.NaN, true],
    ['undefined', () => undefined, true],
    ['a string', () => '30000', true],
    ['Infinity', () => Number.POSITIVE_INFINITY, true],
    ['more than 2^31 − 1', () => 2 ** 31 + 5_000, true],
    ['1e300', () => 1e300, true],
    ['a BigInt', () => 30_000n, false],
    [
      'a throw',
      () => {
        throw new Error('context gone');
      },
      true,
    ],
  ])(
    'with %s: the check runs to its end, the report is made, and nothing says NaN',
    async (_, answer, warns) => {
      const { lines, logger } = captureLogger();
      const result = await createHook(
        { slowPass },
        { client: server.client(), logger, defaultRemainingMs: 5_000 },
      )(event(++n), context(answer) as never);
      expect(result).toMatchObject({ status: 'Succeeded', reported: true });
      // Only the warning may quote the odd answer; no deadline, duration or reason is NaN.
      const others = lines.filter((l) => l.attributes.code !== 'INVALID_LAMBDA_CONTEXT');
      expect(JSON.stringify(others)).not.toMatch(/NaN/);
      expect(Number.isFinite(result.durationMs)).toBe(true);
      const said = lines.filter((l) => l.attributes.code === 'INVALID_LAMBDA_CONTEXT');
      expect(said.length).toBe(warns ? 1 : 0);
      if (warns)
        expect(said[0]).toMatchObject({
          level: 'warn',
          message: expect.stringMatching(/cannot tell the time left/),
        });
    },
  );

  it('treats a negative remaining time as none left: the checks do not run, Failed is still tried', async () => {
    const check = jest.fn(() => true);
    const error = await createHook(check, { client: server.client(), logger: captureLogger().logger })(
      event(++n),
      context(() => -5) as never,
    ).catch((e: unknown) => e);
    expect(check).not.toHaveBeenCalled();
    expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED', status: 'Failed', attempts: 0 });
  });

  it('refuses a defaultRemainingMs longer than a Lambda function can run (15 minutes)', () => {
    expect(() => createHook(() => true, { defaultRemainingMs: 30 * 24 * 3_600_000 })).toThrow(
      InvalidOptionsError,
    );
    expect(() => createHook(() => true, { defaultRemainingMs: 900_000 })).not.toThrow();
  });
});
