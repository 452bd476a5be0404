import { resolve } from 'node:path';
import {
  type AwsServices,
  ECS_HOOK_EVENTS,
  ECS_HOOK_STATUSES,
  ECS_NATIVE_HOOK_STAGES,
  LAMBDA_HOOK_EVENTS,
  type LambdaHandler,
} from '@greenlight/local';
import { keyValues, numberOption, parse, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { inCheckout } from '../init/templates.js';
import { INTERRUPTED_EXIT, onAbort, useColor } from '../io.js';
import { startLocalAws } from '../local-aws.js';
import { type BundleInput, bundleHooks } from '../simulate/bundle.js';
import { deploymentConfig } from '../simulate/configs.js';
import { simulateEcsNative } from '../simulate/ecs-native.js';
import { isEcsNativeStage, mapHooks, platformFor, splitExport } from '../simulate/hooks.js';
import { TimelinePrinter } from '../simulate/printer.js';
import { type DeploymentSpec, simulateDeployment } from '../simulate/run.js';
import { startStubs, stubSpec } from '../simulate/stubs.js';
import { loadTarget } from '../simulate/target-code.js';
import { painter } from '../style.js';
import { listLines } from '../wrap.js';

/** simulate's default hook function timeout, seconds: the HookFunction construct's default (5 minutes). */
export const DEFAULT_TIMEOUT_S = 300;

const HELP = `Usage: greenlight simulate [<hook module>…] [--hook <Event>=<module>]… [options]

Run a whole deployment of your hooks on the local CodeDeploy and show its timeline live: each
lifecycle event with its status, duration and the hook's reason, traffic as it moves, the outcome
and, when a hook fails, the rollback. Exit code 0 only when the deployment succeeded.

Which hook serves which lifecycle event:
  --hook BeforeAllowTraffic=src/pre.ts    explicit (Event=path, optionally path#exportName)
  src/before-allow-traffic.ts             a bare path: its file name, or the name of a folder
  examples/ecs-after-install/src/handler.ts   above it, names the event (kebab or PascalCase)
  examples/ecs-after-install              a folder: its src/handler.ts (or handler.ts, index.ts)
  --hook POST_TEST_TRAFFIC_SHIFT=src/h.ts  an ECS native stage (or post-test-traffic-shift; a path
  examples/ecs-native-post-test-traffic   may leave out -shift)

The lifecycle events a hook can serve, in lifecycle order:
${listLines('  Lambda', LAMBDA_HOOK_EVENTS, { indent: 15 })}
${listLines('  ECS', ECS_HOOK_EVENTS, { indent: 15 })}
${listLines('  ECS native', ECS_NATIVE_HOOK_STAGES, { indent: 15 })}

An ECS native hook (--platform ecs-native) answers by returning { hookStatus: ${ECS_HOOK_STATUSES.join(' | ')},
callBackDelay? } (createEcsHook); the timeline shows each answer, IN_PROGRESS re-invocations, and
on FAILED the rollback's traffic-shift re-runs. Exit 0 only when the service deployment is SUCCESSFUL.

Each module is bundled with esbuild and runs as Lambda's Node.js runtime runs a function: in a warm
node process, reused by the function's next invocation, where only what the handler waits on keeps
the process alive. An invocation whose event loop empties before the handler's promise settles (it
waited on an unref'd timer or socket) ends there, as on Lambda, and the timeline says so. The env
points the hook's SDK clients at the local CodeDeploy; it is killed at --timeout.

Options:
      --platform <p>          lambda, ecs or ecs-native (default: ecs-native when a hook serves
                              an ECS native stage, ecs when a hook is ECS-only or a path names
                              ecs-…, else lambda)
  -c, --config <name>         Deployment configuration, with or without CodeDeployDefault.
                              (default: LambdaCanary10Percent5Minutes / ECSCanary10Percent5Minutes)
      --time-scale <x>        Real time per unit of service time (default: 0.01, so a 5-minute
                              canary takes 3 s and the one-hour hook timeout 36 s)
  -e, --env <K>=<V>           Environment variable of every hook function. Repeatable.
      --stub <VAR>[=<status>] Start a stand-in HTTP endpoint for a service your hook checks and
                              set VAR to its URL in every hook function's environment. It answers
                              every request with status (default 200) and {"status":"ok"} (or
                              {"status":"error"} for 4xx/5xx). Repeatable.
      --timeout <s>           Hook function timeout in seconds (default: ${DEFAULT_TIMEOUT_S}, the HookFunction
                              construct's default; give your function's configured timeout)
      --no-rollback           Do not roll back a failed deployment
      --alarm <name>[=STATE]  Watch a CloudWatch alarm during traffic shifting; STATE (OK, ALARM,
                              INSUFFICIENT_DATA) sets it first (default OK). Repeatable.
  Lambda:
      --function-name <n>     The function deployed (default: my-function)
      --current-version <v>   (default: 1)
      --target-version <v>    (default: 2)
      --target <module>       The target version's code (its \`handler\`, or module#export), which
                              invokeTarget checks call; without it, invoking the target version
                              fails with a reason that asks for --target
  ECS and ECS native:
      --cluster <c>           (default: default)
      --service <s>           (default: my-service)
      --target-group <name>[=<healthy>[/<total>]]
                              A target group of the local ELBv2 with that many healthy targets of
                              total, the rest initial (default 2/2), for target-health checks.
                              Repeatable.
      --json                  Print one JSON document with every deployment instead of the timeline
  -h, --help                  Show this help

Examples:
  greenlight simulate --hook BeforeAllowTraffic=src/handler.ts --target src/new-version.ts
  greenlight simulate examples/ecs-after-allow-test-traffic/src/handler.ts -e TEST_LISTENER_URL=http://127.0.0.1:8080
  greenlight simulate --hook post-test-traffic-shift=src/handler.ts -e TEST_LISTENER_URL=http://127.0.0.1:8080
`;

const ALARM_STATES = new Set(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

/**
 * The code simulate gives the target version when `--target` is not given: invoking it fails with a
 * reason in the CLI's terms.
 */
function missingTarget(functionName: string, version: string): LambdaHandler {
  return () => {
    throw new Error(
      `simulate has no code for ${functionName}:${version}: pass --target <module> (a module exporting handler) so that invocations of the target version run it`,
    );
  };
}

/** A `--target-group` of the local ELBv2. */
interface TargetGroup {
  readonly name: string;
  readonly healthy: number;
  readonly total: number;
}

function targetGroup(spec: string): TargetGroup {
  const match = /^([A-Za-z0-9-]{1,32})(?:=(\d+)(?:\/(\d+))?)?$/.exec(spec);
  const healthy = Number(match?.[2] ?? 2);
  const total = Number(match?.[3] ?? healthy);
  if (!match || total < healthy || total > 100)
    throw new UsageError(
      `--target-group expects name[=healthy[/total]] (e.g. orders-green=2/3), got '${spec}'`,
      'simulate',
    );
  return { name: match[1]!, healthy, total };
}

function setTargets(services: AwsServices, g: TargetGroup): void {
  services.elbv2.setTargetHealth(
    g.name,
    Array.from({ length: g.total }, (_, i) => ({
      id: `10.0.${Math.floor(i / 250)}.${10 + (i % 250)}`,
      port: 80,
      state: i < g.healthy ? ('healthy' as const) : ('initial' as const),
    })),
  );
}

/** `greenlight simulate`: deploys hook modules on the local CodeDeploy and prints the timeline. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run a deployment of your hooks on the local CodeDeploy, with a live timeline',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse('simulate', args, {
      hook: { type: 'string', multiple: true },
      platform: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'time-scale': { type: 'string' },
      env: { type: 'string', short: 'e', multiple: true },
      timeout: { type: 'string' },
      stub: { type: 'string', multiple: true },
      'no-rollback': { type: 'boolean' },
      alarm: { type: 'string', multiple: true },
      'function-name': { type: 'string' },
      'current-version': { type: 'string' },
      'target-version': { type: 'string' },
      target: { type: 'string' },
      cluster: { type: 'string' },
      service: { type: 'string' },
      'target-group': { type: 'string', multiple: true },
      json: { type: 'boolean' },
    });
    const targetGroups = (values['target-group'] ?? []).map(targetGroup);
    const hooks = mapHooks(positionals, values.hook ?? [], io.cwd);
    if (hooks.length === 0) {
      throw new UsageError('no hook to simulate: pass a module path or --hook <Event>=<module>', 'simulate');
    }
    const platform = platformFor(hooks, values.platform);
    const timeScale = numberOption('simulate', 'time-scale', values['time-scale']) ?? 0.01;
    const timeoutS = numberOption('simulate', 'timeout', values.timeout, { min: 0.1 }) ?? DEFAULT_TIMEOUT_S;
    const env = keyValues('simulate', 'env', values.env);
    const stubSpecs = (values.stub ?? []).map((v) => stubSpec(v));
    for (const s of stubSpecs)
      if (s.variable in env)
        throw new UsageError(`${s.variable} is given by both --stub and --env; keep one`, 'simulate');
    if (platform === 'ecs-native') {
      for (const option of [
        'config',
        'alarm',
        'no-rollback',
        'target',
        'function-name',
        'current-version',
        'target-version',
      ] as const) {
        if (values[option] !== undefined)
          throw new UsageError(`--${option} has no meaning for an ECS native deployment`, 'simulate');
      }
    }
    const config = platform === 'ecs-native' ? '' : deploymentConfig(values.config, platform);
    const alarms = (values.alarm ?? []).map((a) => {
      const [name = '', state = 'OK'] = a.split('=');
      if (!name || !ALARM_STATES.has(state))
        throw new UsageError(`--alarm expects name[=OK|ALARM|INSUFFICIENT_DATA], got '${a}'`, 'simulate');
      return { name, state: state as 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' };
    });
    if (platform === 'ecs' && values.target)
      throw new UsageError(
        "--target is the Lambda target version's code; it has no meaning for ECS",
        'simulate',
      );
    const stubs = await startStubs(stubSpecs);
    try {
      const hookEnv = { ...env, ...stubs.env };
      if (platform === 'ecs-native')
        return await simulateNative(hooks, { env: hookEnv, timeScale, timeoutS, targetGroups, values }, io);
      return await simulateCodeDeploy(
        hooks,
        { platform, config, alarms, env: hookEnv, timeScale, timeoutS, targetGroups, values },
        io,
      );
    } finally {
      await stubs.close();
    }
  },
};

/** The options {@link simulateCodeDeploy} takes from the command line. */
interface CodeDeployRun {
  readonly platform: 'lambda' | 'ecs';
  readonly config: string;
  readonly alarms: readonly { readonly name: string; readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' }[];
  readonly env: Record<string, string>;
  readonly timeScale: number;
  readonly timeoutS: number;
  readonly targetGroups: readonly TargetGroup[];
  readonly values: {
    readonly target?: string;
    readonly 'target-version'?: string;
    readonly 'current-version'?: string;
    readonly 'function-name'?: string;
    readonly 'no-rollback'?: boolean;
    readonly cluster?: string;
    readonly service?: string;
    readonly json?: boolean;
  };
}

/** `simulate` of a CodeDeploy (Lambda or ECS blue/green) deployment: bundles, deploys, prints. */
async function simulateCodeDeploy(
  hooks: ReturnType<typeof mapHooks>,
  { platform, config, alarms, env, timeScale, timeoutS, targetGroups, values }: CodeDeployRun,
  io: Parameters<Command['run']>[1],
): Promise<number> {
  const inputs: BundleInput[] = hooks.map((h) => ({
    name: h.event,
    module: h.module,
    exportName: h.exportName,
  }));
  const target = values.target ? splitExport(values.target) : undefined;
  if (target)
    inputs.push({
      name: 'target-version',
      module: resolve(io.cwd, target.path),
      exportName: target.exportName,
    });
  const bundles = await bundleHooks(inputs, { sourceCondition: inCheckout(io.packageRoot) });
  const { local, services } = await startLocalAws({ timeScale }).catch(async (err: unknown) => {
    await bundles.dispose();
    throw err;
  });
  // Ctrl+C: closing the local CodeDeploy stops the deployment and kills the hook processes.
  const unwatch = onAbort(io.signal, () => void local.close());
  try {
    const targetVersion = values['target-version'] ?? '2';
    const functionName = values['function-name'] ?? 'my-function';
    const versions: Record<string, LambdaHandler> = {
      [targetVersion]: target
        ? loadTarget(bundles.files['target-version']!, target.exportName)
        : missingTarget(functionName, targetVersion),
    };
    for (const a of alarms) services.cloudwatch.setAlarm(a.name, a.state);
    for (const g of targetGroups) setTargets(services, g);
    const spec: DeploymentSpec = {
      platform,
      config,
      env,
      functionTimeoutMs: timeoutS * 1000,
      autoRollback: values['no-rollback'] !== true,
      ...(alarms.length ? { alarms: alarms.map((a) => a.name) } : {}),
      hooks: hooks.map((h) => ({
        event: h.event,
        file: bundles.files[h.event]!,
        exportName: h.exportName,
        source: h.module,
      })),
      lambda: {
        functionName,
        currentVersion: values['current-version'] ?? '1',
        targetVersion,
        versions,
      },
      ecs: { cluster: values.cluster ?? 'default', service: values.service ?? 'my-service' },
    };
    const printer = values.json
      ? undefined
      : new TimelinePrinter((s) => io.stdout.write(s), painter(useColor(io.stdout, io.env)));
    const result = await simulateDeployment(local, spec, printer ? { printer } : {});
    if (io.signal?.aborted) {
      io.stderr.write('greenlight simulate: interrupted; the deployment was stopped.\n');
      return INTERRUPTED_EXIT;
    }
    if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.status === 'Succeeded' ? 0 : 1;
  } finally {
    unwatch();
    await local.close();
    await bundles.dispose();
  }
}

/** `simulate --platform ecs-native`: bundles the hooks and runs @greenlight/local's ECS native simulator. */
async function simulateNative(
  hooks: ReturnType<typeof mapHooks>,
  opts: {
    readonly env: Record<string, string>;
    readonly timeScale: number;
    readonly timeoutS: number;
    readonly targetGroups: readonly TargetGroup[];
    readonly values: { readonly cluster?: string; readonly service?: string; readonly json?: boolean };
  },
  io: Parameters<Command['run']>[1],
): Promise<number> {
  const bundles = await bundleHooks(
    hooks.map((h) => ({ name: h.event, module: h.module, exportName: h.exportName })),
    { sourceCondition: inCheckout(io.packageRoot) },
  );
  // The local AWS endpoints (ELBv2, ECS, CloudWatch…) for the hooks' SDK clients.
  const started = await startLocalAws({ timeScale: opts.timeScale }).catch(async (err: unknown) => {
    await bundles.dispose();
    throw err;
  });
  try {
    for (const g of opts.targetGroups) setTargets(started.services, g);
    const printer = opts.values.json
      ? undefined
      : new TimelinePrinter((s) => io.stdout.write(s), painter(useColor(io.stdout, io.env)));
    const result = await simulateEcsNative(
      {
        cluster: opts.values.cluster ?? 'default',
        service: opts.values.service ?? 'my-service',
        region: started.local.region,
        hooks: hooks.flatMap((h) =>
          isEcsNativeStage(h.event)
            ? [{ stage: h.event, file: bundles.files[h.event]!, exportName: h.exportName }]
            : [],
        ),
        env: { ...started.env, ...opts.env },
        functionTimeoutMs: opts.timeoutS * 1000,
        timeScale: opts.timeScale,
        ...(io.signal ? { signal: io.signal } : {}),
      },
      printer,
    );
    if (io.signal?.aborted) {
      io.stderr.write('greenlight simulate: interrupted; the deployment was stopped.\n');
      return INTERRUPTED_EXIT;
    }
    if (opts.values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.serviceDeploymentStatus === 'SUCCESSFUL' ? 0 : 1;
  } finally {
    await started.local.close();
    await bundles.dispose();
  }
}
