// Run in a child process by deployments-bench.ts: one local CodeDeploy at time scale 0, `count` Lambda
// deployments started at once, each with two hooks that report Succeeded through the real SDK. Writes the wall
// time, the peak RSS and the idle RSS (after one warm-up deployment) to the file named by its second argument.
import { writeFileSync } from 'node:fs';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { type DeploymentHandle, startLocalCodeDeploy } from '@greenlight/local';

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

async function main(): Promise<void> {
  const [countArg, out] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count < 1 || !out)
    throw new Error('usage: many-deployments <count> <out.json>');
  const local = await startLocalCodeDeploy({ timeScale: 0 });
  const client = new CodeDeployClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: {
      accessKeyId: local.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
    },
  });
  const report = async (event: HookEvent) => {
    await client.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      }),
    );
  };
  const deploy = (functionName: string): Promise<DeploymentHandle> =>
    local.deployLambda({
      functionName,
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: report, AfterAllowTraffic: report },
    });
  try {
    await (await deploy('warm-up')).done;
    const idleRssKb = process.resourceUsage().maxRSS;
    const start = performance.now();
    const handles = await Promise.all(Array.from({ length: count }, (_, i) => deploy(`fn-${i}`)));
    const outcomes = await Promise.all(handles.map((h) => h.done));
    const wallMs = performance.now() - start;
    const peakRssKb = process.resourceUsage().maxRSS;
    const succeeded = outcomes.filter((o) => o.status === 'Succeeded').length;
    const accepted = local.reports.filter((r) => r.outcome === 'accepted').length - 2;
    writeFileSync(out, JSON.stringify({ count, wallMs, idleRssKb, peakRssKb, succeeded, accepted }));
  } finally {
    client.destroy();
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
