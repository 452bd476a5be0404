import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import { FIXTURES, runCli } from './helpers/run-cli.js';

/** Starts `serve` in-process; resolves with the printed env once it is listening. */
function startServe(args: readonly string[]) {
  const stop = new AbortController();
  let ready!: (env: Record<string, string>) => void;
  const listening = new Promise<Record<string, string>>((resolve) => {
    ready = resolve;
  });
  const run = runCli(['serve', '--port', '0', ...args], {
    signal: stop.signal,
    onStdout: (text) => {
      if (!text.includes('Press Ctrl+C to stop.')) return;
      ready(Object.fromEntries([...text.matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])));
    },
  });
  return {
    listening: Promise.race([listening, run.then((r) => Promise.reject(new Error(r.stderr)))]),
    stop,
    run,
  };
}

function clientFor(env: Record<string, string>): CodeDeployClient {
  return new CodeDeployClient({
    endpoint: env.AWS_ENDPOINT_URL_CODEDEPLOY,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    maxAttempts: 1,
  });
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('greenlight serve', () => {
  it('prints the env that points the SDK at it, answers CodeDeploy calls, and stops cleanly on the signal', async () => {
    const serve = startServe([]);
    const env = await serve.listening;
    expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_ENDPOINT_URL_CODEDEPLOY).toBe(env.AWS_ENDPOINT_URL);
    expect(env.AWS_REGION).toBe('us-east-1');
    const client = clientFor(env);
    await expect(client.send(new ListDeploymentsCommand({}))).resolves.toMatchObject({ deployments: [] });
    await expect(
      client.send(new GetDeploymentCommand({ deploymentId: 'd-NOTHERE00' })),
    ).rejects.toMatchObject({
      name: 'DeploymentDoesNotExistException',
    });
    client.destroy();
    serve.stop.abort();
    const { code, stdout } = await serve.run;
    expect(code).toBe(0);
    expect(stdout).toContain('Stopping.');
    expect(await refused(Number(new URL(env.AWS_ENDPOINT_URL!).port))).toBe(true);
  });

  it('writes the env to --env-file while it runs, and removes the file when it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-serve-'));
    const file = join(dir, 'local.env');
    const serve = startServe(['--env-file', file]);
    const env = await serve.listening;
    const written = Object.fromEntries(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    expect(written).toEqual(env);
    serve.stop.abort();
    expect((await serve.run).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a deployment created through the SDK, invoking a hook registered with --function', async () => {
    const module = join(FIXTURES, 'hooks', 'before-allow-traffic.ts');
    const serve = startServe(['--time-scale', '0.001', '--function', `CodeDeployHook_pre=${module}`]);
    const env = await serve.listening;
    const client = clientFor(env);
    try {
      await client.send(new CreateApplicationCommand({ applicationName: 'shop', computePlatform: 'Lambda' }));
      await client.send(
        new CreateDeploymentGroupCommand({
          applicationName: 'shop',
          deploymentGroupName: 'shop-api',
          serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
          deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        }),
      );
      const content = JSON.stringify({
        version: 0.0,
        Resources: [
          {
            api: {
              Type: 'AWS::Lambda::Function',
              Properties: { Name: 'shop-api', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
            },
          },
        ],
        Hooks: [{ BeforeAllowTraffic: 'CodeDeployHook_pre' }],
      });
      const sha256 = createHash('sha256').update(content).digest('hex');
      const { deploymentId } = await client.send(
        new CreateDeploymentCommand({
          applicationName: 'shop',
          deploymentGroupName: 'shop-api',
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content, sha256 } },
        }),
      );
      let status: string | undefined;
      for (let i = 0; i < 100 && !['Succeeded', 'Failed', 'Stopped'].includes(status ?? ''); i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await client.send(new GetDeploymentCommand({ deploymentId: deploymentId! }))).deploymentInfo
          ?.status;
      }
      expect(status).toBe('Succeeded');
    } finally {
      client.destroy();
      serve.stop.abort();
    }
    expect((await serve.run).code).toBe(0);
  });
});
