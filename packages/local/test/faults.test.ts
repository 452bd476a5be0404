import { GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { expectAwsError } from './helpers/errors.js';
import { rawCall } from './helpers/raw.js';
import { clientFor, reportingHook } from './helpers/sdk.js';

describe('fault injection', () => {
  let local: LocalCodeDeploy;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
  });
  afterEach(async () => {
    await local.close();
  });

  const outcomes = (op: string) =>
    local.requests.filter((r) => r.operation === op).map((r) => r.errorType ?? r.status);

  it('throttles the next N calls as ThrottlingException, which the SDK retries as throttling', async () => {
    local.faults.inject('ListDeployments', { kind: 'throttle', times: 2 });
    const client = clientFor(local);
    const out = await client.send(new ListDeploymentsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(outcomes('ListDeployments')).toEqual(['ThrottlingException', 'ThrottlingException', 200]);
    local.faults.inject('ListDeployments', { kind: 'throttle', times: 1 });
    const once = clientFor(local, { maxAttempts: 1 });
    await expectAwsError(once.send(new ListDeploymentsCommand({})), 'ThrottlingException');
    client.destroy();
    once.destroy();
  });

  it('answers 500 InternalFailure and 503 ServiceUnavailable, which the SDK treats as transient', async () => {
    local.faults.inject('ListDeployments', { kind: 'error5xx', times: 1 });
    local.faults.inject('ListDeployments', { kind: 'error5xx', status: 503, times: 1 });
    const client = clientFor(local);
    const out = await client.send(new ListDeploymentsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(local.requests.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(outcomes('ListDeployments')).toEqual(['InternalFailure', 'ServiceUnavailable', 200]);
    client.destroy();
  });

  it('resets the connection, which the SDK retries', async () => {
    local.faults.inject('ListDeployments', { kind: 'reset', times: 1 });
    const client = clientFor(local);
    const out = await client.send(new ListDeploymentsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(outcomes('ListDeployments')).toEqual(['reset', 200]);
    const raw = await rawCall(local, 'ListDeployments', {});
    expect(raw.status).toBe(200);
    local.faults.inject('*', { kind: 'reset', times: 1 });
    await expect(rawCall(local, 'ListDeployments', {})).rejects.toThrow();
    client.destroy();
  });

  it('delays answers by delayMs (real time)', async () => {
    local.faults.inject('ListDeployments', { kind: 'delay', delayMs: 150, times: 1 });
    const started = Date.now();
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const again = Date.now();
    await rawCall(local, 'ListDeployments', {});
    expect(Date.now() - again).toBeLessThan(140);
  });

  it('applies a rate with a seeded random: reproducible, about the given fraction, only to the named operation', async () => {
    const run = async (target: LocalCodeDeploy) => {
      target.faults.inject('ListDeployments', { kind: 'throttle', rate: 0.3 });
      const pattern: number[] = [];
      for (let i = 0; i < 100; i++) pattern.push((await rawCall(target, 'ListDeployments', {})).status);
      expect((await rawCall(target, 'GetDeployment', { deploymentId: 'd-AAAAAAAAA' })).json.__type).toBe(
        'DeploymentDoesNotExistException',
      );
      return pattern;
    };
    const first = await run(local);
    const other = await startLocalCodeDeploy({ timeScale: 0 });
    const second = await run(other);
    await other.close();
    expect(first).toEqual(second);
    const throttled = first.filter((s) => s === 400).length;
    expect(throttled).toBeGreaterThan(15);
    expect(throttled).toBeLessThan(45);
  });

  it("applies '*' to every operation until clear()", async () => {
    local.faults.inject('*', { kind: 'error5xx', status: 503 });
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(503);
    expect((await rawCall(local, 'GetDeployment', {})).status).toBe(503);
    local.faults.clear();
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
    expect(() => local.faults.inject('*', { kind: 'explode' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'kind' }),
    );
    expect(() => local.faults.inject('*', { kind: 'throttle', rate: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'rate' }),
    );
    expect(() => local.faults.inject('*', { kind: 'delay', delayMS: 5 } as never)).toThrow(
      'Unknown option `delayMS` of faults.inject. Known options: kind, status, delayMs, times, rate',
    );
  });

  it('lets a hook that retries through throttling and 5xx still report exactly once', async () => {
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', times: 1 });
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'error5xx', times: 1 });
    const client = clientFor(local);
    const d = await local.deployLambda({
      functionName: 'f',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: reportingHook(client) },
    });
    expect((await d.done).status).toBe('Succeeded');
    expect(outcomes('PutLifecycleEventHookExecutionStatus')).toEqual([
      'ThrottlingException',
      'InternalFailure',
      200,
    ]);
    expect(local.reports.map((r) => r.outcome)).toEqual(['accepted']);
    await client.send(new GetDeploymentCommand({ deploymentId: d.deploymentId }));
    client.destroy();
  });
});
