import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HookResultLine, OutcomeLike, TimelineEvent } from '../src/simulate/events.js';
import { follow, type HandleLike, lastResult } from '../src/simulate/follow.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A deployment handle driven by the test. */
class FakeHandle extends EventEmitter implements HandleLike {
  readonly deploymentId = 'd-TEST00001';
  readonly history: TimelineEvent[] = [];
  readonly timeline = [];
  settle!: () => void;
  finish!: (outcome: OutcomeLike) => void;
  readonly settled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });
  readonly done = new Promise<OutcomeLike>((resolve) => {
    this.finish = resolve;
  });
  push(ev: DistributiveOmit<TimelineEvent, 'deploymentId' | 'at'>): void {
    const full = { ...ev, deploymentId: this.deploymentId, at: new Date() } as TimelineEvent;
    this.history.push(full);
    this.emit('event', full);
  }
}

const lifecycle = (lifecycleEvent: string, status: string) =>
  ({ type: 'lifecycle', entry: { lifecycleEvent, status, attempts: 1 } }) as const;
const invocation = (lifecycleEvent: string, result: string) =>
  ({ type: 'invocation', lifecycleEvent, attempt: 1, result }) as const;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-follow-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('following a deployment', () => {
  it("delivers a hook's result right after its lifecycle event, holding what came between", async () => {
    const file = join(dir, 'BeforeAllowTraffic.jsonl');
    const handle = new FakeHandle();
    const seen: string[] = [];
    const following = follow(
      handle,
      { BeforeAllowTraffic: file },
      {
        event: (ev) =>
          seen.push(ev.type === 'lifecycle' ? `${ev.entry.lifecycleEvent} ${ev.entry.status}` : ev.type),
        hookResult: (event, line) => seen.push(`${event} result ${line.result?.status}`),
      },
    );
    handle.push(lifecycle('BeforeAllowTraffic', 'InProgress'));
    handle.push(invocation('BeforeAllowTraffic', 'started'));
    handle.push(lifecycle('BeforeAllowTraffic', 'Succeeded'));
    handle.push(lifecycle('AllowTraffic', 'InProgress'));
    handle.push({ type: 'traffic', targetWeight: 10 });
    const line: HookResultLine = {
      deploymentId: handle.deploymentId,
      ok: true,
      result: { status: 'Succeeded' },
    };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
    handle.push(invocation('BeforeAllowTraffic', 'returned'));
    handle.finish({ status: 'Succeeded' });
    handle.settle();
    const { outcome, hookResults } = await following;
    expect(outcome.status).toBe('Succeeded');
    expect(hookResults.BeforeAllowTraffic?.result?.status).toBe('Succeeded');
    expect(seen).toEqual([
      'BeforeAllowTraffic InProgress',
      'invocation',
      'BeforeAllowTraffic Succeeded',
      'invocation',
      'BeforeAllowTraffic result Succeeded',
      'AllowTraffic InProgress',
      'traffic',
    ]);
  });

  it('stops holding after holdMs when the hook process does not return', async () => {
    const handle = new FakeHandle();
    const seen: string[] = [];
    const following = follow(
      handle,
      {},
      { event: (ev) => seen.push(ev.type), hookResult: () => {} },
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

  it('reads the last result of a deployment, skipping torn lines and other deployments', () => {
    const file = join(dir, 'r.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ deploymentId: 'd-A', ok: true, result: { status: 'Succeeded' } }),
        JSON.stringify({ deploymentId: 'd-A', ok: false, error: 'boom' }),
        JSON.stringify({ deploymentId: 'd-B', ok: true }),
        '{"deploymentId":"d-A","ok":tr',
      ].join('\n'),
    );
    expect(lastResult(file, 'd-A')).toEqual({ deploymentId: 'd-A', ok: false, error: 'boom' });
    expect(lastResult(file, 'd-C')).toBeUndefined();
    expect(lastResult(join(dir, 'missing.jsonl'), 'd-A')).toBeUndefined();
  });
});
