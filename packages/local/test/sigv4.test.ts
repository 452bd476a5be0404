import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { parseAuthorization } from '../src/http/request.js';
import {
  type LocalCodeDeploy,
  type ParsedRequest,
  signRequest,
  startLocalCodeDeploy,
  verifySignature,
} from '../src/index.js';
import { expectAwsError } from './helpers/errors.js';
import { DUMMY_AUTH } from './helpers/raw.js';
import { clientFor } from './helpers/sdk.js';
import { httpRequest, rawHttp } from './helpers/wire.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

interface Vector {
  readonly name: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
  readonly authorization: string;
}

/** The AWS SigV4 test suite as smithy ships it (copied into the repository with its notice). */
const SUITE = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sigv4-test-suite', 'vectors.json'), 'utf8'),
) as {
  region: string;
  service: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  signingDate: string;
  requests: Vector[];
};

const uriEscape = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A vector as the server would have parsed it off the wire. */
function parsedVector(v: Vector, authorization = v.authorization): ParsedRequest {
  const query = Object.entries(v.request.query)
    .map(([k, val]) => `${uriEscape(k)}=${uriEscape(val)}`)
    .join('&');
  const url = query ? `${v.request.path}?${query}` : v.request.path;
  const headers = { ...v.request.headers, authorization };
  const auth = parseAuthorization(authorization);
  return {
    method: v.request.method,
    url,
    path: v.request.path,
    query: v.request.query,
    headers,
    body: Buffer.from(v.request.body ?? ''),
    target: undefined,
    authorization: auth,
    signingService: auth?.service,
    authorizationHeaders: 1,
  };
}

describe('the SigV4 verifier against the AWS test suite', () => {
  const now = Date.parse(SUITE.signingDate);

  it.each(SUITE.requests.map((v) => [v.name, v] as const))('accepts %s', async (_, vector) => {
    expect(await verifySignature(parsedVector(vector), SUITE.credentials, now)).toBeUndefined();
  });

  it.each(SUITE.requests.map((v) => [v.name, v] as const))(
    'refuses %s with one signature digit changed',
    async (_, vector) => {
      const flipped = vector.authorization.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      expect(await verifySignature(parsedVector(vector, flipped), SUITE.credentials, now)).toEqual({
        type: 'InvalidSignatureException',
        message: expect.stringContaining('signature we calculated does not match'),
      });
    },
  );

  it('refuses a vector whose body was swapped after signing', async () => {
    const form = SUITE.requests.find((v) => v.name === 'post-x-www-form-urlencoded')!;
    const swapped = { ...form, request: { ...form.request, body: 'Param1=value2' } };
    expect((await verifySignature(parsedVector(swapped), SUITE.credentials, now))?.type).toBe(
      'InvalidSignatureException',
    );
  });
});

