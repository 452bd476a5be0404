import { relative } from 'node:path';
import { numberOption, parse, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { SCENARIOS, type Scenario } from '../demo/scenarios.js';
import type { UserStats } from '../demo/users.js';
import { startWorld } from '../demo/world.js';
import { inCheckout, templatesRoot } from '../init/templates.js';
import { INTERRUPTED_EXIT, onAbort, useColor } from '../io.js';
import { formatDuration, TimelinePrinter } from '../simulate/printer.js';
import { type SimulationResult, simulateDeployment } from '../simulate/run.js';
import { painter } from '../style.js';

const HELP = `Usage: greenlight demo [--only lambda|ecs] [--time-scale <x>]

Simulate, on this machine, a Lambda canary deployment and an ECS blue/green deployment with the
example hooks (examples/*/src/handler.ts): for each, one good release that succeeds and one bad
release whose hook fails and rolls back, each shown as a live timeline. Nothing outside the machine
is needed: the local CodeDeploy, its Lambda/CloudWatch/ELBv2/ECS slices and a load balancer standing
in for the ECS listeners all run in this process; each hook runs in its own node process.

Exit code 0 when every deployment ended as expected (good ones succeeded, bad ones rolled back).

Options:
      --only <p>          Only the lambda or the ecs deployments
      --time-scale <x>    Real time per unit of service time (default: 0.005: a 5-minute canary
                          takes 1.5 s)
  -h, --help              Show this help
`;

function asExpected(scenario: Scenario, result: SimulationResult): boolean {
  if (scenario.expect === 'Succeeded') return result.status === 'Succeeded';
  return result.status !== 'Succeeded' && result.deployments[1]?.status === 'Succeeded';
}

function describeResult(result: SimulationResult): string {
  const rollback = result.deployments[1];
  return rollback ? `${result.status} → rolled back (${rollback.status})` : result.status;
}

function describeUsers(stats: UserStats): string {
  const versions = Object.entries(stats.byVersion)
    .map(([v, s]) => `version ${v} served ${s.requests}${s.errors ? ` (${s.errors} errors)` : ''}`)
    .join(', ');
  return `simulated users sent ${stats.requests} requests to orders:live meanwhile: ${versions || 'none served'}`;
}

/** `greenlight demo`: the good and bad releases of a Lambda canary and an ECS blue/green deployment. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Watch a Lambda canary and an ECS blue/green deployment, good and bad releases',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse('demo', args, {
      only: { type: 'string' },
      'time-scale': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'demo');
    if (values.only !== undefined && values.only !== 'lambda' && values.only !== 'ecs') {
      throw new UsageError(`--only must be lambda or ecs, got '${values.only}'`, 'demo');
    }
    const timeScale = numberOption('demo', 'time-scale', values['time-scale'], { min: 0.0001 }) ?? 0.005;
    const paint = painter(useColor(io.stdout, io.env));
    const printer = new TimelinePrinter((s) => io.stdout.write(s), paint);
    const started = Date.now();
    const examplesDir = templatesRoot(io.packageRoot);
    const world = await startWorld({
      examplesDir,
      timeScale,
      sourceCondition: inCheckout(io.packageRoot),
    });
    const rows: { scenario: Scenario; result: SimulationResult }[] = [];
    const unwatch = onAbort(io.signal, () => void world.close());
    try {
      const shown = relative(io.cwd, examplesDir) || '.';
      io.stdout.write(
        `${paint('bold', 'greenlight demo')}: deployments on the local CodeDeploy, with the hooks in ${shown}/\n` +
          `time scale ${timeScale}: a 5-minute canary step takes ${formatDuration(300_000 * timeScale)}\n`,
      );
      for (const platform of ['lambda', 'ecs'] as const) {
        if (values.only && values.only !== platform) continue;
        const hooks = world.hooks[platform].map((h) => relative(examplesDir, h.source).split(/[\\/]/)[0]);
        io.stdout.write(`\n${platform === 'lambda' ? 'Lambda' : 'ECS'} hooks: ${hooks.join(', ')}\n`);
        for (const scenario of SCENARIOS.filter((s) => s.platform === platform)) {
          if (io.signal?.aborted) break;
          printer.title(scenario.title);
          const users = platform === 'lambda' ? world.startUsers() : undefined;
          const result = await simulateDeployment(world.local, scenario.prepare(world), { printer });
          if (users) io.stdout.write(paint('gray', `  ${describeUsers(users.stop())}\n`));
          rows.push({ scenario, result });
        }
      }
    } finally {
      unwatch();
      await world.close();
    }
    if (io.signal?.aborted) {
      io.stderr.write('greenlight demo: interrupted; the deployments were stopped.\n');
      return INTERRUPTED_EXIT;
    }
    io.stdout.write(`\n${paint('bold', '━━ Summary ━━')}\n`);
    const width = Math.max(...rows.map((r) => r.scenario.title.length));
    for (const { scenario, result } of rows) {
      const ok = asExpected(scenario, result);
      const mark = ok ? paint('green', '✓') : paint('red', '✗');
      io.stdout.write(
        `  ${mark} ${scenario.title.padEnd(width)}  ${describeResult(result)}${ok ? '' : paint('red', `  (expected: ${scenario.expect})`)}\n`,
      );
    }
    const allOk = rows.every((r) => asExpected(r.scenario, r.result));
    const took = formatDuration(Date.now() - started);
    io.stdout.write(
      allOk
        ? `\nEvery deployment ended as expected, in ${took}. Good releases went out; bad ones were caught by their hooks and rolled back.\n`
        : `\n${paint('red', 'Some deployments did not end as expected')} (${took}).\n`,
    );
    return allOk ? 0 : 1;
  },
};
