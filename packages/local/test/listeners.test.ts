import { getEventListeners, getMaxListeners } from 'node:events';
import { join } from 'node:path';
import { onAbort } from '../src/abort-listeners.js';
import { inProcessInvoker } from '../src/runners/in-process.js';
import type { Invocation } from '../src/runners/types.js';
import { runTsFile } from './helpers/child.js';

function invocation(signal: AbortSignal, n: number): Invocation {
  return {
    event: { DeploymentId: `d-${n}`, LifecycleEventHookExecutionId: `e-${n}` },
    functionName: 'fn',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    timeoutMs: 60_000,
    env: {},
    signal,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

describe('a signal shared by every hook invocation', () => {
  it('gets one abort listener however many in-process invocations run, and aborting still ends each of them', async () => {
    const close = new AbortController();
    const never = new Promise<never>(() => {});
    const invoke = inProcessInvoker(() => never);
    const running = Array.from({ length: 1_000 }, (_, i) =>
      invoke(invocation(close.signal, i)).then(
        () => 'returned',
        (err: { code?: string }) => err.code,
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const listeners = getEventListeners(close.signal, 'abort').length;
    expect(listeners).toBeLessThanOrEqual(1);
    expect(listeners).toBeLessThanOrEqual(getMaxListeners(close.signal));
    close.abort();
    expect(new Set(await Promise.all(running))).toEqual(new Set(['CLOSED']));
  });

  it('runs 1,000 concurrent deployments with in-process hooks, retries included, without a MaxListenersExceededWarning', async () => {
    const run = await runTsFile(join(__dirname, 'fixtures', 'concurrent-in-process.mts'), 120_000);
    expect(run.code).toBe(0);
    const { succeeded, warnings } = JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
      succeeded: number;
      warnings: string[];
    };
    expect(succeeded).toBe(1_000);
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  }, 150_000);

  it('calls each callback registered through it once on abort, except those unregistered, with one listener on the signal', () => {
    const close = new AbortController();
    const calls: string[] = [];
    onAbort(close.signal, () => calls.push('a'));
    const stopB = onAbort(close.signal, () => calls.push('b'));
    onAbort(close.signal, () => calls.push('c'));
    stopB();
    expect(getEventListeners(close.signal, 'abort')).toHaveLength(1);
    close.abort();
    close.abort();
    expect(calls).toEqual(['a', 'c']);
    onAbort(close.signal, () => calls.push('late'));
    expect(calls).toEqual(['a', 'c']);
  });
});
