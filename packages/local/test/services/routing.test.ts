import { GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { codeDeployClient, type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { type LocalCodeDeploy, signRequest, startLocalCodeDeploy } from '../../src/index.js';
import { createAwsServices, createServicesState } from '../../src/services/index.js';

describe('service routing on the shared local server', () => {
  let aws: LocalAws<LocalCodeDeploy>;

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
  });

  afterAll(() => aws.close());

  async function signedPost(service: string, body: string, headers: Record<string, string>, path = '/') {
    const all = { ...headers, host: new URL(aws.local.endpoint).host };
    await signRequest(
      { method: 'POST', url: path, headers: all, body },
      aws.config.credentials,
      'us-east-1',
      service,
      Date.now(),
    );
    const res = await fetch(`${aws.local.endpoint}${path}`, { method: 'POST', headers: all, body });
    return { status: res.status, body: await res.text(), type: res.headers.get('x-amzn-errortype') };
  }

  it('tells two awsQuery services apart by the signing service in the credential scope', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const body = 'Action=DescribeTargetHealth&Version=2015-12-01';
    const elb = await signedPost('elasticloadbalancing', body, form);
    expect(elb.body).toContain('<Code>ValidationError</Code>');
    const cloudwatch = await signedPost('monitoring', body, form);
    expect(cloudwatch.body).toContain('<Code>InvalidAction</Code>');
    expect(aws.local.requests.slice(-2).map((r) => [r.service, r.operation])).toEqual([
      ['elasticloadbalancing', 'DescribeTargetHealth'],
      ['cloudwatch', 'DescribeTargetHealth'],
    ]);
  });

  it('answers a request signed for lambda at a path it does not serve in the Lambda error shape', async () => {
    const res = await signedPost('lambda', '', {}, '/2015-03-31/functions/f/configuration');
    expect(res.status).toBe(400);
    expect(res.type).toBe('UnknownOperationException');
    expect(JSON.parse(res.body)).toEqual({
      Type: 'User',
      message: 'The local Lambda implements Invoke only',
    });
  });

  it('leaves CodeDeploy requests to the local CodeDeploy', async () => {
    const client = codeDeployClient(aws);
    await expect(
      client.send(new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' })),
    ).rejects.toMatchObject({
      name: 'DeploymentDoesNotExistException',
    });
    client.destroy();
  });

  it('renders injected faults in each service protocol', async () => {
    aws.local.faults.inject('DescribeTargetHealth', { kind: 'throttle', times: 1 });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const res = await signedPost(
      'elasticloadbalancing',
      'Action=DescribeTargetHealth&Version=2015-12-01',
      form,
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>Throttling</Code>');
  });

  it('validates its own options strictly', () => {
    expect(() => createAwsServices(createServicesState(), { regoin: 'eu-west-1' } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'regoin',
        message: expect.stringContaining(
          'Unknown option `regoin` of createAwsServices. Known options: region, accountId, random, now, functionTimeoutMs',
        ),
      }),
    );
    expect(() => createAwsServices(undefined, { functionTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'functionTimeoutMs' }),
    );
    const standalone = createAwsServices();
    expect(standalone.handlers.map((h) => h.name)).toEqual([
      'lambda',
      'cloudwatch',
      'elasticloadbalancing',
      'ecs',
    ]);
  });
});
