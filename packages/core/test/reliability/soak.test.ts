import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';

// `pnpm test:soak` raises these.
const DEPLOYMENTS = Number(process.env.GREENLIGHT_SOAK_DEPLOYMENTS ?? 1000);
const INVOCATIONS = Number(process.env.GREENLIGHT_SOAK_INVOCATIONS ?? 10_000);
/** The heap may grow by at most this much over INVOCATIONS warm invocations (measured: see docs/reliability.md). */
const HEAP_BOUND_BYTES = 4 * 1024 * 1024;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('soak', () => {
  let local: LocalCodeDeploy;
  afterEach(() => local?.close());

  it(`${DEPLOYMENTS} deployments at once, with random faults, all end with every hook status recorded exactly once`, async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, seed: 99 });
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', rate: 0.1 });
    local.faults.inject('PutLifecycleEventHookExecutionStatus', {
      kind: 'error5xx',
      status: 503,
      rate: 0.05,
    });
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'reset', rate: 0.05 });
    const client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const hook = createHook(
      { smoke: () => true },
      { client, logger: silent, retry: { baseDelayMs: 5, maxDelayMs: 50 } },
    );
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
    const outcomes = await Promise.all(handles.map((d) => d.done));
    expect(outcomes.filter((o) => o.status !== 'Succeeded')).toEqual([]);
    const accepted = new Map<string, number>();
    for (const r of local.reports) {
      if (r.outcome === 'accepted')
        accepted.set(
          r.lifecycleEventHookExecutionId!,
          (accepted.get(r.lifecycleEventHookExecutionId!) ?? 0) + 1,
        );
    }
    expect(accepted.size).toBe(DEPLOYMENTS * 2);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    // The faults really happened.
    expect(
      local.requests.filter((r) => r.operation === 'PutLifecycleEventHookExecutionStatus').length,
    ).toBeGreaterThan(DEPLOYMENTS * 2);
  }, 300_000);

  it(`a warm handler invoked ${INVOCATIONS} times keeps its heap within ${HEAP_BOUND_BYTES / 1024 / 1024} MiB`, async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    // A bare server answering every report: no state of its own, so only the handler's memory is measured.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = new CodeDeployClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        maxAttempts: 1,
      });
      const handler = createHook(
        { a: () => true, b: async () => ({ passed: true }) },
        { client, logger: silent },
      );
      const context = { getRemainingTimeInMillis: () => 30_000 };
      const run = async (n: number, from: number) => {
        for (let i = from; i < from + n; i++)
          await handler({ DeploymentId: 'd-SOAK00001', LifecycleEventHookExecutionId: `exec-${i}` }, context);
      };
      await run(1_000, 0);
      gc();
      const before = process.memoryUsage().heapUsed;
      await run(INVOCATIONS, 1_000);
      gc();
      const growth = process.memoryUsage().heapUsed - before;
      console.log(`heap growth over ${INVOCATIONS} invocations: ${(growth / 1024).toFixed(0)} KiB`);
      expect(growth).toBeLessThan(HEAP_BOUND_BYTES);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 300_000);

  it("core's runtime dependencies are the CodeDeploy client, the logger, the client's own @smithy/core and the dependency-free contract, nothing else", () => {
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
    const pkg = manifest(join(__dirname, '..', '..'));
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([
      '@aws-lambda-powertools/logger',
      '@aws-sdk/client-codedeploy',
      '@greenlight/contract',
      '@smithy/core',
    ]);
    expect(manifest(join(__dirname, '..', '..', '..', 'contract')).dependencies).toBeUndefined();
  });
});
