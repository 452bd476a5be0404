import type { ExitCode, Io } from './io.js';

/**
 * One `greenlight` command: its name, a one-line summary for the command list, its `--help` text and
 * what it does.
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The full `--help` text, ending with a newline. */
  readonly help: string;
  /** Hidden commands run but are not listed in `greenlight --help`. */
  readonly hidden?: boolean;
  run(args: readonly string[], io: Io): Promise<ExitCode>;
}
