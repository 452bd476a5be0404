import {
  type ModuleFunction,
  type ModuleInvocation,
  moduleFunction,
  simulateEcsNativeDeployment,
} from '@greenlight/local';
import { type Bundles, bundleHooks } from '../src/bundle.js';
import { HealthServer } from '../src/health-server.js';

// Amazon ECS native blue/green hooks (createEcsHook), bundled as deployed: the simulated ECS deployment calls
// each invocation through a warm Lambda-like container, which answers with what the handler returned.
describe('an ECS native hook in the Lambda runtime', () => {
  let bundles: Bundles;
  let health: HealthServer;
  const functions: ModuleFunction[] = [];
  const hook = (exportName: string, path: string, seen: ModuleInvocation[]) => {
    const fn = moduleFunction(
      { module: bundles.files.ecs!, export: exportName, timeoutMs: 3_000, onInvocation: (i) => seen.push(i) },
      {
        functionName: exportName,
        env: { HEALTH_URL: health.url(path), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    functions.push(fn);
    return fn;
  };

  beforeAll(async () => {
    bundles = await bundleHooks({ ecs: 'ecs-native-hook.ts' });
    health = await HealthServer.start();
  }, 30_000);
  beforeEach(() => health.reset());
  afterAll(async () => {
    await Promise.all(functions.map((f) => f.close()));
    await health?.close();
    await bundles?.dispose();
  });

  it('answers SUCCEEDED after http with successes: 3 waited between its requests, leaving nothing behind', async () => {
    const seen: ModuleInvocation[] = [];
    const fn = hook('httpStreak', '/health', seen);
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0.001,
      hooks: { POST_TEST_TRAFFIC_SHIFT: fn.handler },
    });
    const outcome = await d.done;
    expect(seen.map((i) => [i.outcome, i.error ?? '', i.leftBehind])).toEqual([['returned', '', []]]);
    expect(outcome.serviceDeploymentStatus).toBe('SUCCESSFUL');
    expect(d.invocations.map((i) => (i.response as { hookStatus?: string } | undefined)?.hookStatus)).toEqual(
      ['SUCCEEDED'],
    );
    expect(health.requests.get('/health')).toBe(3);
  });

  it('answers IN_PROGRESS while the endpoint is not ready, then SUCCEEDED, from the same warm container', async () => {
    health.failures = 1;
    const seen: ModuleInvocation[] = [];
    const fn = hook('pollUntilReady', '/flaky', seen);
    const d = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0.001,
      hooks: { POST_TEST_TRAFFIC_SHIFT: fn.handler },
    });
    const outcome = await d.done;
    expect(outcome.serviceDeploymentStatus).toBe('SUCCESSFUL');
    expect(d.invocations.map((i) => (i.response as { hookStatus?: string } | undefined)?.hookStatus)).toEqual(
      ['IN_PROGRESS', 'SUCCEEDED'],
    );
    expect(seen.map((i) => [i.outcome, i.coldStart, i.leftBehind])).toEqual([
      ['returned', true, []],
      ['returned', false, []],
    ]);
  });
});
