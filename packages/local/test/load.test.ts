import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { nextMessage, startTsProcess } from './helpers/child.js';
import { DUMMY_AUTH } from './helpers/raw.js';
import { clientFor, reportingHook } from './helpers/sdk.js';

const DEPLOYMENTS = 1_000;

describe('load', () => {
  let local: LocalCodeDeploy;
  afterAll(async () => {
    await local?.close();
  });

  it(`finishes ${DEPLOYMENTS} concurrent deployments with every hook status recorded exactly once`, async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const client = clientFor(local);
    const hook = reportingHook(client);
    const started = performance.now();
    const handles = await Promise.all(
      Array.from({ length: DEPLOYMENTS }, (_, i) =>
        local.deployLambda({
          functionName: `fn-${i}`,
          currentVersion: '1',
          targetVersion: '2',
          hooks: { BeforeAllowTraffic: hook, AfterAllowTraffic: hook },
        }),
      ),
    );
    const outcomes = await Promise.all(handles.map((h) => h.done));
    const elapsed = performance.now() - started;
    console.log(
      `${DEPLOYMENTS} deployments, ${local.reports.length} hook reports over HTTP in ${Math.round(elapsed)} ms (${Math.round(
        (local.reports.length / elapsed) * 1000,
      )} reports/s)`,
    );
    expect(outcomes.every((o) => o.status === 'Succeeded')).toBe(true);
    expect(new Set(handles.map((h) => h.deploymentId)).size).toBe(DEPLOYMENTS);
    expect(local.reports).toHaveLength(2 * DEPLOYMENTS);
    expect(local.reports.every((r) => r.outcome === 'accepted')).toBe(true);
    const executions = new Set(local.reports.map((r) => r.lifecycleEventHookExecutionId));
    expect(executions.size).toBe(2 * DEPLOYMENTS);
    for (const h of handles) {
      expect(h.timeline.map((e) => `${e.status}/${e.attempts}`)).toEqual([
        'Succeeded/1',
        'Succeeded/0',
        'Succeeded/1',
      ]);
    }
    expect(elapsed).toBeLessThan(30_000);
    client.destroy();
  }, 60_000);
});

describe('memory under stalled request bodies', () => {
  const CONNECTIONS = 200;
  const MIB = 1024 * 1024;

  it(`keeps the server's memory bounded while ${CONNECTIONS} connections each hold a stalled 1 MiB body`, async () => {
    const child = startTsProcess(join(__dirname, 'fixtures', 'server-process.mts'), ['--expose-gc']);
    const sockets: Socket[] = [];
    try {
      const { endpoint, rss: before } = await nextMessage<{ endpoint: string; rss: number }>(
        child,
        'endpoint',
      );
      const url = new URL(endpoint);
      const head =
        `POST / HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/x-amz-json-1.1\r\n` +
        `x-amz-target: CodeDeploy_20141006.ListDeployments\r\nauthorization: ${DUMMY_AUTH}\r\n` +
        `content-length: ${MIB}\r\n\r\n`;
      // One byte short of the declared length: the body never ends.
      const body = Buffer.alloc(MIB - 1, 0x20);
      await Promise.all(
        Array.from(
          { length: CONNECTIONS },
          () =>
            new Promise<void>((resolve) => {
              const socket = connect(Number(url.port), url.hostname, () => {
                socket.write(head);
                socket.write(body, () => resolve());
              });
              socket.on('error', () => resolve());
              socket.on('close', () => resolve());
              sockets.push(socket);
            }),
        ),
      );
      // Let the server read whatever it is going to read, then take the highest of a few samples.
      let peak = before;
      let flat = 0;
      while (flat < 4) {
        await new Promise((r) => setTimeout(r, 250));
        const reply = nextMessage<{ rss: number }>(child, 'rss');
        child.send('rss');
        const { rss } = await reply;
        if (rss > peak + MIB) flat = 0;
        else flat++;
        peak = Math.max(peak, rss);
      }
      const grownMiB = (peak - before) / MIB;
      console.log(
        `${CONNECTIONS} stalled 1 MiB bodies: server RSS ${(before / MIB).toFixed(0)} MiB → ${(peak / MIB).toFixed(0)} MiB (+${grownMiB.toFixed(1)} MiB)`,
      );
      // The default in-flight budget is 16 MiB; a server that buffers every body grows by ~200 MiB.
      expect(grownMiB).toBeLessThan(48);
    } finally {
      for (const socket of sockets) socket.destroy();
      child.send('close');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);
});
