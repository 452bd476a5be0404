import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_HOOKS, exampleEntry } from '../lib/examples.js';

const INFRA = join(__dirname, '..');
const REPO = join(INFRA, '..');

interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

// The one test of the real app: `cdk synth` through bin/app.ts, bundling the examples' hooks and running
// cdk-nag, exactly as CI and a user would. It needs examples/*/src/handler.ts to exist.
describe('the greenlight CDK app', () => {
  it('synthesizes the three stacks through `cdk synth` with the examples wired in and cdk-nag passing', () => {
    const examples = [
      ...Object.values(EXAMPLE_HOOKS.lambda),
      ...Object.values(EXAMPLE_HOOKS.ecs),
      EXAMPLE_HOOKS.ecsNative,
    ];
    const missing = examples.map((name) => exampleEntry(REPO, name)).filter((entry) => !existsSync(entry));
    expect(missing).toEqual([]);

    const out = mkdtempSync(join(tmpdir(), 'greenlight-synth-'));
    try {
      const cdk = join(INFRA, 'node_modules', '.bin', 'cdk');
      const run = spawnSync(cdk, ['synth', '--no-notices', '-q', '-o', out], {
        cwd: INFRA,
        encoding: 'utf8',
        env: {
          ...process.env,
          CDK_DISABLE_VERSION_CHECK: 'true',
          CDK_DISABLE_CLI_TELEMETRY: 'true',
          CI: 'true',
        },
        timeout: 170_000,
      });
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
        status: 0,
        stderr: '',
      });

      const read = (stack: string) =>
        JSON.parse(readFileSync(join(out, `${stack}.template.json`), 'utf8')) as CfnTemplate;
      const functions = (t: CfnTemplate) =>
        Object.values(t.Resources).filter(
          (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Handler === 'index.handler',
        );
      // Lambda stack: the target (inline, index.handler too) and the two hooks.
      expect(functions(read('GreenlightLambdaCanary'))).toHaveLength(3);
      // ECS stack: one hook per lifecycle event.
      expect(functions(read('GreenlightEcsBlueGreen'))).toHaveLength(5);
      // ECS native stack: the one lifecycle hook, listed on the service.
      const native = read('GreenlightEcsNative');
      expect(functions(native)).toHaveLength(1);
      const service = Object.values(native.Resources).find((r) => r.Type === 'AWS::ECS::Service');
      expect(JSON.stringify(service?.Properties?.DeploymentConfiguration)).toContain(
        'POST_TEST_TRAFFIC_SHIFT',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
