import { UsageError } from './args.js';
import type { Command } from './command.js';
import { demoCommand } from './commands/demo.js';
import { initCommand } from './commands/init.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import type { ExitCode, Io } from './io.js';
import { VERSION } from './version.js';

/** Every command, in the order `greenlight --help` lists them. */
export const COMMANDS: readonly Command[] = [initCommand, simulateCommand, serveCommand, demoCommand];

/** Exit code of a usage error (a bad flag, a missing argument). */
export const USAGE_EXIT = 2;

/**
 * The top-level `--help` text.
 *
 * @example
 * process.stdout.write(globalHelp());
 */
export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.filter((c) => !c.hidden)
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `greenlight ${VERSION}: write, test and simulate AWS CodeDeploy lifecycle hooks.

Usage: greenlight <command> [options]

Commands:
${list}

Options:
  -h, --help     Show help (also: greenlight <command> --help)
  -v, --version  Show the version

Examples:
  greenlight init my-hook --template lambda-before-allow-traffic
  greenlight simulate --hook BeforeAllowTraffic=src/handler.ts
  greenlight serve --port 4566
  greenlight demo
`;
}

const wantsHelp = (args: readonly string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code: 0 on success, 1 when
 * the command failed (e.g. a deployment that did not succeed), 2 for a usage error.
 *
 * @example
 * const code = await main(['simulate', '--hook', 'BeforeAllowTraffic=hook.ts'], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic)
      return usageError(new UsageError(`unknown command '${rest[0]}'`), io);
    (name === undefined ? io.stderr : io.stdout).write(topic ? topic.help : globalHelp());
    return name === undefined ? USAGE_EXIT : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const hint = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
    return usageError(
      new UsageError(
        `${hint}. Commands: ${COMMANDS.filter((c) => !c.hidden)
          .map((c) => c.name)
          .join(', ')}`,
      ),
      io,
    );
  }
  if (wantsHelp(rest)) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) return usageError(err, io);
    const message =
      typeof (err as { message?: unknown })?.message === 'string' ? (err as Error).message : String(err);
    io.stderr.write(`greenlight ${command.name}: ${message}\n`);
    return 1;
  }
}

function usageError(err: UsageError, io: Io): ExitCode {
  const where = err.command ? `greenlight ${err.command}` : 'greenlight';
  io.stderr.write(`${where}: ${err.message}\nRun '${where} --help' for usage.\n`);
  return USAGE_EXIT;
}
