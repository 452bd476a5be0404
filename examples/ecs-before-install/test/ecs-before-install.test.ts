import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { handler } from '../src/handler.js';

let local: LocalCodeDeploy;
let dependency: Server;
let healthy = true;

beforeAll(async () => {
  local = await startLocalCodeDeploy({ timeScale: 0 });
  // The dependency the new tasks need: healthy or not, as each test says.
  dependency = createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: healthy ? 'ok' : 'degraded' }));
  });
  await new Promise<void>((resolve) => dependency.listen(0, '127.0.0.1', resolve));
  // The hook's Lambda configuration: where CodeDeploy is, and the dependency's health URL.
  Object.assign(process.env, local.env, {
    DEPENDENCY_HEALTH_URL: `http://127.0.0.1:${(dependency.address() as AddressInfo).port}/health`,
  });
});

afterAll(async () => {
  await local.close();
  dependency.closeAllConnections();
  await new Promise((resolve) => dependency.close(resolve));
});

const deploy = () =>
  local.deployEcs({
    cluster: 'shop',
    service: 'orders',
    autoRollback: true,
    hooks: { BeforeInstall: handler },
  });

describe('ECS BeforeInstall: dependency health', () => {
  it('lets the deployment install and finish when the dependency is healthy', async () => {
    healthy = true;
    const deployment = await deploy();
    const outcome = await deployment.done;
    expect(outcome.status).toBe('Succeeded');
    const events = Object.fromEntries(deployment.timeline.map((e) => [e.lifecycleEvent, e.status]));
    expect(events).toMatchObject({
      BeforeInstall: 'Succeeded',
      Install: 'Succeeded',
      AllowTraffic: 'Succeeded',
    });
  });

  it('stops the deployment before anything is installed when the dependency is degraded', async () => {
    healthy = false;
    const deployment = await deploy();
    const outcome = await deployment.done;
    expect(outcome.status).toBe('Failed');
    expect(outcome.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    // At BeforeInstall nothing was installed: CodeDeploy has nothing to roll back.
    expect(outcome.rollbackDeploymentId).toBeUndefined();
    const events = Object.fromEntries(deployment.timeline.map((e) => [e.lifecycleEvent, e.status]));
    expect(events).toMatchObject({ BeforeInstall: 'Failed', Install: 'Skipped', AllowTraffic: 'Skipped' });
    expect(local.reports.at(-1)).toMatchObject({
      deploymentId: deployment.deploymentId,
      status: 'Failed',
      outcome: 'accepted',
    });
  });
});
