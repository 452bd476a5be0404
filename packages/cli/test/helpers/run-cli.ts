import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Input, Io, Output } from '../../src/io.js';
import { main } from '../../src/main.js';

/** The CLI package's folder. */
export const PACKAGE_ROOT = join(__dirname, '..', '..');
/** The repository's root. */
export const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
/** Fixture hooks. */
export const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures');

/** An output that keeps what was written. */
export class Captured implements Output {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** What a CLI run produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly tty?: boolean;
  readonly stdin?: Input;
  readonly signal?: AbortSignal;
  /** Called with stdout as it grows (e.g. to stop `serve` once it printed its endpoint). */
  readonly onStdout?: (text: string) => void;
  /** The CLI package's folder, as bin.js would find it. @default this package */
  readonly packageRoot?: string;
}

/**
 * Runs the CLI's `main` in this process with captured output.
 *
 * @example
 * const { code, stdout } = await runCli(['--help']);
 */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const stdout = new Captured(options.tty);
  const stderr = new Captured(options.tty);
  if (options.onStdout) {
    const write = stdout.write.bind(stdout);
    stdout.write = (chunk: string) => {
      const ok = write(chunk);
      options.onStdout?.(stdout.text);
      return ok;
    };
  }
  const io: Io = {
    stdout,
    stderr,
    env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
    cwd: options.cwd ?? REPO_ROOT,
    packageRoot: options.packageRoot ?? PACKAGE_ROOT,
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A stdin that says it is a terminal and answers with `lines`. */
export function ttyInput(lines: readonly string[]): Input {
  const input = new PassThrough() as PassThrough & { isTTY: boolean };
  input.isTTY = true;
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  return input;
}

/** Strips ANSI escapes. */
export const plain = (text: string): string =>
  text
    .split('\u001b')
    .map((part, i) => (i === 0 ? part : part.replace(/^\[\d+m/, '')))
    .join('');
