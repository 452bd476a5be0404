import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, createConnection } from 'node:net';
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
import { FIXTURES, plain, REPO_ROOT, runCli } from './helpers/run-cli.js';

/** Starts `serve` in-process; `listening` resolves with the printed env once it is listening. */
function startServe(args: readonly string[]) {
  const stop = new AbortController();
  let ready!: (env: Record<string, string>) => void;
  const listening = new Promise<Record<string, string>>((resolve) => {
    ready = resolve;
  });
  let stdout = '';
  const waiters = new Set<{ pattern: RegExp; resolve: (match: RegExpMatchArray) => void }>();
  const run = runCli(['serve', '--port', '0', ...args], {
    signal: stop.signal,
    onStdout: (text) => {
      stdout = plain(text);
      for (const w of waiters) {
        const match = stdout.match(w.pattern);
        if (match) {
          waiters.delete(w);
          w.resolve(match);
        }
      }
      if (!text.includes('Press Ctrl+C to stop.')) return;
      ready(Object.fromEntries([...text.matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])));
    },
  });
  const ended = run.then((r) => Promise.reject(new Error(`serve ended (${r.code}): ${r.stderr}${r.stdout}`)));
  ended.catch(() => {}); // observed through `listening` and `printed`
  return {
    listening: Promise.race([listening, ended]),
    /** Resolves once serve's output matches `pattern` (a line of its timeline, say). */
    printed: (pattern: RegExp) =>
      Promise.race([
        new Promise<RegExpMatchArray>((resolve) => {
          const match = stdout.match(pattern);
          if (match) resolve(match);
          else waiters.add({ pattern, resolve });
        }),
        ended,
      ]),
    stop,
    run,
  };
}

