import {
  CloudWatchClient,
  type CloudWatchClientConfig,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { awsCli, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { SmithyRpcV2CborProtocol } from '@smithy/core/cbor';
import { type LocalCodeDeploy, signRequest, startLocalCodeDeploy } from '../../src/index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const minute = 60_000;

describe('CloudWatch slice', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  let client: CloudWatchClient;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    client = new CloudWatchClient(aws.config);
    const cw = aws.services.cloudwatch;
    cw.setAlarm('orders-errors', 'ALARM', 'Threshold Crossed: 3 datapoints > 0', {
      metricName: 'Errors',
      dimensions: { FunctionName: 'orders' },
    });
    cw.setAlarm('orders-latency', 'OK');
    cw.setAlarm('orders-throttles', 'INSUFFICIENT_DATA');
    cw.setAlarm('payments-errors', 'OK');
    const dims = { FunctionName: 'orders', Resource: 'orders:live' };
    cw.putMetricData({
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: dims,
      points: [
        { timestamp: T0 + 10_000, value: 1 },
        { timestamp: T0 + 20_000, value: 2 },
        { timestamp: T0 + minute + 5_000, value: 0 },
      ],
    });
    cw.putMetricData({
      namespace: 'AWS/Lambda',
      metricName: 'Invocations',
      dimensions: dims,
      points: [
        { timestamp: new Date(T0 + 15_000), value: 60 },
        { timestamp: T0 + minute + 5_000, value: 0 },
      ],
    });
  });

  afterAll(async () => {
    client.destroy();
    await aws.close();
  });

  it('describes alarms by name, with their state, reason and metric', async () => {
    const out = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['orders-errors', 'missing'] }));
    expect(out.MetricAlarms).toHaveLength(1);
    expect(out.MetricAlarms?.[0]).toMatchObject({
      AlarmName: 'orders-errors',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-errors',
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed: 3 datapoints > 0',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
    });
    expect(out.MetricAlarms?.[0]?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(out.CompositeAlarms).toEqual([]);
  });

  it('filters by prefix and state, and pages with MaxRecords and NextToken', async () => {
    const prefixed = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'orders-' }));
    expect(prefixed.MetricAlarms?.map((a) => a.AlarmName)).toEqual([
      'orders-errors',
      'orders-latency',
      'orders-throttles',
    ]);
    const ok = await client.send(new DescribeAlarmsCommand({ StateValue: 'OK' }));
    expect(ok.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['orders-latency', 'payments-errors']);
    const page1 = await client.send(new DescribeAlarmsCommand({ MaxRecords: 3 }));
    const page2 = await client.send(new DescribeAlarmsCommand({ MaxRecords: 3, NextToken: page1.NextToken }));
    expect(page1.MetricAlarms).toHaveLength(3);
    expect(page2.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['payments-errors']);
    expect(page2.NextToken).toBeUndefined();
  });

  it('shares alarm states with the local CodeDeploy in both directions', async () => {
    aws.local.setAlarmState('orders-latency', 'ALARM');
    const out = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['orders-latency'] }));
    expect(out.MetricAlarms?.[0]?.StateValue).toBe('ALARM');
    aws.services.cloudwatch.setAlarm('orders-latency', 'OK');
    expect(aws.local.state.alarms.get('orders-latency')).toBe('OK');
  });

  it('answers a bad request with the query-compatible error the SDK names', async () => {
    await expect(
      client.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers GetMetricData with per-period statistics and metric math', async () => {
    const out = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 2 * minute),
        MetricDataQueries: [
          metricQuery('e', 'Errors', 'Sum', false),
          metricQuery('i', 'Invocations', 'Sum', false),
          { Id: 'rate', Expression: '100 * e / i', Label: 'error rate' },
          metricQuery('peak', 'Errors', 'Maximum', true),
        ],
      }),
    );
    expect(out.MetricDataResults).toEqual([
      { Id: 'rate', Label: 'error rate', Timestamps: [new Date(T0)], Values: [5], StatusCode: 'Complete' },
      {
        Id: 'peak',
        Label: 'Errors',
        Timestamps: [new Date(T0 + minute), new Date(T0)],
        Values: [0, 2],
        StatusCode: 'Complete',
      },
    ]);
  });

  it('rejects a GetMetricData call whose expression refers to an unknown id', async () => {
    await expect(
      client.send(
        new GetMetricDataCommand({
          StartTime: new Date(T0),
          EndTime: new Date(T0 + minute),
          MetricDataQueries: [{ Id: 'x', Expression: 'y * 2' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/unknown id "y"/),
    });
  });

  it('speaks Smithy RPCv2 CBOR to a client configured for it', async () => {
    const cbor = new CloudWatchClient({
      ...aws.config,
      protocol: SmithyRpcV2CborProtocol,
      protocolSettings: { defaultNamespace: 'com.amazonaws.cloudwatch' },
    } as CloudWatchClientConfig);
    const sent: { path: string; headers: Record<string, string> }[] = [];
    cbor.middlewareStack.add(
      (next) => async (args) => {
        sent.push(args.request as { path: string; headers: Record<string, string> });
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const alarms = await cbor.send(new DescribeAlarmsCommand({ AlarmNames: ['orders-errors'] }));
    expect(sent[0]?.path).toBe('/service/GraniteServiceVersion20100801/operation/DescribeAlarms');
    expect(sent[0]?.headers['smithy-protocol']).toBe('rpc-v2-cbor');
    expect(alarms.MetricAlarms?.[0]?.StateValue).toBe('ALARM');
    expect(alarms.MetricAlarms?.[0]?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    const data = await cbor.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + minute),
        MetricDataQueries: [metricQuery('e', 'Errors', 'Sum', true)],
      }),
    );
    expect(data.MetricDataResults?.[0]?.Values).toEqual([3]);
    cbor.destroy();
  });

  it('speaks awsQuery to a form-encoded request signed for monitoring', async () => {
    const body = 'Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=orders-errors';
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: new URL(aws.local.endpoint).host,
    };
    await signRequest(
      { method: 'POST', url: '/', headers, body },
      aws.config.credentials,
      'us-east-1',
      'monitoring',
      Date.now(),
    );
    const res = await fetch(`${aws.local.endpoint}/`, { method: 'POST', headers, body });
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toMatch(
      /^<DescribeAlarmsResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/">/,
    );
    expect(xml).toContain('<MetricAlarms><member><AlarmName>orders-errors</AlarmName>');
    expect(xml).toContain('<StateValue>ALARM</StateValue>');
    const bad = 'Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=a&AlarmNamePrefix=a';
    const badHeaders = { ...headers };
    await signRequest(
      { method: 'POST', url: '/', headers: badHeaders, body: bad },
      aws.config.credentials,
      'us-east-1',
      'monitoring',
      Date.now(),
    );
    const err = await fetch(`${aws.local.endpoint}/`, { method: 'POST', headers: badHeaders, body: bad });
    expect(err.status).toBe(400);
    expect(await err.text()).toContain('<Code>InvalidParameterCombination</Code>');
  });

  it('works with the AWS CLI (when installed)', async () => {
    const alarms = await awsCli(aws.local.endpoint, [
      'cloudwatch',
      'describe-alarms',
      '--alarm-names',
      'orders-errors',
      'orders-throttles',
    ]);
    if (!alarms) return;
    expect(alarms.code).toBe(0);
    expect(
      (alarms.json as { MetricAlarms: { AlarmName: string; StateValue: string }[] }).MetricAlarms,
    ).toEqual([
      expect.objectContaining({ AlarmName: 'orders-errors', StateValue: 'ALARM' }),
      expect.objectContaining({ AlarmName: 'orders-throttles', StateValue: 'INSUFFICIENT_DATA' }),
    ]);
    const queries = JSON.stringify([metricQuery('e', 'Errors', 'Sum', true)]);
    const data = await awsCli(aws.local.endpoint, [
      'cloudwatch',
      'get-metric-data',
      '--metric-data-queries',
      queries,
      '--start-time',
      new Date(T0).toISOString(),
      '--end-time',
      new Date(T0 + minute).toISOString(),
    ]);
    expect(data?.code).toBe(0);
    expect(data?.json).toMatchObject({
      MetricDataResults: [{ Id: 'e', Values: [3], StatusCode: 'Complete' }],
    });
    const bad = await awsCli(aws.local.endpoint, [
      'cloudwatch',
      'describe-alarms',
      '--alarm-names',
      'a',
      '--alarm-name-prefix',
      'a',
    ]);
    expect(bad?.code).not.toBe(0);
    expect(bad?.stderr).toMatch(/InvalidParameterCombination/);
  });
});

function metricQuery(id: string, metricName: string, stat: string, returnData: boolean) {
  return {
    Id: id,
    ReturnData: returnData,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [
          { Name: 'Resource', Value: 'orders:live' },
          { Name: 'FunctionName', Value: 'orders' },
        ],
      },
      Period: 60,
      Stat: stat,
    },
  };
}
