import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CheckCallError } from '@greenlight/checks';
import { alarms } from '@greenlight/checks/alarms';
import { type CheckVerdict, createHook, type HookResult } from '@greenlight/core';
import { toVerdict } from '@greenlight/core/internal';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { createGroupWithAlarms, deploymentGroupLookup } from '@greenlight/test-support/codedeploy-groups';
import { codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { checkContext, deadlineSignal, timed } from './helpers/context.js';

describe('alarms', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: CloudWatchClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    client = new CloudWatchClient(aws.config);
    const cw = aws.services.cloudwatch;
    cw.setAlarm('orders-errors', 'OK');
    cw.setAlarm('orders-latency', 'OK');
    cw.setAlarm('orders-throttles', 'INSUFFICIENT_DATA');
    cw.setAlarm('payments-errors', 'ALARM', 'Threshold Crossed: 1 datapoint [4.0] > 0');
    for (let i = 0; i < 120; i++)
      cw.setAlarm(`bulk-${String(i).padStart(3, '0')}`, i === 117 ? 'ALARM' : 'OK');
    await createGroupWithAlarms(aws, 'shop', 'orders-group', ['orders-errors', 'orders-latency']);
    await createGroupWithAlarms(aws, 'shop', 'payments-group', ['payments-errors', 'orders-errors']);
    await createGroupWithAlarms(aws, 'shop', 'quiet-group', ['payments-errors'], false);
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  const run = async (options: Parameters<typeof alarms>[0], group?: string): Promise<CheckVerdict> =>
    toVerdict(
      await alarms({ client, ...options })(
        checkContext(group ? { deploymentGroup: deploymentGroupLookup(aws, 'shop', group) } : {}),
      ),
    );

  it('passes when every named alarm is OK', async () => {
    expect(await run({ names: ['orders-errors', 'orders-latency'] })).toEqual({
      passed: true,
      reason: '2 alarms checked: orders-errors OK, orders-latency OK',
    });
  });

  it('fails when an alarm is in ALARM and names it with its reason', async () => {
    expect(await run({ names: ['orders-errors', 'payments-errors'] })).toEqual({
      passed: false,
      reason: '1 alarm in ALARM: payments-errors (Threshold Crossed: 1 datapoint [4.0] > 0)',
    });
  });

  it('checks every alarm with a prefix, across pages', async () => {
    expect((await run({ prefix: 'orders-' })).passed).toBe(true);
    expect(await run({ prefix: 'bulk-' })).toEqual({
      passed: false,
      reason: '1 alarm in ALARM: bulk-117 (Set by a test to ALARM)',
    });
    expect(await run({ prefix: 'nothing-' })).toEqual({
      passed: false,
      reason: 'no alarms starting with "nothing-"',
    });
  });

  it('treats INSUFFICIENT_DATA as passing unless told otherwise', async () => {
    expect((await run({ names: ['orders-throttles'] })).passed).toBe(true);
    expect(await run({ names: ['orders-throttles'], insufficientData: 'fail' })).toEqual({
      passed: false,
      reason: '1 alarm in INSUFFICIENT_DATA: orders-throttles',
    });
  });

  it('fails for a named alarm that does not exist, unless missing alarms pass', async () => {
    expect(await run({ names: ['orders-errors', 'ghost'] })).toEqual({
      passed: false,
      reason: '1 alarm not found: ghost',
    });
    expect((await run({ names: ['orders-errors', 'ghost'], missing: 'pass' })).passed).toBe(true);
  });

  it("reads the deployment group's own alarm configuration", async () => {
    expect(await run({}, 'orders-group')).toEqual({
      passed: true,
      reason: '2 alarms checked: orders-errors OK, orders-latency OK',
    });
    expect((await run({}, 'payments-group')).reason).toBe(
      '1 alarm in ALARM: payments-errors (Threshold Crossed: 1 datapoint [4.0] > 0)',
    );
    expect(await run({}, 'quiet-group')).toEqual({
      passed: true,
      reason: 'the deployment group has no alarms configured',
    });
    // A group that cannot be read (here: none in the context) fails the check with the look-up's error.
    await expect(alarms({ client })(checkContext())).rejects.toThrow(
      /no deployment group in this test context/,
    );
  });

  it('sees an alarm the local CodeDeploy set', async () => {
    aws.local.setAlarmState('orders-latency', 'ALARM');
    try {
      expect((await run({ names: ['orders-latency'] })).reason).toBe(
        '1 alarm in ALARM: orders-latency (State set to ALARM by the local CodeDeploy)',
      );
    } finally {
      aws.services.cloudwatch.setAlarm('orders-latency', 'OK');
    }
  });

  it('throws a CheckCallError when DescribeAlarms fails', async () => {
    aws.local.faults.inject('DescribeAlarms', { kind: 'error5xx', status: 503, times: 1 });
    const failing = alarms({ client, names: ['orders-errors'] })(checkContext());
    await expect(failing).rejects.toBeInstanceOf(CheckCallError);
    await expect(alarms({ client, names: ['orders-errors'] })(checkContext())).resolves.toMatchObject({
      passed: true,
    });
  });

  it('ends promptly when the hook deadline fires mid-request', async () => {
    aws.local.faults.inject('DescribeAlarms', { kind: 'delay', delayMs: 3_000, times: 1 });
    const check = alarms({ client, names: ['orders-errors'] });
    const { value, ms } = await timed(async () =>
      toVerdict(await check(checkContext({ signal: deadlineSignal(100) }))),
    );
    expect(value).toEqual({ passed: false, reason: 'timed out after 100 ms while describing alarms' });
    expect(ms).toBeLessThan(1_000);
  });

  it('fails an AfterAllowTraffic hook of a local Lambda deployment while an alarm fires', async () => {
    const codedeploy = codeDeployClient(aws);
    const results: HookResult[] = [];
    const hook = createHook(
      { alarms: alarms({ client, names: ['payments-errors'] }) },
      { client: codedeploy },
    );
    const d = await aws.local.deployLambda({
      functionName: 'payments',
      currentVersion: '1',
      targetVersion: '2',
      autoRollback: true,
      hooks: {
        AfterAllowTraffic: async (event, context) => {
          const result = await hook(event, context as never);
          results.push(result);
          return result;
        },
      },
    });
    const outcome = await d.done;
    await d.settled;
    expect(outcome.status).toBe('Failed');
    expect(outcome.rollbackDeploymentId).toEqual(expect.any(String));
    expect(results[0]?.reason).toBe(
      'alarms: 1 alarm in ALARM: payments-errors (Threshold Crossed: 1 datapoint [4.0] > 0)',
    );
    codedeploy.destroy();
  });

  it('rejects unknown and malformed options with a TypeError that names them', () => {
    expect(() => alarms({ alarmNames: ['a'] } as never)).toThrow(
      'Unknown option `alarmNames` of alarms(). Known options: names, prefix, insufficientData, missing, client',
    );
    expect(() => alarms({ names: [] })).toThrow(
      'Expected `names` to be a non-empty array of non-empty strings, got []',
    );
    expect(() => alarms({ names: ['a'], prefix: 'a' })).toThrow('give `names` or `prefix`, not both');
    expect(() => alarms({ insufficientData: 'ignore' as never })).toThrow(
      /Expected `insufficientData` to be one of "pass", "fail"/,
    );
  });
});
