import { execFile, spawnSync } from 'node:child_process';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';

// Decision: the AWS CLI is an optional tool on a developer's machine. When `aws` is not on the PATH,
// one test records that fact (and fails if the CLI is in fact there); the CLI tests run otherwise.
const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const credentials = { accessKeyId: 'AKIDCLI', secretAccessKey: 'cli-secret' };

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function aws(
  local: LocalCodeDeploy,
  args: string[],
  secret = credentials.secretAccessKey,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['deploy', ...args, '--endpoint-url', local.endpoint, '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

if (!hasAws) {
  it('skips the AWS CLI tests: `aws` is not installed on this machine', () => {
    console.warn('aws CLI not found on PATH: @greenlight/local AWS CLI tests did not run');
    expect(spawnSync('aws', ['--version']).status).not.toBe(0);
  });
} else {
  describe('the AWS CLI (aws deploy … --endpoint-url) against strict SigV4', () => {
    let local: LocalCodeDeploy;
    beforeAll(async () => {
      local = await startLocalCodeDeploy({ timeScale: 0, credentials });
    });
    afterAll(async () => {
      await local.close();
    });

    it('reads a finished deployment and its target with get-deployment and get-deployment-target', async () => {
      const d = await local.deployLambda({ functionName: 'cli-fn', currentVersion: '1', targetVersion: '2' });
      await d.done;
      const got = await aws(local, ['get-deployment', '--deployment-id', d.deploymentId]);
      expect(got).toMatchObject({ code: 0 });
      const info = JSON.parse(got.stdout).deploymentInfo;
      expect(info).toMatchObject({
        deploymentId: d.deploymentId,
        status: 'Succeeded',
        computePlatform: 'Lambda',
      });
      // CLI v1 prints timestamps as received (epoch seconds); v2 formats them as ISO 8601
      const created =
        typeof info.createTime === 'number' ? info.createTime * 1000 : Date.parse(info.createTime);
      expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
      const target = await aws(local, [
        'get-deployment-target',
        '--deployment-id',
        d.deploymentId,
        '--target-id',
        'cli-fn',
      ]);
      expect(
        JSON.parse(target.stdout).deploymentTarget.lambdaTarget.lambdaFunctionInfo.targetVersionWeight,
      ).toBe(100);
      const list = await aws(local, ['list-deployments']);
      expect(JSON.parse(list.stdout).deployments).toContain(d.deploymentId);
    }, 60_000);

    it('reports a hook status; a second report surfaces LifecycleEventAlreadyCompletedException', async () => {
      const d = await local.deployLambda({
        functionName: 'cli-fn',
        currentVersion: '1',
        targetVersion: '2',
        hooks: { BeforeAllowTraffic: 'manual' },
      });
      const event = await d.nextHookEvent();
      const args = [
        'put-lifecycle-event-hook-execution-status',
        '--deployment-id',
        event.DeploymentId,
        '--lifecycle-event-hook-execution-id',
        event.LifecycleEventHookExecutionId,
        '--status',
      ];
      const ok = await aws(local, [...args, 'Succeeded']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).lifecycleEventHookExecutionId).toBe(event.LifecycleEventHookExecutionId);
      expect((await d.done).status).toBe('Succeeded');
      const again = await aws(local, [...args, 'Failed']);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(
        /An error occurred \(LifecycleEventAlreadyCompletedException\) when calling the PutLifecycleEventHookExecutionStatus operation/,
      );
    }, 60_000);

    it('runs the resource operations a pipeline script uses, from list-applications to a custom-config deployment', async () => {
      const json = async (args: string[]) => {
        const res = await aws(local, args);
        expect({ args, code: res.code, stderr: res.stderr }).toMatchObject({ args, code: 0 });
        return res.stdout.trim() ? JSON.parse(res.stdout) : {};
      };
      expect((await json(['list-applications'])).applications).not.toContain('cli-app');
      await json(['create-application', '--application-name', 'cli-app', '--compute-platform', 'Lambda']);
      expect((await json(['list-applications'])).applications).toContain('cli-app');
      await json([
        'create-deployment-config',
        '--deployment-config-name',
        'CliLinear',
        '--compute-platform',
        'Lambda',
        '--traffic-routing-config',
        'type=TimeBasedLinear,timeBasedLinear={linearPercentage=50,linearInterval=1}',
      ]);
      expect((await json(['list-deployment-configs'])).deploymentConfigsList).toContain('CliLinear');
      expect(
        (await json(['get-deployment-config', '--deployment-config-name', 'CliLinear'])).deploymentConfigInfo,
      ).toMatchObject({
        computePlatform: 'Lambda',
        trafficRoutingConfig: {
          type: 'TimeBasedLinear',
          timeBasedLinear: { linearPercentage: 50, linearInterval: 1 },
        },
      });
      await json([
        'create-deployment-group',
        '--application-name',
        'cli-app',
        '--deployment-group-name',
        'cli-group',
        '--deployment-config-name',
        'CliLinear',
        '--service-role-arn',
        'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
      ]);
      const appSpec = JSON.stringify({
        version: 0.0,
        Resources: [
          {
            f: {
              Type: 'AWS::Lambda::Function',
              Properties: { Name: 'cli-linear', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
            },
          },
        ],
      });
      const { deploymentId } = await json([
        'create-deployment',
        '--application-name',
        'cli-app',
        '--deployment-group-name',
        'cli-group',
        '--revision',
        JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content: appSpec } }),
      ]);
      expect((await local.deployment(deploymentId)!.done).status).toBe('Succeeded');
      expect(local.deployment(deploymentId)!.history.filter((e) => e.type === 'traffic')).toHaveLength(2);
      expect(
        (
          await json([
            'list-deployments',
            '--application-name',
            'cli-app',
            '--deployment-group-name',
            'cli-group',
          ])
        ).deployments,
      ).toEqual([deploymentId]);
      const arn = 'arn:aws:codedeploy:us-east-1:123456789012:application:cli-app';
      await json([
        'tag-resource',
        '--resource-arn',
        arn,
        '--tags',
        'Key=Name,Value=testName',
        'Key=Type,Value=testType',
      ]);
      expect((await json(['list-tags-for-resource', '--resource-arn', arn])).Tags).toEqual([
        { Key: 'Name', Value: 'testName' },
        { Key: 'Type', Value: 'testType' },
      ]);
      await json([
        'register-on-premises-instance',
        '--instance-name',
        'AssetTag12010298EX',
        '--iam-user-arn',
        'arn:aws:iam::123456789012:user/AWS/CodeDeploy/AssetTag12010298EX',
      ]);
      expect((await json(['list-on-premises-instances'])).instanceNames).toEqual(['AssetTag12010298EX']);
      expect((await json(['list-git-hub-account-token-names'])).tokenNameList).toEqual([]);
      const noGroup = await aws(local, ['list-deployments', '--application-name', 'cli-app']);
      expect(noGroup.stderr).toMatch(
        /\(DeploymentGroupNameRequiredException\) when calling the ListDeployments operation/,
      );
    }, 90_000);

    it('surfaces the service errors: DeploymentDoesNotExist, InvalidDeploymentId, InvalidSignature', async () => {
      const missing = await aws(local, ['get-deployment', '--deployment-id', 'd-AAAAAAAAA']);
      expect(missing.stderr).toMatch(
        /\(DeploymentDoesNotExistException\) when calling the GetDeployment operation/,
      );
      const invalid = await aws(local, ['get-deployment', '--deployment-id', 'nope']);
      expect(invalid.stderr).toMatch(/\(InvalidDeploymentIdException\)/);
      const badSecret = await aws(local, ['list-deployments'], 'wrong-secret');
      expect(badSecret.stderr).toMatch(/\(InvalidSignatureException\)/);
    }, 60_000);
  });
}
