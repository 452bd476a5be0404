import { request } from 'node:http';
import { isGreenlightError } from '@greenlight/contract';
import { type LocalCodeDeploy, type ServiceHandler, startLocalCodeDeploy } from '../src/index.js';
import { DUMMY_AUTH, rawCall } from './helpers/raw.js';

describe('awsJson1_1 protocol edges', () => {
  let local: LocalCodeDeploy;
  beforeEach(async () => {
    // No default slices: one test mounts its own handler on the Lambda path.
    local = await startLocalCodeDeploy({ timeScale: 0, services: false });
  });
  afterEach(async () => {
    await local.close();
  });

  it('listens on 127.0.0.1 on a free port by default', () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.env).toEqual({
      AWS_ENDPOINT_URL_CODEDEPLOY: local.endpoint,
      AWS_ENDPOINT_URL: local.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  });

  it('answers errors as HTTP 400 {"__type","message"} with x-amzn-errortype and a request id', async () => {
    const res = await rawCall(local, 'GetDeployment', { deploymentId: 'd-AAAAAAAAA' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      __type: 'DeploymentDoesNotExistException',
      message: expect.stringContaining('d-AAAAAAAAA'),
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('DeploymentDoesNotExistException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('answers unknown operations and unknown targets with UnknownOperationException', async () => {
    expect((await rawCall(local, 'DeleteEverything', {})).json.__type).toBe('UnknownOperationException');
    const other = await rawCall(local, 'x', {}, { 'x-amz-target': 'Foo_2020.Bar' });
    expect([other.status, other.json.__type]).toEqual([400, 'UnknownOperationException']);
    const res = await fetch(`${local.endpoint}/anything`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('answers malformed JSON and non-object bodies with SerializationException', async () => {
    for (const body of ['{"deploymentId":', '[1,2]', '"str"', 'null', '\u0000\u0001']) {
      const res = await rawCall(local, 'GetDeployment', body);
      expect([res.status, res.json.__type]).toEqual([400, 'SerializationException']);
    }
    const typed = await rawCall(local, 'GetDeployment', { deploymentId: ['d-AAAAAAAAA'] });
    expect(typed.json.__type).toBe('SerializationException');
  });

  it('refuses bodies over the limit with 413 and keeps serving', async () => {
    const res = await rawCall(
      local,
      'GetDeployment',
      JSON.stringify({ deploymentId: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(res.json.__type).toBe('SerializationException');
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
  });

  it('refuses unsigned requests and malformed Authorization headers as AWS does', async () => {
    const unsigned = await rawCall(local, 'ListDeployments', {}, { authorization: '' });
    expect(unsigned.json.__type).toBe('MissingAuthenticationTokenException');
    const malformed = await rawCall(
      local,
      'ListDeployments',
      {},
      { authorization: 'AWS4-HMAC-SHA256 garbage' },
    );
    expect(malformed.json.__type).toBe('IncompleteSignatureException');
    expect((await rawCall(local, 'ListDeployments', {}, { authorization: DUMMY_AUTH })).status).toBe(200);
  });

  it('survives a client that hangs up mid-body', async () => {
    const url = new URL(local.endpoint);
    await new Promise<void>((resolve) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"deploy');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    expect((await rawCall(local, 'ListDeployments', {})).status).toBe(200);
  });

  it('records every request with its operation, status and error type', async () => {
    await rawCall(local, 'ListDeployments', {});
    await rawCall(local, 'GetDeployment', {});
    expect(local.requests.map((r) => [r.operation, r.status, r.errorType])).toEqual([
      ['ListDeployments', 200, undefined],
      ['GetDeployment', 400, 'DeploymentIdRequiredException'],
    ]);
  });

  it('mounts other service slices on the same server, with faults by their operation names', async () => {
    const echo: ServiceHandler = {
      name: 'echo',
      matches: (req) => req.path.startsWith('/2015-03-31/functions/'),
      operation: () => 'Invoke',
      handle: async (req) => ({
        status: 200,
        headers: { 'x-signing': String(req.signingService) },
        body: req.body,
      }),
    };
    local.mount(echo);
    const call = () =>
      fetch(`${local.endpoint}/2015-03-31/functions/f/invocations`, {
        method: 'POST',
        headers: { authorization: DUMMY_AUTH.replace('/codedeploy/', '/lambda/') },
        body: '{"ping":1}',
      });
    const res = await call();
    expect([res.status, res.headers.get('x-signing'), await res.text()]).toEqual([
      200,
      'lambda',
      '{"ping":1}',
    ]);
    local.faults.inject('Invoke', { kind: 'throttle', times: 1 });
    const throttled = await call();
    expect([throttled.status, ((await throttled.json()) as { __type: string }).__type]).toEqual([
      400,
      'ThrottlingException',
    ]);
    expect(local.requests.at(-1)).toMatchObject({
      service: 'echo',
      operation: 'Invoke',
      errorType: 'ThrottlingException',
    });
  });
});

describe('options and lifecycle', () => {
  it('rejects unknown and bad options with an error that names the option', async () => {
    await expect(startLocalCodeDeploy({ timeScal: 0 } as never)).rejects.toThrow('Unknown option `timeScal`');
    await expect(startLocalCodeDeploy({ timeScale: -1 })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', option: 'timeScale' }),
    );
    const error = await startLocalCodeDeploy({ hookRetries: 3 as never }).catch((e: unknown) => e);
    // One error design across the packages: a GreenlightError, matched on its code.
    expect(isGreenlightError(error, 'INVALID_OPTIONS')).toBe(true);
    expect(error).toMatchObject({
      option: 'hookRetries',
      message: 'Expected `hookRetries` to be one of 0, 1, 2, got 3',
    });
    // An option left undefined takes its default (it used to override it).
    const local = await startLocalCodeDeploy({ timeScale: undefined, port: undefined });
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await local.close();
  });

  it('closes idempotently, stops running deployments and refuses new ones', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 1 });
    const d = await local.deployLambda({
      functionName: 'f',
      currentVersion: '1',
      targetVersion: '2',
      config: 'CodeDeployDefault.LambdaCanary10Percent30Minutes',
    });
    await Promise.all([local.close(), local.close()]);
    expect((await d.done).status).toBe('Stopped');
    await expect(
      local.deployLambda({ functionName: 'f', currentVersion: '1', targetVersion: '2' }),
    ).rejects.toThrow(/closed/);
    await expect(fetch(`${local.endpoint}/`)).rejects.toThrow();
  });
});
