import { createHook, InvalidHookEventError } from '@greenlight/core';
import { MAX_ID_LENGTH, parseHookEvent } from '@greenlight/core/internal';
import { captureLogger, event, TestCodeDeploy } from '@greenlight/test-support/codedeploy-server';

describe('the hook event', () => {
  let server: TestCodeDeploy;
  beforeAll(async () => {
    server = await TestCodeDeploy.start();
  });
  afterAll(() => server.close());

  const bad: [string, unknown, string, RegExp][] = [
    ['null', null, 'event', /must be an object, got null/],
    ['a string', 'd-1', 'event', /got string/],
    ['an array', [1], 'event', /got an array/],
    ['a number', 42, 'event', /got number/],
    ['no DeploymentId', { LifecycleEventHookExecutionId: 'x' }, 'DeploymentId', /DeploymentId is missing/],
    [
      'no execution id',
      { DeploymentId: 'd-1' },
      'LifecycleEventHookExecutionId',
      /LifecycleEventHookExecutionId is missing/,
    ],
    [
      'a numeric DeploymentId',
      { DeploymentId: 7, LifecycleEventHookExecutionId: 'x' },
      'DeploymentId',
      /must be a string, got number/,
    ],
    [
      'a null execution id',
      { DeploymentId: 'd-1', LifecycleEventHookExecutionId: null },
      'LifecycleEventHookExecutionId',
      /got null/,
    ],
    [
      'an empty DeploymentId',
      { DeploymentId: '', LifecycleEventHookExecutionId: 'x' },
      'DeploymentId',
      /DeploymentId is empty/,
    ],
    [
      'a blank execution id',
      { DeploymentId: 'd-1', LifecycleEventHookExecutionId: '  ' },
      'LifecycleEventHookExecutionId',
      /is empty/,
    ],
    [
      'an absurdly long id',
      { DeploymentId: 'd'.repeat(MAX_ID_LENGTH + 1), LifecycleEventHookExecutionId: 'x' },
      'DeploymentId',
      /characters long; the limit is 2048/,
    ],
    [
      'control characters',
      { DeploymentId: 'd-1\n{"fake":1}', LifecycleEventHookExecutionId: 'x' },
      'DeploymentId',
      /control characters/,
    ],
    [
      'an inherited id',
      Object.create({ DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'x' }),
      'DeploymentId',
      /missing/,
    ],
  ];

  it.each(bad)(
    'rejects %s with InvalidHookEventError naming the field, and reports nothing',
    async (_, input, field, message) => {
      const check = jest.fn(() => true);
      const handler = createHook(check, { client: server.client(), logger: captureLogger().logger });
      const before = server.calls.length;
      const error = await handler(input as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidHookEventError);
      expect(error).toMatchObject({ code: 'INVALID_HOOK_EVENT', field });
      expect((error as Error).message).toMatch(message);
      expect(check).not.toHaveBeenCalled();
      expect(server.calls.length).toBe(before);
    },
  );

  it('accepts the event CodeDeploy sends, ignoring nothing it needs', () => {
    expect(parseHookEvent(event())).toEqual(event());
  });

  it('keeps only the two IDs of an event with extra or prototype-polluting keys', () => {
    const parsed = parseHookEvent(
      JSON.parse('{"DeploymentId":"d-1","LifecycleEventHookExecutionId":"e","__proto__":{"x":1},"extra":2}'),
    );
    expect(parsed).toEqual({ DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'e' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