describe('strict SigV4 with configured credentials', () => {
  let local: LocalCodeDeploy;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, credentials });
  });
  afterAll(async () => {
    await local.close();
  });

  async function signedFetch(
    body: string,
    options: {
      time?: number;
      region?: string;
      service?: string;
      target?: string;
      tamper?: (h: Record<string, string>) => void;
      send?: string;
    } = {},
  ) {
    const url = new URL(local.endpoint);
    const headers: Record<string, string> = {
      host: url.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `CodeDeploy_20141006.${options.target ?? 'ListDeployments'}`,
    };
    await signRequest(
      { method: 'POST', url: '/', headers, body },
      credentials,
      options.region ?? 'us-east-1',
      options.service ?? 'codedeploy',
      options.time ?? Date.now(),
    );
    options.tamper?.(headers);
    const res = await fetch(`${local.endpoint}/`, { method: 'POST', headers, body: options.send ?? body });
    return { status: res.status, json: (await res.json()) as { __type?: string; message?: string } };
  }

  it('accepts the SDK signing with the right credentials', async () => {
    const client = clientFor(local, { credentials });
    expect((await client.send(new ListDeploymentsCommand({}))).deployments).toEqual([]);
    client.destroy();
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const client = clientFor(local, {
      credentials: { ...credentials, secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    const err = await expectAwsError(
      client.send(new ListDeploymentsCommand({})),
      'InvalidSignatureException',
    );
    expect(err.message).toMatch(/signature we calculated does not match/);
    client.destroy();
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const client = clientFor(local, {
      credentials: { ...credentials, accessKeyId: 'AKIDOTHER' },
      maxAttempts: 1,
    });
    await expectAwsError(client.send(new ListDeploymentsCommand({})), 'UnrecognizedClientException');
    client.destroy();
  });

  it('verifies its own signer, and refuses a tampered body, header or an expired date', async () => {
    expect((await signedFetch('{}')).status).toBe(200);
    const tampered = await signedFetch('{}', {
      tamper: (h) => {
        h['x-amz-target'] = 'CodeDeploy_20141006.GetDeployment';
      },
    });
    expect(tampered.json.__type).toBe('InvalidSignatureException');
    const expired = await signedFetch('{}', { time: Date.now() - 20 * 60_000 });
    expect(expired.json.__type).toBe('InvalidSignatureException');
    expect(expired.json.message).toMatch(/Signature expired/);
    const missing = await fetch(`${local.endpoint}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'CodeDeploy_20141006.ListDeployments' },
      body: '{}',
    });
    expect(((await missing.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });

  it('hashes the body itself: a signed Succeeded swapped for a same-length Failed is refused', async () => {
    const d = await local.deployLambda({
      functionName: 'swap',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const event = await d.nextHookEvent();
    const ids = `"deploymentId":"${event.DeploymentId}","lifecycleEventHookExecutionId":"${event.LifecycleEventHookExecutionId}"`;
    const signed = `{${ids},"status":"Succeeded"}`;
    const swapped = `{${ids},"status":"Failed"}   `;
    expect(swapped.length).toBe(signed.length);
    // The signer sent x-amz-content-sha256 of the signed body: the server must not trust it.
    const res = await signedFetch(signed, { target: 'PutLifecycleEventHookExecutionStatus', send: swapped });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidSignatureException']);
    expect(local.reports.filter((r) => r.deploymentId === event.DeploymentId)).toEqual([]);
    const honest = await signedFetch(signed, { target: 'PutLifecycleEventHookExecutionStatus' });
    expect(honest.status).toBe(200);
    expect((await d.done).status).toBe('Succeeded');
  });

  it('refuses a request signed for another region, as the regional endpoint does', async () => {
    const res = await signedFetch('{}', { region: 'eu-west-1' });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidSignatureException']);
    expect(res.json.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
    const client = clientFor(local, { credentials, region: 'eu-west-1', maxAttempts: 1 });
    await expectAwsError(client.send(new ListDeploymentsCommand({})), 'InvalidSignatureException');
    client.destroy();
  });

  it('accepts the regions given as signingRegions', async () => {
    const multi = await startLocalCodeDeploy({
      timeScale: 0,
      credentials,
      signingRegions: ['us-east-1', 'eu-west-1'],
    });
    const client = clientFor(multi, { credentials, region: 'eu-west-1' });
    expect((await client.send(new ListDeploymentsCommand({}))).$metadata.httpStatusCode).toBe(200);
    client.destroy();
    await multi.close();
  });

  it('refuses a request signed for another service', async () => {
    const res = await signedFetch('{}', { service: 'lambda' });
    expect([res.status, res.json.__type]).toEqual([400, 'InvalidSignatureException']);
    expect(res.json.message).toBe("Credential should be scoped to correct service: 'codedeploy'.");
  });
});

describe('duplicate Authorization headers', () => {
  it.each([
    ['without credentials', undefined],
    ['in strict mode', credentials],
  ])('are refused %s', async (_, creds) => {
    const local = await startLocalCodeDeploy({ timeScale: 0, ...(creds && { credentials: creds }) });
    try {
      const url = new URL(local.endpoint);
      const headers: Record<string, string> = {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CodeDeploy_20141006.ListDeployments',
      };
      await signRequest(
        { method: 'POST', url: '/', headers, body: '{}' },
        credentials,
        'us-east-1',
        'codedeploy',
        Date.now(),
      );
      const valid = headers.authorization!;
      const rest = Object.entries(headers).filter(([k]) => k !== 'authorization' && k !== 'host');
      for (const pair of [
        [valid, valid],
        [DUMMY_AUTH, valid],
        [valid, DUMMY_AUTH],
      ]) {
        const answer = await rawHttp(
          local.endpoint,
          httpRequest(
            local.endpoint,
            [...rest, ['authorization', pair[0]!], ['authorization', pair[1]!]],
            '{}',
          ),
        );
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body)).toEqual({
          __type: 'IncompleteSignatureException',
          message: 'The request carries 2 Authorization headers; send exactly one.',
        });
      }
      // One of them alone is fine.
      const single = await rawHttp(
        local.endpoint,
        httpRequest(local.endpoint, [...rest, ['authorization', valid]], '{}'),
      );
      expect(single.status).toBe(200);
    } finally {
      await local.close();
    }
  });
});
