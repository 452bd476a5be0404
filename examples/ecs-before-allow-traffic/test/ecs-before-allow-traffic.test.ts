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
const orders: unknown[] = [];
let orderStatus = 201;
const ALARMS = ['orders-web-5xx', 'orders-web-latency'];

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  services = local.services!; // the Lambda, CloudWatch, ELBv2 and ECS slices on the same endpoint
  testListener = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      orders.push({
        method: req.method,
        url: req.url,
        smoke: req.headers['x-smoke-test'],
        body: JSON.parse(body || 'null'),
      });
      res.writeHead(orderStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify(orderStatus < 300 ? { status: 'ok', orderId: 'o-1' } : { status: 'error' }));
    });
  });
  await new Promise<void>((resolve) => testListener.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, local.env, {
    ALARM_NAMES: ALARMS.join(','),
    TEST_LISTENER_URL: `http://127.0.0.1:${(testListener.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await local.close();
  testListener.closeAllConnections();
  await new Promise((resolve) => testListener.close(resolve));
});

beforeEach(() => {
  orderStatus = 201;
  for (const name of ALARMS) services.cloudwatch.setAlarm(name, 'OK');
});

async function deploy() {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    results.push(await handler(event, context as unknown as Parameters<typeof handler>[1]));
  };
  const deployment = await local.deployEcs({
    cluster: 'shop',
    service: 'orders-web',
    autoRollback: true,
    hooks: { BeforeAllowTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return {
    deployment,
    outcome,
    byName: Object.fromEntries((results[0]?.checks ?? []).map((c) => [c.name, c])),
  };
}

const production = () =>
  local.state.ecsServices.get('shop:orders-web')?.taskSets.find((t) => t.trafficWeight === 100);

describe('ECS BeforeAllowTraffic: alarms and a smoke order before production moves', () => {
  it('passes with quiet alarms and an accepted smoke order, and production moves to the new tasks', async () => {
    const { outcome, byName } = await deploy();
    expect(outcome.status).toBe('Succeeded');
    expect(byName.alarms?.status).toBe('Succeeded');
    expect(byName.smokeOrder?.status).toBe('Succeeded');
    expect(orders.at(-1)).toEqual({
      method: 'POST',
      url: '/orders',
      smoke: 'greenlight',
      body: { sku: 'SMOKE-TEST', qty: 1, dryRun: true },
    });
    expect(production()?.taskDefinition).toBe('replacement:1');
  });

  it('fails when an alarm went off under test traffic, and production stays on the original tasks', async () => {
    services.cloudwatch.setAlarm('orders-web-5xx', 'ALARM', 'Threshold Crossed: 12 5XX in 1 minute');
    const before = production()?.identifer;
    const { deployment, outcome, byName } = await deploy();
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(byName.alarms?.reason).toContain('orders-web-5xx');
    expect(deployment.timeline.find((e) => e.lifecycleEvent === 'AllowTraffic')?.status).toBe('Skipped');
    expect(production()?.identifer).toBe(before);
  });

  it('fails when the smoke order is refused', async () => {
    orderStatus = 503;
    const { outcome, byName } = await deploy();
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(byName.smokeOrder?.reason).toContain('status 503');
  });
});
