import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { keyValues, numberOption, parse, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { inCheckout } from '../init/templates.js';
import { useColor } from '../io.js';
import { startLocalAws } from '../local-aws.js';
import { bundleHooks } from '../simulate/bundle.js';
import { painter } from '../style.js';

const HELP = `Usage: greenlight serve [--port <n>] [--host <addr>] [--time-scale <x>] [--function <Name>=<module>]…

Run the local CodeDeploy as a server for other tools: the AWS CLI, the SDKs, a hook under test
elsewhere. It speaks CodeDeploy's real wire protocol (awsJson1_1, SigV4-signed requests), with the
Lambda Invoke, CloudWatch, ELBv2 and ECS slices hooks' checks call on the same endpoint, and prints
the environment variables that point a client at it. Stop it with Ctrl+C.

Options:
  -p, --port <n>             Port to listen on (default: 4566; 0 picks a free one)
      --host <addr>          Interface to listen on (default: 127.0.0.1)
      --time-scale <x>       Real time per unit of service time: 1 = real time (default),
                             0.01 = 100x faster (hook timeout, canary intervals, retry delays)
      --region <r>           The region in ARNs and the printed env (default: us-east-1)
      --function <N>=<mod>   Register a hook function named N (as AppSpec Hooks name it) whose
                             handler is the module's \`handler\` export (TypeScript or JavaScript,
                             bundled with esbuild, run in a child process per invocation). Repeatable.
      --env-file <path>      Also write the environment variables to this file (KEY=VALUE lines), for
                             scripts and CI that start serve in the background; removed on stop
  -h, --help                 Show this help

Example:
  greenlight serve --port 4566 --function CodeDeployHook_pre=src/handler.ts
  AWS_ENDPOINT_URL=http://127.0.0.1:4566 aws deploy list-deployments

  greenlight serve --port 0 --env-file .greenlight.env &   # in CI: wait for the file, then
  set -a && . ./.greenlight.env && set +a
`;

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
      'env-file': { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'serve');
    const port = numberOption('serve', 'port', values.port, { integer: true, max: 65535 }) ?? 4566;
    const timeScale = numberOption('serve', 'time-scale', values['time-scale']) ?? 1;
    const functions = keyValues('serve', 'function', values.function);
    const envFile = values['env-file'] === undefined ? undefined : resolve(io.cwd, values['env-file']);
    const bundles = Object.keys(functions).length
      ? await bundleHooks(
          Object.entries(functions).map(([name, module]) => ({
            name,
            module: resolve(io.cwd, module),
            exportName: 'handler',
          })),
          { sourceCondition: inCheckout(io.packageRoot) },
        )
      : undefined;
    const { local, env } = await startLocalAws({
      port,
      timeScale,
      ...(values.host ? { host: values.host } : {}),
      ...(values.region ? { region: values.region } : {}),
    });
    try {
      for (const name of Object.keys(functions))
        local.registerFunction(name, { module: bundles!.files[name]! });
      const paint = painter(useColor(io.stdout, io.env));
      io.stdout.write(
        `${paint('green', 'greenlight local CodeDeploy')} listening on ${paint('bold', local.endpoint)}\n\n`,
      );
      io.stdout.write('Point the AWS CLI, the SDKs and your hooks at it:\n');
      for (const [k, v] of Object.entries(env)) io.stdout.write(`  export ${k}=${v}\n`);
      if (envFile) {
        await writeFile(
          envFile,
          Object.entries(env)
            .map(([k, v]) => `${k}=${v}\n`)
            .join(''),
        );
        io.stdout.write(`\n(also written to ${values['env-file']})\n`);
      }
      for (const name of Object.keys(functions))
        io.stdout.write(`\nHook function ${paint('bold', name)} → ${functions[name]}`);
      io.stdout.write(`${Object.keys(functions).length ? '\n' : ''}\nPress Ctrl+C to stop.\n`);
      await new Promise<void>((done) => {
        if (!io.signal || io.signal.aborted) return done();
        io.signal.addEventListener('abort', () => done(), { once: true });
      });
      io.stdout.write('Stopping.\n');
      return 0;
    } finally {
      if (envFile) await rm(envFile, { force: true });
      await local.close();
      await bundles?.dispose();
    }
  },
};
