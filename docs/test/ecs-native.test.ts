// docs/test/ecs-native.test.ts
import { type Check, createEcsHook, createHook } from '@greenlight/core';
import { type EcsNativeHandler, simulateEcsNativeDeployment } from '@greenlight/local';

// The checks stay as they are: only the factory changes.
const testListener: Check = async ({ signal }) => {
  const res = await fetch(process.env.TEST_LISTENER_URL ?? 'http://127.0.0.1:9/health', { signal });
  return res.ok || { passed: false, reason: `test listener answered ${res.status}` };
};
const replicasWarm: Check = async (ctx) => {
  const target = await ctx.target();
  // On ECS native, a check may answer "not yet": the hook returns IN_PROGRESS and ECS calls again later.
  if (target.kind === 'ecs-native' && !process.env.WARM)
    return { passed: false, pending: true, reason: 'warming up' };
  return true;
};

export const codeDeployHook = createHook({ testListener, replicasWarm }); // AfterAllowTestTraffic
export const ecsNativeHook = createEcsHook({ replicasWarm }, { callBackDelay: 15, maxWaitMs: 10 * 60_000 }); // POST_TEST_TRAFFIC_SHIFT

it('answers IN_PROGRESS until the replicas are warm, then SUCCEEDED', async () => {
  let calls = 0;
  const hook: EcsNativeHandler = async (event, context) => {
    if (++calls === 3) process.env.WARM = '1';
    return ecsNativeHook(event as never, context);
  };
  try {
    const deployment = simulateEcsNativeDeployment({
      service: 'web',
      timeScale: 0,
      hooks: { POST_TEST_TRAFFIC_SHIFT: hook },
    });
    expect((await deployment.done).serviceDeploymentStatus).toBe('SUCCESSFUL');
    expect(deployment.invocations.map((i) => (i.response as { hookStatus: string }).hookStatus)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'SUCCEEDED',
    ]);
  } finally {
    delete process.env.WARM;
  }
});
