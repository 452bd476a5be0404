import { AttemptTimeoutError, createHook, HookReportError } from '@greenlight/core';
import { classifyError } from '@greenlight/core/internal';
import { captureLogger, event, lambdaContext } from '@greenlight/test-support/codedeploy-server';

/** Two errors whose causes point at each other. */
function cycle(name = 'ValidationException'): Error {
  const a = new Error('a', { cause: undefined });
  const b = new Error('b', { cause: a });
  Object.defineProperty(a, 'cause', { value: b });
  a.name = name;
  return a;
}

describe('classifying a failed call', () => {
  it.each<[string, unknown]>([
    ['a throttling error', { name: 'ThrottlingException' }],
    ['one the SDK knows as throttling', { name: 'TransactionInProgressException' }],
    ['HTTP 429', { name: 'X', $metadata: { httpStatusCode: 429 } }],
    ['HTTP 503', { name: 'X', $metadata: { httpStatusCode: 503 } }],
    ['any other 5xx', { name: 'X', $metadata: { httpStatusCode: 507 } }],
    ['an error marked $retryable', { name: 'X', $retryable: {} }],
    ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['undici’s socket error', { name: 'SocketError', code: 'UND_ERR_SOCKET' }],
    ['a reset known only from its message (another realm)', { message: 'socket hang up' }],
    ['greenlight’s own attempt timeout', new AttemptTimeoutError(100)],
    ['an unreadable 200 answer', { name: 'SyntaxError', $metadata: { httpStatusCode: 200 } }],
    [
      'a transient error two causes down',
      { name: 'A', cause: { name: 'B', cause: { name: 'ThrottlingException' } } },
    ],
  ])('retries %s', (_, error) => {
    expect(classifyError(error)).toBe('retryable');
  });

  it.each<[string, unknown]>([
    ['AccessDenied', { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }],
    ['an aborted request', { name: 'AbortError' }],
    ['a string', 'ThrottlingException'],
    ['null', null],
    ['two errors whose causes point at each other', cycle()],
    [
      'a cause chain deeper than 5',
      {
        name: 'A',
        cause: {
          cause: { cause: { cause: { cause: { cause: { cause: { name: 'ThrottlingException' } } } } } },
        },
      },
    ],
    ['a null cause', { name: 'A', cause: null }],
    [
      'an object whose getters throw',
      Object.defineProperty({}, 'name', {
        get: () => {
          throw new Error('no');
        },
      }),
    ],
  ])('does not retry %s, and never throws', (_, error) => {
    expect(classifyError(error)).toBe('fatal');
  });

  it('turns a report refused with cyclic causes into a HookReportError, not a RangeError', async () => {
    const client = { send: async () => Promise.reject(cycle()) };
    const error = await createHook(() => true, { client, logger: captureLogger().logger })(
      event(1),
      lambdaContext(5_000),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookReportError);
    expect(error).toMatchObject({ code: 'REPORT_REJECTED', attempts: 1 });
  });
});
