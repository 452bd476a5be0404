import { type Bundles, bundleHooks } from '../src/bundle.js';
import { HealthServer } from '../src/health-server.js';
import { violations } from '../src/invariants.js';
import { type AnyFault, Lane } from '../src/lane.js';

// A middy hook (greenlight's middleware reports), bundled as deployed, run as Lambda runs it, under faults.
const SCENARIOS: readonly [string, AnyFault, 'Succeeded' | 'Failed', string][] = [
  ['a healthy endpoint, the report throttled once', { kind: 'throttle', times: 1 }, 'Succeeded', '/health'],
  [
    'a healthy endpoint, the report answered 503 three times',
    { kind: 'error5xx', status: 503, times: 3 },
    'Succeeded',
    '/health',
  ],
  [
    'a healthy endpoint, the report stalling after its headers once',
    { kind: 'stall', times: 1 },
    'Succeeded',
    '/health',
  ],
  ['a failing endpoint, the report reset once', { kind: 'reset', times: 1 }, 'Failed', '/down'],
];

describe('a middy hook in the Lambda runtime', () => {
  let bundles: Bundles;
  let health: HealthServer;
  const lanes: Lane[] = [];

  beforeAll(async () => {
    bundles = await bundleHooks({ middy: 'middy-hook.ts' });
    health = await HealthServer.start();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(lanes.map((l) => l.close()));
    await health?.close();
    await bundles?.dispose();
  });

  it.each(SCENARIOS)(
    '%s: reports %s once, in the first invocation, leaving nothing behind',
    async (_, fault, expected, path) => {
      const lane = await Lane.start({
        name: `middy-${lanes.length}`,
        module: bundles.files.middy!,
        timeoutMs: 3_000,
        timeScale: 10 / 3_600,
        env: { HEALTH_URL: health.url(path), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      lanes.push(lane);
      lane.inject(fault);
      const run = await lane.deploy();
      expect(violations(run, expected, { firstInvocation: true })).toEqual([]);
    },
  );
});
