import { ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, signRequest, startLocalCodeDeploy } from '../src/index.js';
import { expectAwsError } from './helpers/errors.js';
import { clientFor } from './helpers/sdk.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

describe('strict SigV4 with configured credentials', () => {
  let local: LocalCodeDeploy;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0, credentials });
  });
  afterAll(async () => {
    await local.close();
  });

  async function signedFetch(body: string, time = Date.now(), tamper?: (h: Record<string, string>) => void) {
    const url = new URL(local.endpoint);
    const headers: Record<string, string> = {
      host: url.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'CodeDeploy_20141006.ListDeployments',
    };
    signRequest({ method: 'POST', url: '/', headers, body }, credentials, 'us-east-1', 'codedeploy', time);
    tamper?.(headers);
    const res = await fetch(`${local.endpoint}/`, { method: 'POST', headers, body });
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
    const tampered = await signedFetch('{}', Date.now(), (h) => {
      h['x-amz-target'] = 'CodeDeploy_20141006.GetDeployment';
    });
    expect(tampered.json.__type).toBe('InvalidSignatureException');
    const expired = await signedFetch('{}', Date.now() - 20 * 60_000);
    expect(expired.json.__type).toBe('InvalidSignatureException');
    expect(expired.json.message).toMatch(/Signature expired/);
    const missing = await fetch(`${local.endpoint}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'CodeDeploy_20141006.ListDeployments' },
      body: '{}',
    });
    expect(((await missing.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });
});
