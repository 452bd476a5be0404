import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type EcsNativeHandler,
  type LocalCodeDeploy,
  simulateEcsNativeDeployment,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;
let testListener: Server;
/** What the green revision answers through the test listener. */
let status = 200;

beforeAll(async () => {
  // The local CodeDeploy's endpoint also serves ELBv2, which targetHealth asks.
  local = await startLocalCodeDeploy({ timeScale: 0 });
  testListener = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { status: 'ok' } : { status: 'error' }));
  });
  await new Promise<void>((resolve) => testListener.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, local.env, {
    TEST_LISTENER_URL: `http://127.0.0.1:${(testListener.address() as AddressInfo).port}`,
    TEST_TARGET_GROUP: 'orders-green',
  });
});

afterAll(async () => {
  await local.close();
  testListener.closeAllConnections();
  await new Promise((resolve) => testListener.close(resolve));
});

const healthy = (n: number) =>
  local.services!.elbv2.setTargetHealth(
    'orders-green',
    Array.from({ length: 2 }, (_, i) => ({
      id: `10.0.2.${10 + i}`,
      port: 80,
      state: i < n ? ('healthy' as const) : ('initial' as const),
    })),
  );

async function deploy(onInvocation: (attempt: number) => void = () => {}) {
  let attempt = 0;
  const hook: EcsNativeHandler = (event, context) => {
    onInvocation(++attempt);
    return handler(event as Parameters<typeof handler>[0], context);
  };
  const deployment = simulateEcsNativeDeployment({
    cluster: 'shop',
    service: 'orders',
    timeScale: 0,
    hooks: { POST_TEST_TRAFFIC_SHIFT: hook },
  });
  const outcome = await deployment.done;
  const answers = deployment.invocations
    .filter((i) => !i.rollback)
    .map((i) => (i.response as { hookStatus?: string } | undefined)?.hookStatus);
  return { deployment, outcome, answers };
}

describe('ECS native POST_TEST_TRAFFIC_SHIFT: the green revision through the test listener', () => {
  it('answers IN_PROGRESS while the green targets warm up, then SUCCEEDED', async () => {
    status = 200;
    healthy(0);
    const { outcome, answers } = await deploy((attempt) => healthy(Math.min(2, attempt - 1)));
    expect(outcome).toMatchObject({ status: 'Succeeded', serviceDeploymentStatus: 'SUCCESSFUL' });
    expect(answers).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED']);
  });

  it('answers FAILED when the green revision answers 500, and ECS rolls back', async () => {
    status = 500;
    healthy(2);
    const { outcome, answers, deployment } = await deploy();
    expect(outcome).toMatchObject({ status: 'Failed', serviceDeploymentStatus: 'ROLLBACK_SUCCESSFUL' });
    expect(answers).toEqual(['FAILED']);
    expect(deployment.timeline.find((t) => t.lifecycleEvent === 'POST_TEST_TRAFFIC_SHIFT')?.status).toBe(
      'Failed',
    );
  });

  it("reads the test target group from the service's hookDetails before the environment", async () => {
    status = 200;
    local.services!.elbv2.setTargetHealth('orders-blue', [
      { id: '10.0.1.10', port: 80, state: 'healthy' },
      { id: '10.0.1.11', port: 80, state: 'healthy' },
    ]);
    healthy(0); // the environment's group (orders-green) is not ready: only hookDetails can make this pass
    const hook: EcsNativeHandler = (event, context) =>
      handler(event as Parameters<typeof handler>[0], context);
    const deployment = simulateEcsNativeDeployment({
      cluster: 'shop',
      service: 'orders',
      timeScale: 0,
      hooks: { POST_TEST_TRAFFIC_SHIFT: { handler: hook, hookDetails: { testTargetGroup: 'orders-blue' } } },
    });
    expect((await deployment.done).serviceDeploymentStatus).toBe('SUCCESSFUL');
  });
});
