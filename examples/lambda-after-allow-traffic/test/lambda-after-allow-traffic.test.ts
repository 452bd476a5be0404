import type { CodeDeployHookEvent, HookResult } from '@greenlight/core';
import {
  type AwsServices,
  type LambdaHandler,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;
let services: AwsServices;
const ALARMS = ['orders-errors', 'orders-p99-latency'];

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  services = local.services!; // the Lambda, CloudWatch, ELBv2 and ECS slices on the same endpoint
  Object.assign(process.env, local.env, { ALARM_NAMES: ALARMS.join(',') });
});

afterAll(() => local.close());

beforeEach(() => {
  for (const name of ALARMS) services.cloudwatch.setAlarm(name, 'OK');
});

const version =
  (v: string): LambdaHandler =>
  async () => ({ status: 'ok', version: v });

/** Records `count` errors of `orders` version `v` through the `live` alias, as Lambda would publish them. */
function errorsOf(v: string, count: number): void {
  services.cloudwatch.putMetricData({
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: 'orders', Resource: 'orders:live', ExecutedVersion: v },
    points: [{ timestamp: Date.now() - 30_000, value: count }],
  });
}

/** Deploys `orders` version `to` over `from`; `during` runs when the hook is called (traffic has moved). */
async function deploy(from: string, to: string, during: () => void = () => {}) {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    during();
    results.push(await handler(event, context as unknown as Parameters<typeof handler>[1]));
  };
  const deployment = await local.deployLambda({
    functionName: 'orders',
    currentVersion: from,
    targetVersion: to,
    versions: { [from]: version(from), [to]: version(to) },
    config: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    autoRollback: true,
    hooks: { AfterAllowTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return { deployment, outcome, results };
}

const live = () => local.state.lambdaFunctions.get('orders')?.aliases.get('live')?.version;

describe('Lambda AfterAllowTraffic: alarms and the new version’s errors', () => {
  it('passes when the alarms are quiet and version 2 had no errors', async () => {
    const { outcome, results } = await deploy('1', '2', () => errorsOf('2', 0));
    expect(outcome.status).toBe('Succeeded');
    expect(results[0]?.checks.map((c) => [c.name, c.status])).toEqual([
      ['alarms', 'Succeeded'],
      ['errors', 'Succeeded'],
    ]);
    expect(live()).toBe('2');
  });

  it('fails when version 3 recorded errors after the traffic moved, and the alias rolls back to 2', async () => {
    const { deployment, outcome, results } = await deploy('2', '3', () => errorsOf('3', 4));
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(results[0]?.checks.find((c) => c.name === 'errors')).toMatchObject({ status: 'Failed' });
    expect(results[0]?.checks.find((c) => c.name === 'errors')?.reason).toContain('4');
    expect(deployment.timeline.find((e) => e.lifecycleEvent === 'AllowTraffic')?.status).toBe('Succeeded');
    expect(live()).toBe('2');
  });

  it('fails when an alarm is in ALARM, naming it', async () => {
    const { outcome, results } = await deploy('2', '4', () =>
      services.cloudwatch.setAlarm('orders-p99-latency', 'ALARM', 'Threshold Crossed: p99 2.4 s > 1 s'),
    );
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    const alarm = results[0]?.checks.find((c) => c.name === 'alarms');
    expect(alarm?.status).toBe('Failed');
    expect(alarm?.reason).toContain('orders-p99-latency');
    expect(live()).toBe('2');
  });
});
