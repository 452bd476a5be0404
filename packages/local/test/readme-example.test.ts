// The README's example, kept compiling and passing here.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';

let local: LocalCodeDeploy;
beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0.001 }); // 1 h hook timeout → 3.6 s; 5 min canary → 300 ms
});
afterAll(() => local.close());

it('shifts traffic after BeforeAllowTraffic reports Succeeded', async () => {
  // The hook's client talks to the local CodeDeploy (a hook in a child process gets local.env instead).
  const codedeploy = new CodeDeployClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const hook = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
    await codedeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      }),
    );
  };

  const d = await local.deployLambda({
    functionName: 'checkout',
    currentVersion: '1',
    targetVersion: '2',
    config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    hooks: { BeforeAllowTraffic: hook },
  });
  d.on('event', (ev) => {
    if (ev.type === 'traffic') console.log(`checkout:2 now takes ${ev.targetWeight}% of traffic`);
  });

  const outcome = await d.done;
  expect(outcome.status).toBe('Succeeded');
  expect(d.timeline.map((e) => `${e.lifecycleEvent} ${e.status}`)).toEqual([
    'BeforeAllowTraffic Succeeded',
    'AllowTraffic Succeeded',
    'AfterAllowTraffic Succeeded', // no hook: it succeeds at once, as on AWS
  ]);
  expect(local.reports).toHaveLength(1);
  codedeploy.destroy();
});
