import { CodeDeployClient, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';

// The README's fault-injection lines, run as written.
describe('the README fault examples', () => {
  let local: LocalCodeDeploy;
  beforeEach(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
  });
  afterEach(() => local.close());

  it('inject and clear as the README says', async () => {
    local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', times: 2 }); // next 2 calls
    local.faults.inject('*', { kind: 'error5xx', status: 503, rate: 0.1 }); // 10%, seeded
    local.faults.inject('GetDeployment', { kind: 'delay', delayMs: 2_000 });
    local.faults.inject('ListDeployments', { kind: 'reset', times: 1 });
    local.faults.clear();

    const client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
    });
    const started = Date.now();
    await expect(client.send(new ListDeploymentsCommand({}))).resolves.toBeDefined();
    await expect(
      client.send(new GetDeploymentCommand({ deploymentId: 'd-ABCDEFGHI' })),
    ).rejects.toMatchObject({ name: 'DeploymentDoesNotExistException' });
    expect(Date.now() - started).toBeLessThan(1_500); // cleared: no delay, no reset
    client.destroy();
  });
});
