import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CodeDeployHookEvent, HookResult } from '@greenlight/core';
import {
  type AwsServices,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;
let services: AwsServices;
let testListener: Server;
/** What the replacement tasks answer through the test listener. */
let status = 200;

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  services = local.services!; // the Lambda, CloudWatch, ELBv2 and ECS slices on the same endpoint
  testListener = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { status: 'ok' } : { status: 'error', message: 'no database' }));
  });
  await new Promise<void>((resolve) => testListener.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, local.env, {
    TEST_LISTENER_URL: `http://127.0.0.1:${(testListener.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await local.close();
  testListener.closeAllConnections();
  await new Promise((resolve) => testListener.close(resolve));
});

async function deploy(service: string, targetGroups: readonly [string, string]) {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    results.push(await handler(event, context as unknown as Parameters<typeof handler>[1]));
  };
  const deployment = await local.deployEcs({
    cluster: 'shop',
    service,
    targetGroups,
    desiredCount: 2,
    autoRollback: true,
    hooks: { AfterAllowTestTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  const byName = Object.fromEntries((results[0]?.checks ?? []).map((c) => [c.name, c]));
  return { deployment, outcome, byName };
}

describe('ECS AfterAllowTestTraffic: the new tasks through the test listener', () => {
  it('passes when the test listener answers well and the new target group is healthy', async () => {
    status = 200;
    const { outcome, byName } = await deploy('orders', ['orders-blue', 'orders-green']);
    expect(outcome.status).toBe('Succeeded');
    expect(byName.health?.status).toBe('Succeeded');
    expect(byName.targets).toMatchObject({ status: 'Succeeded' });
    expect(byName.targets?.reason).toContain('orders-green');
  });

  it('fails when the new tasks answer 500, and production never moves (rollback)', async () => {
    status = 500;
    const { deployment, outcome, byName } = await deploy('orders', ['orders-blue', 'orders-green']);
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(byName.health?.status).toBe('Failed');
    expect(byName.health?.reason).toContain('status 500');
    const events = Object.fromEntries(deployment.timeline.map((e) => [e.lifecycleEvent, e.status]));
    expect(events).toMatchObject({ AfterAllowTestTraffic: 'Failed', AllowTraffic: 'Skipped' });
    const service = local.state.ecsServices.get('shop:orders');
    expect(service?.taskSets.find((t) => t.trafficWeight === 100)?.taskSetLabel).toBe('Blue');
  });

  it('fails when the new target group has unhealthy targets, naming the reason', async () => {
    status = 200;
    services.elbv2.setTargetHealth('payments-green', [
      { id: '10.0.2.10', port: 80, state: 'healthy' },
      { id: '10.0.2.11', port: 80, state: 'unhealthy', reason: 'Target.FailedHealthChecks' },
    ]);
    const { outcome, byName } = await deploy('payments', ['payments-blue', 'payments-green']);
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(byName.targets?.status).toBe('Failed');
    expect(byName.targets?.reason).toContain('Target.FailedHealthChecks');
  });
});
