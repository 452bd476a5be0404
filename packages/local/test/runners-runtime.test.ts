import path from 'node:path';
import {
  LOOP_EMPTIED,
  type LocalCodeDeploy,
  type ModuleFunction,
  type ModuleInvocation,
  moduleFunction,
  startLocalCodeDeploy,
} from '../src/index.js';

const hooks = path.resolve('packages/local/test/fixtures/runtime-hooks.cjs');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the module runner runs a handler as the Lambda Node.js runtime does', () => {
  const opened: ModuleFunction[] = [];
  const fn = (exportName: string, timeoutMs = 5_000) => {
    const made = moduleFunction({ module: hooks, export: exportName, timeoutMs });
    opened.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((f) => f.close()));
  });

  it('keeps the container warm: module state survives, and only the first invocation is a cold start', async () => {
    const counter = fn('counter');
    const first = await counter.invoke({});
    const second = await counter.invoke({});
    expect([first.result, second.result]).toEqual([1, 2]);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(counter.coldStarts).toBe(1);
  });

  it('runs concurrent invocations in separate containers, as Lambda scales out', async () => {
    const counter = fn('counter');
    const results = await Promise.all([counter.invoke({}), counter.invoke({})]);
    expect(results.map((r) => r.result)).toEqual([1, 1]);
    expect(counter.coldStarts).toBe(2);
  });

  it("ends an async handler's invocation when the event loop empties before its promise settles, and says so", async () => {
    const run = await fn('unrefWait').invoke({});
    expect(run).toMatchObject({ outcome: 'emptied', failed: true, error: LOOP_EMPTIED });
    expect(run.logTail).toContain(LOOP_EMPTIED);
    expect(run.logTail).toMatch(/unref'd timer or socket/);
    expect(run.durationMs).toBeLessThan(1_000); // long before the 5 s timeout
  });

  it('ends a non-async handler that returned a promise with a null result, as Lambda does', async () => {
    const run = await fn('unrefWaitNotAsync').invoke({});
    expect(run).toMatchObject({ outcome: 'emptied', failed: false, result: null });
    expect(run.logTail).toContain('null result');
  });

  it('freezes the process between invocations: a timer left behind waits, and may fire in a later invocation', async () => {
    const leave = fn('leaveTimer');
    const first = await leave.invoke({});
    expect(first.leftBehind).toEqual(['Timeout']);
    expect(first.logTail).toMatch(/WARNING the handler settled but left 1 timer behind/);
    await pause(200); // the timer was due after 50 ms: it must not fire while the container is frozen
    const second = await leave.invoke({});
    expect(second.result).toMatchObject({ fired: null });
    const third = await leave.invoke({ waitMs: 80 }); // thawed: the timer the second call left fires now
    const { startedAt, fired } = third.result as { startedAt: number; fired: number | null };
    expect(fired).not.toBeNull();
    expect(fired!).toBeGreaterThanOrEqual(startedAt);
  });

  it('logs, in a later invocation, the late settlement of one Lambda had ended', async () => {
    const late = fn('lateSettler');
    const first = await late.invoke({ first: true });
    expect(first.outcome).toBe('emptied');
    const second = await late.invoke({});
    expect(second.result).toBe('the second call');
    expect(second.logTail).toContain(`invocation ${first.requestId}, which Lambda had ended`);
    expect(second.logTail).toContain('returned now');
  });

  it('ends the process on an uncaught error, and starts a new container for the next invocation', async () => {
    const uncaught = fn('uncaught');
    const run = await uncaught.invoke({});
    expect(run).toMatchObject({ outcome: 'crashed', failed: true, error: 'Error: boom from a timer' });
    await uncaught.invoke({});
    expect(uncaught.coldStarts).toBe(2);
  });

  it('supports callback handlers, with a Lambda-like context', async () => {
    const run = await fn('callbackStyle', 3_000).invoke({});
    expect(run).toMatchObject({ outcome: 'returned', result: 'called back' });
    const [, remaining, requestId] = /remaining (\d+) ms, request (\S+)/.exec(run.logTail) ?? [];
    expect(Number(remaining)).toBeGreaterThan(0);
    expect(Number(remaining)).toBeLessThanOrEqual(3_000);
    expect(requestId).toBe(run.requestId);
  });

  it('fails an invocation whose module cannot be loaded, or has no such function, with the reason', async () => {
    const missing = await fn('notAFunction').invoke({});
    expect(missing).toMatchObject({ outcome: 'crashed', failed: true });
    expect(missing.error).toMatch(/has no function export named notAFunction/);
    const loadFails = moduleFunction({
      module: path.resolve('packages/local/test/fixtures/throw-at-load.cjs'),
    });
    opened.push(loadFails);
    const broken = await loadFails.invoke({});
    expect(broken.error).toMatch(/missing configuration TABLE_NAME/);
  });

  it("counts the function timeout from the handler's call, not from loading the module (Lambda's init)", async () => {
    const slow = moduleFunction({
      module: path.resolve('packages/local/test/fixtures/slow-init.mjs'),
      timeoutMs: 300,
    });
    opened.push(slow);
    const run = await slow.invoke({});
    expect(run.outcome).toBe('returned');
    expect(run.result).toBeGreaterThan(200);
    expect(run.result).toBeLessThanOrEqual(300);
  });

  it('holds nothing of the calling process while its containers are idle, and the child while one runs', async () => {
    const count = (name: string) => process.getActiveResourcesInfo().filter((r) => r === name).length;
    await pause(50); // the handles of processes earlier tests ended finish closing
    const before = count('ProcessWrap');
    const leave = fn('leaveTimer');
    const running = leave.invoke({ waitMs: 100 });
    await pause(30);
    expect(count('ProcessWrap')).toBe(before + 1);
    await running;
    expect(count('ProcessWrap')).toBe(before);
  });

  it('rejects through its handler face with the reason and the log tail', async () => {
    await expect(fn('unrefWait').handler({})).rejects.toMatchObject({
      message: LOOP_EMPTIED,
      code: 'HOOK_LOOP_EMPTIED',
      logTail: expect.stringContaining(LOOP_EMPTIED),
    });
  });
});

