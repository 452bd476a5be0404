import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hookEvent, lambdaContext, ScriptedCodeDeploy, useEndpoint } from './helpers/codedeploy-server.js';

describe('the README', () => {
  it('shows the example file, unchanged', () => {
    const readme = readFileSync(`${__dirname}/../README.md`, 'utf8');
    const example = readFileSync(`${__dirname}/examples/readme.ts`, 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('runs: the example reports Failed when the health endpoint answers 503', async () => {
    const server = await ScriptedCodeDeploy.start();
    const restore = useEndpoint(server.endpoint);
    const health = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
    process.env.HEALTH_URL = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health`;
    try {
      const { handler } = await import('./examples/readme.js');
      const result = await handler(hookEvent(), lambdaContext(300_000) as never);
      expect(result).toMatchObject({ status: 'Failed', reason: 'health answered 503' });
      expect(server.reports.map((r) => r.body.status)).toEqual(['Failed']);
    } finally {
      restore();
      health.closeAllConnections();
      await new Promise((resolve) => health.close(resolve));
      await server.close();
    }
  });
});