type Serve = ReturnType<typeof startServe>;

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

  it('writes the env to --write-env while it runs (marked as its own), and removes the file when it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-serve-'));
    const file = join(dir, 'local.env');
    const serve = startServe(['--write-env', file]);
    const env = await serve.listening;
    const [mark, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    expect(mark).toBe('# written by greenlight serve; removed when it stops');
    expect(Object.fromEntries(lines.map((line) => line.split('=') as [string, string]))).toEqual(env);
    serve.stop.abort();
    expect((await serve.run).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a file it did not write alone: no overwrite, no removal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-serve-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'DATABASE_URL=postgres://mine\n');
    const { code, stderr } = await runCli(['serve', '--port', '0', '--write-env', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('exists and was not written by greenlight serve');
    expect(readFileSync(file, 'utf8')).toBe('DATABASE_URL=postgres://mine\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a deployment created through the SDK, invoking a hook registered with --function', async () => {
    const module = join(FIXTURES, 'hooks', 'before-allow-traffic.ts');
    const serve = startServe(['--time-scale', '0.001', '--function', `CodeDeployHook_pre=${module}`]);
    const env = await serve.listening;
    const client = clientFor(env);
    try {
      expect(await deployAndWait(serve, client, 'CodeDeployHook_pre')).toBe('Succeeded');
    } finally {
      client.destroy();
      serve.stop.abort();
    }
    expect((await serve.run).code).toBe(0);
  });

  it('gives hook functions --env, runs --target code for the target version, and prints each invocation', async () => {
    const hook = join(REPO_ROOT, 'examples', 'lambda-before-allow-traffic', 'src', 'handler.ts');
    const failing = join(FIXTURES, 'hooks', 'before-allow-traffic.ts');
    const serve = startServe([
      '--time-scale',
      '0.001',
      '--function',
      `CodeDeployHook_pre=${hook}`,
      '--function',
      `CodeDeployHook_gate=${failing}`,
      '--target',
      `shop-api:2=${join(FIXTURES, 'targets', 'good-version.ts')}`,
      '-e',
      'FIXTURE_VERDICT=fail',
    ]);
    const env = await serve.listening;
    const client = clientFor(env);
    try {
      expect(await deployAndWait(serve, client, 'CodeDeployHook_pre')).toBe('Succeeded');
      expect(await deployAndWait(serve, client, 'CodeDeployHook_gate')).toBe('Failed');
    } finally {
      client.destroy();
      serve.stop.abort();
    }
    const { code, stdout } = await serve.run;
    expect(code).toBe(0);
    const text = plain(stdout);
    expect(text).toContain('Lambda shop-api:2 → ');
    expect(text).toMatch(/✓ health \(\d+ ms\): shop-api:2 answered as expected/);
    expect(text).toContain('FIXTURE_VERDICT says fail');
    expect(text).toMatch(/deployment d-\w+/);
  });

  it('when stopped the moment a deployment fails, waits for the hook still returning, and prints what it returned', async () => {
    // The hook reports Failed, then takes 2.5 s more to return (longer than the local CodeDeploy waits for a
    // failed hook's reason), so the deployment is Failed while the hook's process still runs.
    const serve = startServe([
      '--time-scale',
      '0.001',
      '--function',
      `CodeDeployHook_slow=${join(FIXTURES, 'hooks', 'warm-up-first.ts')}`,
      '-e',
      'FIXTURE_VERDICT=fail',
      '-e',
      'FIXTURE_LINGER_MS=2500',
    ]);
    const client = clientFor(await serve.listening);
    try {
      const deploymentId = await deploy(client, 'CodeDeployHook_slow');
      await serve.printed(/✗ BeforeAllowTraffic +Failed/);
      expect(await statusOf(client, deploymentId)).toBe('Failed');
    } finally {
      client.destroy();
      serve.stop.abort();
    }
    const { code, stdout } = await serve.run;
    expect(code).toBe(0);
    const text = plain(stdout);
    expect(text).toContain('✗ verdict');
    expect(text).toContain('FIXTURE_VERDICT says fail');
    expect(text).toMatch(/d-\w+ Failed in /);
  });

  it('stops a deployment in progress when it stops, and waits for its hook invocation to end', async () => {
    // The hook tells the test it runs, then waits 1 s before its checks.
    let running!: () => void;
    const invoked = new Promise<void>((resolve) => {
      running = resolve;
    });
    const notify = createServer((_req, res) => {
      res.end('ok');
      running();
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    const serve = startServe([
      '--time-scale',
      '0.001',
      '--function',
      `CodeDeployHook_slow=${join(FIXTURES, 'hooks', 'warm-up-first.ts')}`,
      '-e',
      `FIXTURE_NOTIFY_URL=http://127.0.0.1:${(notify.address() as AddressInfo).port}/`,
      '-e',
      'FIXTURE_WAIT_MS=1000',
    ]);
    const client = clientFor(await serve.listening);
    try {
      const deploymentId = await deploy(client, 'CodeDeployHook_slow');
      await invoked;
      serve.stop.abort();
      const { code, stdout } = await serve.run;
      expect(code).toBe(0);
      const text = plain(stdout);
      expect(text).toContain('waiting for 1 hook invocation to end');
      expect(text).toMatch(new RegExp(`${deploymentId} Stopped in .*MANUAL_STOP`));
      // The hook ran to its end (not killed): what it returned is printed.
      expect(text).toContain('✓ verdict');
    } finally {
      client.destroy();
      notify.closeAllConnections();
      await new Promise((resolve) => notify.close(resolve));
    }
  });
});

/** Creates (once) the shop application and group and deploys shop-api 1 → 2 with one hook; resolves with its id. */
async function deploy(client: CodeDeployClient, hookFunction: string): Promise<string> {
  await client
    .send(new CreateApplicationCommand({ applicationName: 'shop', computePlatform: 'Lambda' }))
    .catch((err: { name?: string }) => {
      if (err.name !== 'ApplicationAlreadyExistsException') throw err;
    });
  await client
    .send(
      new CreateDeploymentGroupCommand({
        applicationName: 'shop',
        deploymentGroupName: 'shop-api',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      }),
    )
    .catch((err: { name?: string }) => {
      if (err.name !== 'DeploymentGroupAlreadyExistsException') throw err;
    });
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
    Hooks: [{ BeforeAllowTraffic: hookFunction }],
  });
  const sha256 = createHash('sha256').update(content).digest('hex');
  const { deploymentId } = await client.send(
    new CreateDeploymentCommand({
      applicationName: 'shop',
      deploymentGroupName: 'shop-api',
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content, sha256 } },
    }),
  );
  return deploymentId!;
}

const statusOf = async (client: CodeDeployClient, deploymentId: string) =>
  (await client.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo?.status;

/**
 * Deploys with one hook and waits for the end as serve prints it (its outcome line comes once every hook
 * invocation has ended); resolves with the status GetDeployment then answers.
 */
async function deployAndWait(serve: Serve, client: CodeDeployClient, hookFunction: string) {
  const deploymentId = await deploy(client, hookFunction);
  await serve.printed(new RegExp(`${deploymentId} (Succeeded|Failed|Stopped) in `));
  return statusOf(client, deploymentId);
}
