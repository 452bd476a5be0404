import * as core from '@greenlight/core';
import * as internal from '@greenlight/core/internal';

// The public API is what users write against: the two factories, the errors and the predicate (types are
// erased). What greenlight's other packages need lives in `@greenlight/core/internal`, marked internal.
describe("@greenlight/core's public surface", () => {
  it('exports exactly the allowed runtime values', () => {
    expect(Object.keys(core).sort()).toEqual([
      'AttemptTimeoutError',
      'CheckCancelledError',
      'CheckTimeoutError',
      'GreenlightError',
      'HookReportError',
      'InvalidHookEventError',
      'InvalidLambdaContextError',
      'InvalidOptionsError',
      'LookupError',
      'createEcsHook',
      'createHook',
      'isGreenlightError',
    ]);
  });

  it('keeps the building blocks in the internal subpath, none of them public', () => {
    for (const name of [
      'HookPipeline',
      'reportStatus',
      'withRetries',
      'classifyError',
      'describeThrown',
      'systemClock',
    ]) {
      expect(Object.keys(internal)).toContain(name);
      expect(Object.keys(core)).not.toContain(name);
    }
  });

  it('declares the internal subpath in package.json with the same conditions as the main entry', () => {
    const pkg = require('@greenlight/core/package.json') as {
      exports: Record<string, Record<string, string>>;
    };
    expect(Object.keys(pkg.exports['./internal'] ?? {})).toEqual(Object.keys(pkg.exports['.'] ?? {}));
  });
});

describe('one error design', () => {
  it('recognises a greenlight error from another copy of the package, where instanceof cannot', () => {
    let other: typeof core | undefined;
    jest.isolateModules(() => {
      other = require('@greenlight/core') as typeof core;
    });
    expect(other?.GreenlightError).not.toBe(core.GreenlightError);
    let thrown: unknown;
    try {
      other?.createHook(() => true, { timeoutMilis: 1 } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof core.GreenlightError).toBe(false);
    expect(core.isGreenlightError(thrown)).toBe(true);
    expect(core.isGreenlightError(thrown, 'INVALID_OPTIONS')).toBe(true);
    expect(core.isGreenlightError(thrown, 'INVALID_HOOK_EVENT')).toBe(false);
  });

  it('does not mistake other errors, look-alikes or hostile values for its own', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    for (const value of [
      new Error('x'),
      { code: 'INVALID_OPTIONS', name: 'GreenlightError' },
      null,
      'x',
      hostile,
    ]) {
      expect(core.isGreenlightError(value)).toBe(false);
    }
  });

  it.each([
    ['InvalidHookEventError', () => new core.InvalidHookEventError('event', 'x'), 'INVALID_HOOK_EVENT'],
    ['InvalidOptionsError', () => new core.InvalidOptionsError('timeout', 'x'), 'INVALID_OPTIONS'],
    ['InvalidLambdaContextError', () => new core.InvalidLambdaContextError('x'), 'INVALID_LAMBDA_CONTEXT'],
    ['CheckTimeoutError', () => new core.CheckTimeoutError(5), 'CHECK_TIMEOUT'],
    ['CheckCancelledError', () => new core.CheckCancelledError('x'), 'CHECK_CANCELLED'],
    ['AttemptTimeoutError', () => new core.AttemptTimeoutError(5), 'ATTEMPT_TIMEOUT'],
    ['LookupError', () => new core.LookupError('x'), 'LOOKUP_FAILED'],
    [
      'HookReportError',
      () =>
        new core.HookReportError('REPORT_REJECTED', 'x', {
          deploymentId: 'd',
          lifecycleEventHookExecutionId: 'e',
          status: 'Failed',
          attempts: 1,
        }),
      'REPORT_REJECTED',
    ],
  ])('%s is a GreenlightError with its code and name', (name, make, code) => {
    const error = make();
    expect(error).toBeInstanceOf(core.GreenlightError);
    expect(error).toMatchObject({ name, code });
    expect(core.isGreenlightError(error, code as core.GreenlightErrorCode)).toBe(true);
  });
});
