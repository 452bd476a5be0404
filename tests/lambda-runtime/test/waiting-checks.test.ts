import { type Bundles, bundleHooks } from '../src/bundle.js';
import { HealthServer } from '../src/health-server.js';
import { violations } from '../src/invariants.js';
import { Lane } from '../src/lane.js';

// The shipped checks that wait between two requests, in a hook bundled as deployed and run as Lambda runs it:
// every wait a pending check makes must keep the process alive, or the invocation ends at the first one.
describe('the shipped checks that wait, in the Lambda runtime', () => {
  let bundles: Bundles;
  let health: HealthServer;
  const lanes: Lane[] = [];
  const lane = async (name: string, exportName: string, path: string) => {
    const made = await Lane.start({
      name,
      module: bundles.files.waiting!,
      export: exportName,
      timeoutMs: 4_000,
      timeScale: 10 / 3_600,
      env: { HEALTH_URL: health.url(path), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    lanes.push(made);
    return made;
  };

  beforeAll(async () => {
    bundles = await bundleHooks({ waiting: 'waiting-checks-hook.ts' });
    health = await HealthServer.start();
  }, 30_000);
  beforeEach(() => health.reset());
  afterAll(async () => {
    await Promise.all(lanes.map((l) => l.close()));
    await health?.close();
    await bundles?.dispose();
  });

  it('http with successes: 3 waits between its requests and reports Succeeded in the first invocation', async () => {
    const run = await (await lane('http-streak', 'httpStreak', '/health')).deploy();
    expect(violations(run, 'Succeeded', { firstInvocation: true })).toEqual([]);
    expect(health.requests.get('/health')).toBe(3);
  });

  it('invokeTarget against a version that never answers reports Failed at the deadline, its request aborted', async () => {
    const smoke = await lane('smoke', 'smokeTest', '/health');
    smoke.local.services!.lambda.registerFunction('target', {
      '1': async () => ({ ok: true }),
      '2': () => new Promise(() => {}),
    });
    const run = await smoke.deploy();
    expect(violations(run, 'Failed', { firstInvocation: true })).toEqual([]);
    expect(run.hookEvent.hookReason).toMatch(/smoke: timed out after 300 ms/);
  });

  it('poll waits between its attempts until the endpoint is ready, and reports Succeeded', async () => {
    const run = await (await lane('poll', 'pollUntilReady', '/flaky')).deploy();
    expect(violations(run, 'Succeeded', { firstInvocation: true })).toEqual([]);
    expect(health.requests.get('/flaky')).toBe(3);
  });
});
