/** Somewhere the CLI writes text: `process.stdout`, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  /** True when a terminal is attached: colour and interactive prompts are used only then. */
  readonly isTTY?: boolean;
}

/** Somewhere the CLI reads answers from (interactive prompts): `process.stdin`, or a stream in tests. */
export interface Input extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
}

/**
 * The CLI's world: streams, environment, working directory and a stop signal. `bin.ts` passes the real
 * process; tests pass buffers, so every command runs in-process with observable output.
 *
 * @example
 * const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), packageRoot: '/repo/packages/cli' };
 */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdin?: Input;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl+C / SIGTERM: long-running commands (`serve`) stop and clean up. */
  readonly signal?: AbortSignal;
  /** The CLI package's folder (`packages/cli` in the repository): where templates and examples are found. */
  readonly packageRoot: string;
}

/** A command's exit code: 0 for success. */
export type ExitCode = number;

/**
 * Whether to colour `out`: on a TTY unless `NO_COLOR` is set, or when `FORCE_COLOR` asks for it.
 *
 * @example
 * useColor(process.stdout, process.env); // true in a terminal
 */
export function useColor(out: Output, env: Io['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return out.isTTY === true;
}

/** Exit code after Ctrl+C (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;

/**
 * Calls `stop` once when `signal` aborts (at once if it already has); returns a function that stops watching.
 *
 * @example
 * const unwatch = onAbort(io.signal, () => void local.close());
 */
export function onAbort(signal: AbortSignal | undefined, stop: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    stop();
    return () => {};
  }
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}
