import { createHook, HookReportError, isGreenlightError } from '@greenlight/core';
import {
  captureLogger,
  event,
  lambdaContext,
  TestCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';
import { active, until } from '@greenlight/test-support/timers';

// The SDK clears its request timeout once the headers arrive, so an answer that stalls after them (or drips
// its body) would hold a socket for ever unless the abandoned attempt is aborted. Each such socket also holds
// the process after the handler returned, and in a warm container they pile up in the agent's pool.
describe.each([
  ['the default client', false],
  ['a client passed in', true],
])('an answer that stalls after its headers, with %s', (_, explicit) => {
  let server: TestCodeDeploy;
  const saved = { ...process.env };
  let n = 800;
  beforeEach(async () => {
    server = await TestCodeDeploy.start();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CODEDEPLOY: server.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });
  afterEach(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await server.close();
  });

  const hook = (retry: object) =>
    createHook(() => true, {
      ...(explicit && { client: server.client() }),
      logger: captureLogger().logger,
      retry: { baseDelayMs: 1, maxDelayMs: 2, ...retry },
    });
  const put = 'PutLifecycleEventHookExecutionStatus';

  it.each([
    ['stalls', { kind: 'stall' as const }],
    ['drips its body', { kind: 'drip' as const, everyMs: 20 }],
  ])(
    'aborts an attempt whose answer %s: the server sees its socket closed, and no socket is left',
    async (_, fault) => {
      server.script(put, fault, fault);
      const sockets = active('TCPSocketWrap');
      const error = await hook({ maxAttempts: 2, attemptTimeoutMs: 150 })(
        event(++n),
        lambdaContext(10_000),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HookReportError);
      expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED', attempts: 2 });
      // Both abandoned requests were aborted: the server saw their sockets close, none is open on either side.
      await until(() => server.sockets.size === 0, 2_000).catch(() => undefined);
      expect(server.sockets.size).toBe(0);
      expect(server.closedSockets).toBeGreaterThanOrEqual(2);
      expect(active('TCPSocketWrap')).toBeLessThanOrEqual(sockets);
      expect(isGreenlightError((error as Error).cause, 'ATTEMPT_TIMEOUT')).toBe(true);
    },
  );

  it('still reports after 20 warm invocations that met stalled answers, once the endpoint heals', async () => {
    const handler = hook({ maxAttempts: 3, attemptTimeoutMs: 60 });
    for (let i = 0; i < 20; i++) {
      server.script(put, { kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' });
      const error = await handler(event(++n), lambdaContext(10_000)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'REPORT_RETRIES_EXHAUSTED' });
    }
    // 60 stalled attempts: more than the SDK agent's 50 sockets, had any been kept.
    const healed = await handler(event(++n), lambdaContext(10_000));
    expect(healed.reported).toBe(true);
    expect(server.reports).toHaveLength(1);
  });
});
