import { EventEmitter } from 'node:events';
import type { DeploymentEvent, DeploymentOutcome, ModuleInvocation } from '@greenlight/local';
import { follow, type HandleLike } from '../src/simulate/follow.js';
import { InvocationLog } from '../src/simulate/invocations.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A deployment handle driven by the test. */
class FakeHandle extends EventEmitter implements HandleLike {
  readonly history: DeploymentEvent[] = [];
  readonly timeline = [];
  settle!: () => void;
  finish!: (outcome: DeploymentOutcome) => void;
  readonly settled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });
  readonly done = new Promise<DeploymentOutcome>((resolve) => {
    this.finish = resolve;
  });
  constructor(readonly deploymentId = 'd-TEST00001') {
    super();
  }
  push(ev: DistributiveOmit<DeploymentEvent, 'deploymentId' | 'at'>): void {
    const full = { ...ev, deploymentId: this.deploymentId, at: new Date() } as DeploymentEvent;
    this.history.push(full);
    this.emit('event', full);
  }
}

const lifecycle = (lifecycleEvent: string, status: 'InProgress' | 'Succeeded', hookFunction?: string) =>
  ({
    type: 'lifecycle',
    entry: { lifecycleEvent, status, attempts: 1, ...(hookFunction ? { hookFunction } : {}) },
  }) as const;
const invocation = (lifecycleEvent: string, result: 'started' | 'returned' | 'error') =>
  ({ type: 'invocation', lifecycleEvent, attempt: 1, result }) as const;

/** What local's function runner reports for an invocation that returned `result`. */
const returned = (result: unknown): ModuleInvocation => ({
  requestId: 'r',
  outcome: 'returned',
  failed: false,
  result,
  logTail: '',
  leftBehind: [],
  coldStart: true,
  durationMs: 5,
});

describe('following a deployment', () => {
  it('delivers what a hook invocation ended with right after its lifecycle event, holding what came between', async () => {
    const log = new InvocationLog();
    const hook = log.record('BeforeAllowTraffic', { module: '/hook.cjs' });
    const handle = new FakeHandle();
    const seen: string[] = [];
    const following = follow(handle, (event) => log.take(event), {
      event: (ev) =>
        seen.push(ev.type === 'lifecycle' ? `${ev.entry.lifecycleEvent} ${ev.entry.status}` : ev.type),
      invocation: (event, ended) =>
        seen.push(`${event} returned ${(ended.result as { status: string }).status}`),
    });
    handle.push(lifecycle('BeforeAllowTraffic', 'InProgress'));
    handle.push(invocation('BeforeAllowTraffic', 'started'));
    handle.push(lifecycle('BeforeAllowTraffic', 'Succeeded'));
    handle.push(lifecycle('AllowTraffic', 'InProgress'));
    handle.push({ type: 'traffic', targetWeight: 10 });
    // The runner reports the invocation, then the engine says it ended.
    hook.onInvocation?.(returned({ status: 'Succeeded' }));
    handle.push(invocation('BeforeAllowTraffic', 'returned'));
    handle.finish({ status: 'Succeeded' });
    handle.settle();
    const { outcome, invocations } = await following;
    expect(outcome.status).toBe('Succeeded');
    expect(invocations.BeforeAllowTraffic?.result).toEqual({ status: 'Succeeded' });
    expect(seen).toEqual([
      'BeforeAllowTraffic InProgress',
      'invocation',
      'BeforeAllowTraffic Succeeded',
      'invocation',
      'BeforeAllowTraffic returned Succeeded',
      'AllowTraffic InProgress',
      'traffic',
    ]);
  });

  it('stops holding after holdMs when the hook process does not return', async () => {
    const handle = new FakeHandle();
    const seen: string[] = [];
    const following = follow(
      handle,
      () => undefined,
      { event: (ev) => seen.push(ev.type), invocation: () => {} },
      { holdMs: 50 },
    );
    handle.push(invocation('AfterInstall', 'started'));
    handle.push(lifecycle('AfterInstall', 'Succeeded'));
    handle.push({ type: 'traffic', targetWeight: 100, listener: 'test' });
    expect(seen).toEqual(['invocation', 'lifecycle']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(seen).toEqual(['invocation', 'lifecycle', 'traffic']);
    handle.finish({ status: 'Succeeded' });
    handle.settle();
    await following;
  });

  it('pairs each invocation of a shared hook function with the deployment whose event ends it', async () => {
    const log = new InvocationLog();
    const hook = log.record('CodeDeployHook_pre', { module: '/hook.cjs' });
    const source = (_event: string, fn: string | undefined) => (fn ? log.take(fn) : undefined);
    const [a, b] = [new FakeHandle('d-AAAAAAAAA'), new FakeHandle('d-BBBBBBBBB')];
    const results: string[] = [];
    const callbacks = (id: string) => ({
      event: () => {},
      invocation: (_event: string, ended: ModuleInvocation) => results.push(`${id} ${String(ended.result)}`),
    });
    const following = [follow(a, source, callbacks('a')), follow(b, source, callbacks('b'))];
    for (const h of [a, b]) {
      h.push(lifecycle('BeforeAllowTraffic', 'InProgress', 'CodeDeployHook_pre'));
      h.push(invocation('BeforeAllowTraffic', 'started'));
    }
    // b's invocation ends first, then a's.
    hook.onInvocation?.(returned('for b'));
    b.push(invocation('BeforeAllowTraffic', 'returned'));
    hook.onInvocation?.(returned('for a'));
    a.push(invocation('BeforeAllowTraffic', 'returned'));
    for (const h of [a, b]) {
      h.finish({ status: 'Succeeded' });
      h.settle();
    }
    await Promise.all(following);
    expect(results).toEqual(['b for b', 'a for a']);
  });

  it('once stopping, resolves when the outcome is known and nothing runs, without waiting for retries', async () => {
    const handle = new FakeHandle();
    const stopping = new AbortController();
    let resolved = false;
    const following = follow(
      handle,
      () => undefined,
      { event: () => {}, invocation: () => {} },
      {
        stopping: stopping.signal,
      },
    ).then(() => {
      resolved = true;
    });
    handle.push(invocation('BeforeAllowTraffic', 'started'));
    handle.finish({ status: 'Stopped' });
    stopping.abort();
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false); // an invocation still runs
    handle.push(invocation('BeforeAllowTraffic', 'error'));
    await following;
    expect(resolved).toBe(true); // `settled` never came: a retry would still be due
  });
});

describe('the invocation log', () => {
  it("takes each key's invocations in the order they ended, and passes them on to the hook's own callback", () => {
    const mine: unknown[] = [];
    const log = new InvocationLog();
    const hook = log.record('f', { module: '/hook.cjs', onInvocation: (i) => mine.push(i.result) });
    hook.onInvocation?.(returned(1));
    hook.onInvocation?.(returned(2));
    expect([log.take('f')?.result, log.take('f')?.result, log.take('f')]).toEqual([1, 2, undefined]);
    expect(mine).toEqual([1, 2]);
    expect(hook.module).toBe('/hook.cjs');
  });
});