describe('the local CodeDeploy runs { module } hooks in warm containers and says what happened', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it("shows a failing hook's reason and log tail in the outcome and the timeline", async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001 });
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: { module: path.resolve('packages/local/test/fixtures/failed-hook.mjs') } },
    });
    const outcome = await d.done;
    expect(outcome.errorInformation?.message).toBe(
      'Deployment failed because the BeforeAllowTraffic lifecycle event hook (' +
        `${d.timeline[0]?.hookFunction}) reported Failed: health: status 503, expected 2xx`,
    );
    expect(d.timeline[0]).toMatchObject({
      status: 'Failed',
      hookReason: 'health: status 503, expected 2xx',
      diagnostics: {
        errorCode: 'ScriptFailed',
        message: expect.stringContaining('reported Failed for BeforeAllowTraffic: health: status 503'),
        logTail: expect.stringContaining('health answered 503 three times'),
      },
    });
  }, 20_000);

  it('says the event loop emptied, retries as Lambda does, and keeps the same warm container', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0005, hookRetries: 2 }); // hook timeout: 1.8 s
    const seen: ModuleInvocation[] = [];
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: { module: hooks, export: 'unrefWait', onInvocation: (i) => seen.push(i) },
      },
    });
    const outcome = await d.done;
    await d.settled;
    expect(outcome.status).toBe('Failed');
    expect(d.timeline[0]).toMatchObject({
      attempts: 3,
      hookReason: LOOP_EMPTIED,
      diagnostics: { errorCode: 'ScriptTimedOut', logTail: expect.stringContaining(LOOP_EMPTIED) },
    });
    expect(seen.map((i) => [i.outcome, i.coldStart])).toEqual([
      ['emptied', true],
      ['emptied', false],
      ['emptied', false],
    ]);
  }, 20_000);
});
