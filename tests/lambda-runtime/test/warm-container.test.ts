import { type Bundles, bundleHooks } from '../src/bundle.js';
import { violations } from '../src/invariants.js';
import { Lane } from '../src/lane.js';

// A warm container lives through many invocations: what one leaves behind, the next inherits. Twenty
// invocations against an endpoint whose answers stall after their headers must not use up the hook's
// connections: once the endpoint heals, the next invocation reports.
describe('a warm container after 20 invocations against a stalling endpoint', () => {
  let bundles: Bundles;
  let lane: Lane;

  beforeAll(async () => {
    bundles = await bundleHooks({ codedeploy: 'codedeploy-hook.ts' });
    lane = await Lane.start({
      name: 'warm',
      module: bundles.files.codedeploy!,
      timeoutMs: 800,
      timeScale: 2 / 3_600, // CodeDeploy's hour: 2 s
      hookRetries: 0,
      env: {
        CHECK_BEHAVIOUR: 'pass',
        CHECKS_TIMEOUT_MS: '50',
        RESERVE_MS: '700',
        ATTEMPT_TIMEOUT_MS: '100',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
  }, 30_000);
  afterAll(async () => {
    await lane?.close();
    await bundles?.dispose();
  });

  it('reports in the first invocation once the endpoint heals, and held no stalled connection open', async () => {
    lane.inject({ kind: 'stall' });
    const held: number[] = [];
    for (let n = 0; n < 20; n++) {
      const stalled = await lane.deploy();
      held.push(stalled.openConnections);
    }
    expect(lane.proxy.injected).toBeGreaterThanOrEqual(20);
    lane.clear({ endHeld: false }); // new requests are answered; the stalled ones stay stalled
    const healed = await lane.deploy();
    expect(violations(healed, 'Succeeded', { firstInvocation: true })).toEqual([]);
    // An abandoned attempt is aborted: at most one idle keep-alive connection stays between invocations.
    expect(Math.max(...held)).toBeLessThanOrEqual(1);
  }, 90_000);
});
