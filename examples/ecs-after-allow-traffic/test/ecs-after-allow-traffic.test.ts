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
let productionListener: Server;
/** What the tasks behind the production listener answer. */
let status = 200;
const ALARMS = ['orders-web-5xx'];

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  services = local.services!; // the Lambda, CloudWatch, ELBv2 and ECS slices on the same endpoint
  productionListener = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { status: 'ok' } : { status: 'error' }));
  });
  await new Promise<void>((resolve) => productionListener.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, local.env, {
    ALARM_NAMES: ALARMS.join(','),
    PRODUCTION_LISTENER_URL: `http://127.0.0.1:${(productionListener.address() as AddressInfo).port}/`,
  });
});

afterAll(async () => {
  await local.close();
  productionListener.closeAllConnections();
  await new Promise((resolve) => productionListener.close(resolve));
});

beforeEach(() => {
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
    config: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    autoRollback: true,
    hooks: { AfterAllowTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return {
    deployment,
    outcome,
    byName: Object.fromEntries((results[0]?.checks ?? []).map((c) => [c.name, c])),
  };
}

const serving = () =>
  local.state.ecsServices.get('shop:orders-web')?.taskSets.filter((t) => t.trafficWeight > 0);

describe('ECS AfterAllowTraffic: production after the traffic moved', () => {
  it('passes when production answers well and alarms are quiet; the original task set is removed', async () => {
    status = 200;
    const { outcome, byName } = await deploy();
    expect(outcome.status).toBe('Succeeded');
    expect(byName.production?.reason).toContain('5 consecutive successes');
    expect(byName.alarms?.status).toBe('Succeeded');
    expect(serving()?.map((t) => [t.taskSetLabel, t.trafficWeight])).toEqual([['Green', 100]]);
  });

  it('fails when production answers 500 after the move, and traffic goes back to the original task set', async () => {
    status = 500;
    const { deployment, outcome, byName } = await deploy();
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(byName.production?.status).toBe('Failed');
    expect(byName.production?.reason).toContain('status 500');
    expect(deployment.timeline.find((e) => e.lifecycleEvent === 'AllowTraffic')?.status).toBe('Succeeded');
    expect(serving()?.map((t) => [t.taskSetLabel, t.trafficWeight])).toEqual([['Blue', 100]]);
  });
});
