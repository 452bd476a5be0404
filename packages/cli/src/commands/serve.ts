import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AwsServices, DeploymentHandle, LambdaHandler, LocalCodeDeploy } from '@greenlight/local';
import { keyValues, numberOption, parse, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { inCheckout } from '../init/templates.js';
import { type Io, useColor } from '../io.js';
import { startLocalAws } from '../local-aws.js';
import { type BundleInput, bundleHooks } from '../simulate/bundle.js';
import { follow } from '../simulate/follow.js';
import { splitExport } from '../simulate/hooks.js';
import { InvocationLog } from '../simulate/invocations.js';
import { TimelinePrinter } from '../simulate/printer.js';
import { span } from '../simulate/summary.js';
import { loadTarget } from '../simulate/target-code.js';
import { painter } from '../style.js';

/**
 * serve's default port. Not 4566, LocalStack's: a developer running both must not find one answering for
 * the other. 4650 lies outside LocalStack's ports (4510–4559, 4566, and its former per-service 4567–4597)
 * and the usual development servers' (3000, 5000, 8000, 8080…).
 */
export const DEFAULT_PORT = 4650;

/** The first line of a `--write-env` file: what wrote it (so a later serve may overwrite it, and no other file). */
const ENV_FILE_MARK = '# written by greenlight serve; removed when it stops';

const HELP = `Usage: greenlight serve [--port <n>] [--host <addr>] [--time-scale <x>] [--function <Name>=<module>]…

Run the local CodeDeploy as a server for other tools: the AWS CLI, the SDKs, a hook under test
elsewhere. It speaks CodeDeploy's real wire protocol (awsJson1_1, SigV4-signed requests), with the
Lambda Invoke, CloudWatch, ELBv2 and ECS slices hooks' checks call on the same endpoint, and prints
the environment variables that point a client at it, then every deployment's timeline as it runs:
each lifecycle event, each hook invocation and what the hook answered. Stop it with Ctrl+C: the
deployments in progress are stopped, and hook invocations still running end before serve does
(Ctrl+C again quits at once).

Options:
  -p, --port <n>             Port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
      --host <addr>          Interface to listen on (default: 127.0.0.1)
      --time-scale <x>       Real time per unit of service time: 1 = real time (default),
                             0.01 = 100x faster (hook timeout, canary intervals, retry delays)
      --region <r>           The region in ARNs and the printed env (default: us-east-1)
      --function <N>=<mod>   Register a hook function named N (as AppSpec Hooks name it) whose
                             handler is the module's \`handler\` export (or mod#export; TypeScript or
                             JavaScript, bundled with esbuild, run as Lambda's Node.js runtime
                             runs it: a warm node process per function). Repeatable.
  -e, --env <K>=<V>          Environment variable of every hook function (besides the endpoint,
                             region and credentials serve gives them). Repeatable.
      --target <F>:<v>=<mod> The code of version v of Lambda function F (its \`handler\`, or
                             mod#export): what invokeTarget checks call when a deployment ships
                             that version. Repeatable.
      --timeout <s>          Hook function timeout in seconds (default: 300)
      --write-env <path>     Also write the environment variables to this file (KEY=VALUE lines), for
                             scripts and CI that start serve in the background; removed on stop. An
                             existing file that serve did not write is left alone (an error).
  -h, --help                 Show this help

Example:
  greenlight serve --function CodeDeployHook_pre=src/handler.ts --target orders:2=src/orders.ts
  AWS_ENDPOINT_URL=http://127.0.0.1:${DEFAULT_PORT} aws deploy list-deployments

  greenlight serve --port 0 --write-env .greenlight.env &   # in CI: wait for the file, then
  set -a && . ./.greenlight.env && set +a
`;

/** A `--target F:v=module`. */
interface TargetCode {
  readonly functionName: string;
  readonly version: string;
  readonly module: string;
  readonly exportName: string;
}

function targetCode(spec: string, cwd: string): TargetCode {
  const match = /^([A-Za-z0-9_-]{1,64}):([A-Za-z0-9$_-]{1,32})=(.+)$/.exec(spec);
  if (!match)
    throw new UsageError(
      `--target expects Function:version=module (e.g. orders:2=src/orders.ts), got '${spec}'`,
      'serve',
    );
  const { path, exportName } = splitExport(match[3]!);
  return { functionName: match[1]!, version: match[2]!, module: resolve(cwd, path), exportName };
}

/** Writes the env file, refusing to replace a file serve did not write. */
async function writeEnvFile(file: string, shown: string, env: Readonly<Record<string, string>>) {
  if (existsSync(file) && !(await readFile(file, 'utf8')).startsWith(ENV_FILE_MARK))
    throw new UsageError(
      `${shown} exists and was not written by greenlight serve; choose another --write-env path`,
      'serve',
    );
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}\n`);
  const content = `${ENV_FILE_MARK}\n${lines.join('')}`;
  await writeFile(file, content);
  return content;
}

/** How many hook invocations of a deployment are running now. */
const runningInvocations = (handle: DeploymentHandle) =>
  handle.history.reduce(
    (n, ev) => (ev.type === 'invocation' ? n + (ev.result === 'started' ? 1 : -1) : n),
    0,
  );

/**
 * Follows every deployment the server runs, printing each one's timeline as it happens, with what each hook
 * invocation ended with (recorded by `log`'s hook functions, by function name). A deployment is followed from
 * the first scan after it is created, or at the latest when one of its hook invocations ends.
 */
function followDeployments(local: LocalCodeDeploy, printer: TimelinePrinter) {
  const followed = new Map<string, DeploymentHandle>();
  const runs: Promise<unknown>[] = [];
  const stopping = new AbortController();
  const scan = () => {
    for (const handle of local.deployments()) {
      if (followed.has(handle.deploymentId)) continue;
      followed.set(handle.deploymentId, handle);
      printer.header({ deploymentId: handle.deploymentId, what: 'started', deploymentConfig: '' });
      const source = (_event: string, fn: string | undefined) => (fn ? log.take(fn) : undefined);
      runs.push(
        follow(
          handle,
          source,
          {
            event: (ev) => printer.event(ev),
            invocation: (event, invocation) => printer.invocation(event, invocation),
          },
          { stopping: stopping.signal },
        ).then(({ outcome }) =>
          printer.outcome(handle.deploymentId, outcome, span(handle.history).durationMs),
        ),
      );
    }
  };
  const log = new InvocationLog(scan);
  const timer = setInterval(scan, 100);
  return {
    log,
    /** Hook invocations running now, in every deployment. */
    running: () => [...followed.values()].reduce((n, h) => n + runningInvocations(h), 0),
    /**
     * Stops the deployments still running (as StopDeployment does), and resolves once each has its outcome and
     * no hook invocation runs (a hook that reported may still be returning: its result is printed first).
     */
    stop: async () => {
      clearInterval(timer);
      scan();
      stopping.abort();
      for (const handle of followed.values()) handle.stop(false);
      await Promise.allSettled(runs);
    },
  };
}

/** `greenlight serve`: runs the local CodeDeploy until stopped. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the local CodeDeploy as a server for the AWS CLI, SDKs and hooks',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse('serve', args, {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'time-scale': { type: 'string' },
      region: { type: 'string' },
      function: { type: 'string', multiple: true },
      env: { type: 'string', short: 'e', multiple: true },
      target: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'write-env': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'serve');
    const port = numberOption('serve', 'port', values.port, { integer: true, max: 65535 }) ?? DEFAULT_PORT;
    const timeScale = numberOption('serve', 'time-scale', values['time-scale']) ?? 1;
    const timeoutS = numberOption('serve', 'timeout', values.timeout, { min: 0.1 }) ?? 300;
    const functions = keyValues('serve', 'function', values.function);
    const hookEnv = keyValues('serve', 'env', values.env);
    const targets = (values.target ?? []).map((t) => targetCode(t, io.cwd));
    const envFile = values['write-env'] === undefined ? undefined : resolve(io.cwd, values['write-env']);
    const hookFunctions = Object.entries(functions).map(([name, module]) => {
      const { path, exportName } = splitExport(module);
      return { functionName: name, name: `function-${name}`, module: resolve(io.cwd, path), exportName };
    });
    const inputs: BundleInput[] = [
      ...hookFunctions,
      ...targets.map((t, i) => ({ name: `target-${i}`, module: t.module, exportName: t.exportName })),
    ];
    const bundles = inputs.length
      ? await bundleHooks(inputs, { sourceCondition: inCheckout(io.packageRoot) })
      : undefined;
    const started = await startLocalAws({
      port,
      timeScale,
      ...(values.host ? { host: values.host } : {}),
      ...(values.region ? { region: values.region } : {}),
    }).catch(async (err: unknown) => {
      await bundles?.dispose();
      throw err;
    });
    const { local, env, services } = started;
    let wroteEnvFile: string | undefined;
    const paint = painter(useColor(io.stdout, io.env));
    const printer = new TimelinePrinter((s) => io.stdout.write(s), paint);
    const deployments = followDeployments(local, printer);
    try {
      for (const f of hookFunctions)
        local.registerFunction(
          f.functionName,
          deployments.log.record(f.functionName, {
            module: bundles!.files[f.name]!,
            export: f.exportName,
            timeoutMs: timeoutS * 1000,
            env: hookEnv,
          }),
        );
      registerTargets(targets, bundles?.files ?? {}, services);
      if (envFile) wroteEnvFile = await writeEnvFile(envFile, values['write-env']!, env);
      printBanner(io, paint, local.endpoint, env, functions, targets, values['write-env']);
      await new Promise<void>((done) => {
        if (!io.signal || io.signal.aborted) return done();
        io.signal.addEventListener('abort', () => done(), { once: true });
      });
      const running = deployments.running();
      io.stdout.write(
        running > 0
          ? `Stopping: the deployments in progress are stopped; waiting for ${running} hook invocation${running === 1 ? '' : 's'} to end (Ctrl+C again quits at once).\n`
          : 'Stopping.\n',
      );
      return 0;
    } finally {
      // Deployments end before the server goes: a hook still returning (it reported a moment ago) is not
      // killed, and what it returned is printed.
      await deployments.stop();
      // Remove the env file only while it still holds what serve wrote.
      if (envFile && wroteEnvFile !== undefined && existsSync(envFile)) {
        if ((await readFile(envFile, 'utf8')) === wroteEnvFile) await rm(envFile, { force: true });
      }
      await local.close();
      await bundles?.dispose();
    }
  },
};

/** Gives each `--target` version its code in the local Lambda. */
function registerTargets(
  targets: readonly TargetCode[],
  files: Readonly<Record<string, string>>,
  services: AwsServices,
) {
  const byFunction = new Map<string, Record<string, LambdaHandler>>();
  targets.forEach((t, i) => {
    const file = files[`target-${i}`]!;
    const versions = byFunction.get(t.functionName) ?? {};
    versions[t.version] = loadTarget(file, t.exportName);
    byFunction.set(t.functionName, versions);
  });
  for (const [name, versions] of byFunction) services.lambda.registerFunction(name, versions);
}

function printBanner(
  io: Io,
  paint: ReturnType<typeof painter>,
  endpoint: string,
  env: Readonly<Record<string, string>>,
  functions: Readonly<Record<string, string>>,
  targets: readonly TargetCode[],
  envFile: string | undefined,
) {
  io.stdout.write(
    `${paint('green', 'greenlight local CodeDeploy')} listening on ${paint('bold', endpoint)}\n\n`,
  );
  io.stdout.write('Point the AWS CLI, the SDKs and your hooks at it:\n');
  for (const [k, v] of Object.entries(env)) io.stdout.write(`  export ${k}=${v}\n`);
  if (envFile) io.stdout.write(`\n(also written to ${envFile})\n`);
  for (const name of Object.keys(functions))
    io.stdout.write(`\nHook function ${paint('bold', name)} → ${functions[name]}`);
  for (const t of targets)
    io.stdout.write(
      `\nLambda ${paint('bold', `${t.functionName}:${t.version}`)} → ${t.module}#${t.exportName}`,
    );
  io.stdout.write(`${Object.keys(functions).length + targets.length ? '\n' : ''}\nPress Ctrl+C to stop.\n`);
}
