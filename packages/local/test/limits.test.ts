import { connect, type Socket } from 'node:net';
import { type LocalCodeDeploy, type LocalCodeDeployOptions, startLocalCodeDeploy } from '../src/index.js';
import { DUMMY_AUTH, rawCall } from './helpers/raw.js';

/** Request headers for ListDeployments declaring `length` body bytes. */
function head(local: LocalCodeDeploy, length: number): string {
  return (
    `POST / HTTP/1.1\r\nhost: ${new URL(local.endpoint).host}\r\ncontent-type: application/x-amz-json-1.1\r\n` +
    `x-amz-target: CodeDeploy_20141006.ListDeployments\r\nauthorization: ${DUMMY_AUTH}\r\n` +
    `content-length: ${length}\r\n\r\n`
  );
}

/** Opens a connection, sends `data`, and keeps it open (the caller destroys it). */
function openWith(local: LocalCodeDeploy, data: string): Promise<Socket> {
  const url = new URL(local.endpoint);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(data, () => resolve(socket)));
    socket.on('error', reject);
  });
}

/** Everything a socket receives until the server closes it. */
function answerOf(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}

describe('request limits', () => {
  let local: LocalCodeDeploy;
  const sockets: Socket[] = [];
  const start = async (options: LocalCodeDeployOptions) => {
    local = await startLocalCodeDeploy({ timeScale: 0, services: false, ...options });
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await local?.close();
  });

  it('answers a body that stalls past bodyTimeoutMs with 408 RequestTimeoutException and closes', async () => {
    await start({ bodyTimeoutMs: 200 });
    const socket = await openWith(local, `${head(local, 100)}{"next`);
    sockets.push(socket);
    const answer = await answerOf(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"__type":"RequestTimeoutException"');
    expect(local.requests.at(-1)).toMatchObject({ status: 408, errorType: 'RequestTimeoutException' });
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
  });

  it('refuses a body that does not fit maxInFlightBytes with 503 before reading it, then serves again', async () => {
    await start({ maxInFlightBytes: 1_000 });
    const body = JSON.stringify({ nextToken: 'x'.repeat(700) });
    // The first request holds 760 bytes of the budget while its body is incomplete.
    const first = await openWith(local, `${head(local, body.length)}${body.slice(0, 10)}`);
    sockets.push(first);
    const firstAnswer = answerOf(first);
    const refused = await rawCall(local, 'ListDeployments', body);
    expect([refused.status, refused.json.__type]).toEqual([503, 'ServiceUnavailable']);
    expect(refused.headers.get('connection')).toBe('close');
    // Small bodies still fit beside it.
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
    first.end(body.slice(10));
    expect(await firstAnswer).toMatch(/^HTTP\/1\.1 400 /); // an invalid token, but read and answered
    expect((await rawCall(local, 'ListDeployments', body)).status).toBe(400);
  });

  it('refuses a declared content-length over bodyLimit with 413 without reading the body', async () => {
    await start({ bodyLimit: 64 });
    const socket = await openWith(local, head(local, 10_000));
    sockets.push(socket);
    const answer = await answerOf(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"__type":"SerializationException"');
  });

  it('closes connections beyond maxConnections', async () => {
    await start({ maxConnections: 2 });
    const open = [await openWith(local, ''), await openWith(local, '')];
    sockets.push(...open);
    const url = new URL(local.endpoint);
    const third = connect(Number(url.port), url.hostname, () => third.write(`${head(local, 2)}{}`));
    sockets.push(third);
    expect(await answerOf(third)).toBe('');
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
  });

  it('keeps the newest logLimit requests and reports', async () => {
    await start({ logLimit: 8 });
    for (let i = 0; i < 20; i++) {
      await rawCall(local, 'PutLifecycleEventHookExecutionStatus', {
        deploymentId: `d-${String(i).padStart(9, '0')}`,
        lifecycleEventHookExecutionId: 'x',
        status: 'Succeeded',
      });
    }
    expect(local.requests.length).toBeLessThanOrEqual(8);
    expect(local.reports.length).toBeLessThanOrEqual(8);
    expect(local.reports.at(-1)?.deploymentId).toBe('d-000000019');
    expect(local.requests.at(-1)?.operation).toBe('PutLifecycleEventHookExecutionStatus');
    expect(local.reports.map((r) => r.deploymentId)).toEqual(
      Array.from(
        { length: local.reports.length },
        (_, i) => `d-${String(20 - local.reports.length + i).padStart(9, '0')}`,
      ),
    );
  });

  it('rejects bad limit options by name', async () => {
    await expect(startLocalCodeDeploy({ logLimit: 0 })).rejects.toThrow('`logLimit`');
    await expect(startLocalCodeDeploy({ maxInFlightBytes: -1 })).rejects.toThrow('`maxInFlightBytes`');
    await expect(startLocalCodeDeploy({ bodyTimeoutMs: 0 })).rejects.toThrow('`bodyTimeoutMs`');
    await expect(startLocalCodeDeploy({ signingRegions: [] })).rejects.toThrow('`signingRegions`');
  });
});
