import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { clientFor, report } from './helpers/sdk.js';

// boto3, a client nobody here wrote, against the local CodeDeploy. Decision: Python and boto3 are optional on a
// developer's machine; where they are absent one test records why (and fails if boto3 is in fact there).
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
const SCRIPT = path.resolve('packages/local/test/clients/boto3-session.py');

if (!hasBoto3) {
  it('skips the boto3 tests: python3 with boto3 is not installed on this machine', () => {
    console.warn('python3 with boto3 not found: @greenlight/local boto3 tests did not run');
    expect(spawnSync('python3', ['-c', 'import boto3']).status).not.toBe(0);
  });
} else {
  describe('boto3 against the local CodeDeploy', () => {
    let local: LocalCodeDeploy;
    beforeAll(async () => {
      local = await startLocalCodeDeploy({
        timeScale: 0.001,
        credentials: { accessKeyId: 'AKIDPY', secretAccessKey: 'py-secret' },
      });
    });
    afterAll(() => local.close());

    it('creates, deploys (YAML AppSpec, custom canary, a reporting hook), waits, pages, tags and reads errors', async () => {
      const sdk = clientFor(local);
      local.registerFunction('CodeDeployHook_boto3', (event) => report(sdk, event, 'Succeeded'));
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          'python3',
          [SCRIPT],
          {
            env: {
              PATH: process.env.PATH,
              HOME: process.env.HOME,
              AWS_ENDPOINT_URL: local.endpoint,
              AWS_ACCESS_KEY_ID: 'AKIDPY',
              AWS_SECRET_ACCESS_KEY: 'py-secret',
              AWS_DEFAULT_REGION: 'us-east-1',
              AWS_CONFIG_FILE: '/dev/null',
              AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
              AWS_MAX_ATTEMPTS: '1',
            },
            timeout: 60_000,
          },
          (error, out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out)),
        );
      });
      sdk.destroy();
      const found = JSON.parse(stdout);
      expect(found.limit).toBe('DeploymentLimitExceededException');
      expect(found.deployment).toMatchObject({ status: 'Succeeded', config: 'Canary20Percent1Minute' });
      expect(Math.abs(Date.parse(found.deployment.createTime) - Date.now())).toBeLessThan(60_000);
      expect(found.events).toEqual([
        ['BeforeAllowTraffic', 'Succeeded'],
        ['AllowTraffic', 'Succeeded'],
        ['AfterAllowTraffic', 'Succeeded'],
      ]);
      expect(found.weight).toBe(100);
      expect(found.applications).toEqual({ count: 102, pages: 2 });
      expect(found.configs).toEqual({ count: 18, custom: true });
      expect(found.tags).toEqual([
        { Key: 'owner', Value: 'py' },
        { Key: 'stage', Value: 'test' },
      ]);
      expect(found.errors).toEqual({
        missing_app: 'ApplicationDoesNotExistException',
        list_without_group: 'DeploymentGroupNameRequiredException',
        predefined_delete: 'InvalidOperationException',
        bad_deployment_id: 'InvalidDeploymentIdException',
      });
      const hooked = local.reports.filter((r) => r.outcome === 'accepted');
      expect(hooked).toHaveLength(1);
    }, 90_000);
  });
}
