import { plain, runCli } from './helpers/run-cli.js';

describe('greenlight demo', () => {
  it('runs a good and a bad release of a Lambda canary and an ECS blue/green deployment, as expected', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await runCli(['demo']);
    const text = plain(stdout);
    // On failure, show the end of the demo's output with the exit code.
    expect({ code, stderr, end: text.slice(-1500) }).toMatchObject({ code: 0, stderr: '' });
    // Every example hook took part.
    expect(text).toContain('Lambda hooks: lambda-before-allow-traffic, lambda-after-allow-traffic');
    expect(text).toContain(
      'ECS hooks: ecs-before-install, ecs-after-install, ecs-after-allow-test-traffic, ecs-before-allow-traffic, ecs-after-allow-traffic',
    );
    // The Lambda bad release: version 3 throws, the pre-traffic hook says so, the alias goes back to 2.
    expect(text).toContain(
      "orders:3 failed (Unhandled): TypeError: Cannot read properties of undefined (reading 'price')",
    );
    expect(text).toMatch(/version 3 → 2 {2}CodeDeployDefault\.LambdaAllAtOnce {2}\(rollback of d-/);
    // The ECS bad release: the new tasks answer 500 through the test listener, production never moves.
    expect(text).toMatch(/✗ AfterAllowTestTraffic +Failed/);
    expect(text).toContain('status 500, expected 2xx');
    expect(text).toMatch(/green → blue {2}CodeDeployDefault\.ECSAllAtOnce {2}\(rollback of d-/);
    // Simulated users called the alias during the Lambda deployments; the post-traffic hook read their metrics,
    // and the broken version 3 never served one of them.
    expect(text).toMatch(/✓ errors \(\d+ ms\): Errors was 0 in the last 5 min/);
    expect(text).toMatch(
      /simulated users sent \d+ requests to orders:live meanwhile: version 1 served \d+, version 2 served \d+/,
    );
    expect(text).not.toMatch(/version 3 served/);
    // Traffic moved in the canary steps of the good releases.
    expect(text).toMatch(/ 10% → version 2/);
    expect(text).toMatch(/ 10% → green \(replacement\)/);
    // The summary.
    const summary = text.slice(text.indexOf('━━ Summary ━━'));
    expect(summary.match(/✓/g)).toHaveLength(4);
    expect(summary).toMatch(/✓ Lambda canary · good release.*Succeeded/);
    expect(summary).toMatch(/✓ Lambda canary · bad release.*Failed → rolled back \(Succeeded\)/);
    expect(summary).toMatch(/✓ ECS blue\/green · good release.*Succeeded/);
    expect(summary).toMatch(/✓ ECS blue\/green · bad release.*Failed → rolled back \(Succeeded\)/);
    expect(summary).toContain('Every deployment ended as expected');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('runs only the Lambda deployments with --only lambda', async () => {
    const { code, stdout } = await runCli(['demo', '--only', 'lambda', '--time-scale', '0.001']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('ECS hooks');
    expect(plain(stdout).slice(plain(stdout).indexOf('━━ Summary ━━')).match(/✓/g)).toHaveLength(2);
  }, 60_000);

  it('refuses an unknown platform', async () => {
    const { code, stderr } = await runCli(['demo', '--only', 'ec2']);
    expect(code).toBe(2);
    expect(stderr).toContain("--only must be lambda or ecs, got 'ec2'");
  });
});
