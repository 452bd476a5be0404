import type { CodeDeployHookEvent, HookResult } from '@greenlight/core';
import {
  type LambdaHandler,
  type LambdaLikeContext,
  type LocalCodeDeploy,
  startLocalCodeDeploy,
} from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  Object.assign(process.env, local.env);
});

afterAll(() => local.close());

const healthy =
  (version: string): LambdaHandler =>
  async (event) =>
    (event as { action?: string }).action === 'quote'
      ? { status: 'ok', version, total: 19 }
      : { status: 'ok', version };
/** A version whose quotes come back empty: healthy, but wrong. */
const freeOfCharge: LambdaHandler = async (event) =>
  (event as { action?: string }).action === 'quote' ? { status: 'ok', total: 0 } : { status: 'ok' };
const broken: LambdaHandler = async () => {
  throw new Error('orders: DATABASE_URL is not set');
};

async function deploy(version2: LambdaHandler) {
  const results: HookResult[] = [];
  const hook = async (event: CodeDeployHookEvent, context: LambdaLikeContext) => {
    results.push((await handler(event, context as unknown as Parameters<typeof handler>[1])) as HookResult);
  };
  const deployment = await local.deployLambda({
    functionName: 'orders',
    currentVersion: '1',
    targetVersion: '2',
    versions: { '1': healthy('1'), '2': version2 },
    config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    autoRollback: true,
    hooks: { BeforeAllowTraffic: hook },
  });
  const outcome = await deployment.done;
  await deployment.settled;
  return { outcome, results };
}

describe('middy + Powertools BeforeAllowTraffic hook', () => {
  it('reports Succeeded for a healthy version 2, and the canary completes', async () => {
    const { outcome, results } = await deploy(healthy('2'));
    expect(outcome.status).toBe('Succeeded');
    expect(results[0]).toMatchObject({ status: 'Succeeded', reported: true });
    expect(local.state.lambdaFunctions.get('orders')?.aliases.get('live')?.version).toBe('2');
  });

  it('reports Failed with the function error for a broken version 2, and the deployment rolls back', async () => {
    const { outcome, results } = await deploy(broken);
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(results[0]?.status).toBe('Failed');
    expect(results[0]?.reason).toContain('orders:2 failed (Unhandled)');
    expect(results[0]?.reason).toContain('DATABASE_URL is not set');
    expect(local.state.lambdaFunctions.get('orders')?.aliases.get('live')?.version).toBe('1');
  });

  it('reports Failed when version 2 is healthy but quotes nothing', async () => {
    const { outcome, results } = await deploy(freeOfCharge);
    expect(outcome).toMatchObject({ status: 'Failed', rollbackStatus: 'Succeeded' });
    expect(results[0]?.reason).toBe('orders:2 quoted {"status":"ok","total":0}');
  });
});
