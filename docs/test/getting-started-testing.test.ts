// docs/test/getting-started-testing.test.ts
import { simulateDeployment } from '@greenlight/local/testing';
import { handler } from '../snippets/getting-started-handler.js';

// The code of the version being deployed: what invokeTarget calls.
const healthy = async () => ({ statusCode: 200 });
const broken = async () => ({ statusCode: 500 });

describe('the orders pre-traffic hook', () => {
  it('lets a healthy version through', async () => {
    const run = await simulateDeployment({
      hooks: { BeforeAllowTraffic: handler },
      versions: { '1': healthy, '2': healthy },
    });
    run.expectStatus('Succeeded'); // on failure, the message has the hooks' reasons and the timeline
  });

  it('stops a broken version, and the deployment rolls back', async () => {
    const run = await simulateDeployment({
      hooks: { BeforeAllowTraffic: handler },
      versions: { '1': healthy, '2': broken },
    });
    expect(run.status).toBe('Failed');
    expect(run.outcome.rollbackStatus).toBe('Succeeded');
    expect(run.report).toContain('smoke');
  });
});
