import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, report } from './helpers/sdk.js';

const fixtures = path.resolve('packages/local/test/fixtures');

describe('hook runners', () => {
  let local: LocalCodeDeploy;
  afterEach(async () => {
    await local?.close();
  });

  it('runs a module in a child process with a Lambda-like context and the env pointing here', async () => {
    expect(existsSync(path.join(fixtures, 'report-hook.mjs'))).toBe(true);
    local = await startLocalCodeDeploy({ timeScale: 0.005 }); // hook timeout: 18 s
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: { module: path.join(fixtures, 'report-hook.mjs'), timeoutMs: 20_000 },
        AfterAllowTraffic: { module: path.join(fixtures, 'report-hook.mjs'), env: { HOOK_STATUS: 'Failed' } },
      },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(d.timeline.map((e) => e.status)).toEqual(['Succeeded', 'Succeeded', 'Failed']);
    expect(local.reports.map((r) => `${r.status}:${r.outcome}`)).toEqual([
      'Succeeded:accepted',
      'Failed:accepted',
    ]);
    expect(d.timeline[0]?.attempts).toBe(1);
  }, 30_000);

  it('hard-kills a child that runs past its timeout, and counts it as a failed invocation', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0005, hookRetries: 0 }); // hook timeout: 1.8 s
    const pidFile = path.join(mkdtempSync(path.join(tmpdir(), 'greenlight-')), 'pid');
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: {
        BeforeAllowTraffic: {
          module: path.join(fixtures, 'hang-hook.mjs'),
          timeoutMs: 700,
          env: { PID_FILE: pidFile },
        },
      },
    });
    const outcome = await d.done;
    expect(outcome.status).toBe('Failed');
    expect(d.timeline[0]?.hookReason).toBe('Task timed out after 0.70 seconds');
    expect(d.timeline[0]?.diagnostics?.errorCode).toBe('ScriptTimedOut');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  }, 30_000);

  it('retries a child that crashes (CommonJS module), with its output as the reason', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001, hookRetries: 1, hookTimeoutMs: 600_000 }); // 600 ms
    const d = await local.deployLambda({
      functionName: 'fn',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: { module: path.join(fixtures, 'crash-hook.cjs') } },
    });
    const outcome = await d.done;
    await d.settled;
    expect(outcome.status).toBe('Failed');
    expect(d.timeline[0]?.attempts).toBe(2);
    expect(d.timeline[0]?.hookReason).toMatch(/exited with code 3/);
  }, 30_000);

  it('invokes through a Lambda Invoke endpoint (signed), retrying function errors', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.0001 });
    const client = clientFor(local);
    const seen: { path: string; auth: string; type: string }[] = [];
    const lambda = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({
        path: req.url ?? '',
        auth: String(req.headers.authorization),
        type: String(req.headers['x-amz-invocation-type']),
      });
      if (seen.length === 1) {
        res
          .writeHead(200, { 'x-amz-function-error': 'Unhandled' })
          .end('{"errorMessage":"cold start blew up"}');
        return;
      }
      try {
        await report(client, JSON.parse(Buffer.concat(chunks).toString('utf8')), 'Succeeded');
        res.writeHead(200).end('null');
      } catch (err) {
        res
          .writeHead(200, { 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorMessage: String(err) }));
      }
    });
    await new Promise<void>((r) => lambda.listen(0, '127.0.0.1', r));
    const port = (lambda.address() as AddressInfo).port;
    try {
      const d = await local.deployLambda({
        functionName: 'fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: {
          BeforeAllowTraffic: {
            invokeEndpoint: `http://127.0.0.1:${port}`,
            functionName: 'CodeDeployHook_pre',
          },
        },
      });
      expect((await d.done).status).toBe('Succeeded');
      await d.settled; // the second invocation has returned
      expect(d.timeline[0]).toMatchObject({
        attempts: 2,
        hookReason: expect.stringMatching(/cold start blew up/),
      });
      expect(seen[0]?.path).toBe('/2015-03-31/functions/CodeDeployHook_pre/invocations');
      expect(seen[0]?.auth).toMatch(
        /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/lambda\/aws4_request/,
      );
      expect(seen[0]?.type).toBe('RequestResponse');
    } finally {
      client.destroy();
      lambda.closeAllConnections();
      await new Promise((r) => lambda.close(r));
    }
  });
  it('times out an Invoke endpoint that keeps its answer trickling past the function timeout', async () => {
    local = await startLocalCodeDeploy({ timeScale: 0.001, hookRetries: 0 }); // hook timeout: 3.6 s
    // A function that sends its answer a byte at a time: the socket is never idle, the invocation never ends.
    const trickles = new Set<NodeJS.Timeout>();
    const lambda = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      trickles.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        trickles.delete(timer);
      });
    });
    await new Promise<void>((r) => lambda.listen(0, '127.0.0.1', r));
    const port = (lambda.address() as AddressInfo).port;
    try {
      const d = await local.deployLambda({
        functionName: 'fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: {
          BeforeAllowTraffic: {
            invokeEndpoint: `http://127.0.0.1:${port}`,
            functionName: 'CodeDeployHook_pre',
            timeoutMs: 300,
          },
        },
      });
      const outcome = await d.done;
      expect(outcome.status).toBe('Failed');
      expect(d.timeline[0]?.hookReason).toMatch(/Task timed out after 0\.30 seconds/);
      expect(trickles.size).toBe(0); // the request was aborted, not left running
    } finally {
      for (const timer of trickles) clearInterval(timer);
      lambda.closeAllConnections();
      await new Promise((r) => lambda.close(r));
    }
  }, 30_000);
});
