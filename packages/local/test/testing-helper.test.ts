import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { simulateDeployment } from '@greenlight/local/testing';
import { handler } from '../../../examples/lambda-before-allow-traffic/src/handler.js';

const goodVersion = async (event: unknown) =>
  (event as { action?: string }).action === 'quote' ? { status: 'ok', total: 19 } : { status: 'ok' };
const brokenVersion = async () => {
  throw new TypeError("Cannot read properties of undefined (reading 'price')");
};

describe('simulateDeployment (@greenlight/local/testing)', () => {
  it('runs a createHook handler in two deployments in a row: its SDK clients still reach the local CodeDeploy', async () => {
    // The handler's clients are created at its first invocation, with the endpoint of the first run.
    const first = await simulateDeployment({
      hooks: { BeforeAllowTraffic: handler },
      versions: { '2': goodVersion },
    });
    first.expectStatus('Succeeded');
    const second = await simulateDeployment({
      hooks: { BeforeAllowTraffic: handler },
      versions: { '2': goodVersion },
    });
    second.expectStatus('Succeeded');
    expect(second.deploymentId).not.toBe(first.deploymentId);
  });

  it("puts the hooks' reasons and the timeline in the failure message", async () => {
    const run = await simulateDeployment({
      hooks: { BeforeAllowTraffic: handler },
      versions: { '2': brokenVersion },
    });
    expect(run.status).toBe('Failed');
    expect(() => run.expectStatus('Succeeded')).toThrow(
      /expected the deployment to end Succeeded, but it ended Failed/,
    );
    expect(run.report).toMatch(/BeforeAllowTraffic +Failed/);
    expect(run.report).toMatch(
      /✗ health: .*TypeError: Cannot read properties of undefined \(reading 'price'\)/,
    );
    expect(run.report).toMatch(/AllowTraffic +Skipped/);
    expect(run.report).toMatch(/rolled back by d-\w+ \(Succeeded\)/);
  });

  it('resolves only after every hook returned, even one that returns after its report', async () => {
    const hook = async (event: { DeploymentId: string; LifecycleEventHookExecutionId: string }) => {
      const client = new CodeDeployClient({});
      await client.send(
        new PutLifecycleEventHookExecutionStatusCommand({
          deploymentId: event.DeploymentId,
          lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
          status: 'Succeeded',
        }),
      );
      client.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return 'returned after its report';
    };
    const run = await simulateDeployment({ hooks: { BeforeAllowTraffic: hook } });
    expect(run.status).toBe('Succeeded');
    expect(run.answers).toEqual([
      { lifecycleEvent: 'BeforeAllowTraffic', kind: 'returned', result: 'returned after its report' },
    ]);
  });

  it('gives hooks env while the deployment runs, restores process.env after, and deploys ECS for ECS events', async () => {
    const seen: (string | undefined)[] = [];
    const before = process.env.AWS_ENDPOINT_URL;
    const run = await simulateDeployment({
      env: { ORDERS_URL: 'http://127.0.0.1:9/orders' },
      hooks: {
        AfterInstall: async (event) => {
          seen.push(process.env.ORDERS_URL);
          const client = new CodeDeployClient({});
          await client.send(
            new PutLifecycleEventHookExecutionStatusCommand({
              deploymentId: event.DeploymentId,
              lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
              status: 'Succeeded',
            }),
          );
          client.destroy();
        },
      },
    });
    run.expectStatus('Succeeded');
    expect(seen).toEqual(['http://127.0.0.1:9/orders']);
    expect(run.timeline.map((e) => e.lifecycleEvent)).toContain('AfterAllowTestTraffic');
    expect(process.env.ORDERS_URL).toBeUndefined();
    expect(process.env.AWS_ENDPOINT_URL).toBe(before);
  });
});
