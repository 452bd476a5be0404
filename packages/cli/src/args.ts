import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A mistake in the command line: printed with a pointer to `--help`, exit code 2.
 *
 * @example
 * throw new UsageError("--platform must be lambda or ecs, got 'ec2'", 'simulate');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help to point at (`greenlight <command> --help`). */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** One option, as `node:util` parseArgs takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}
type Options = Readonly<Record<string, OptionSpec>>;
type Value<T> = T extends { type: 'boolean' } ? boolean : string;
/** What {@link parse} returns: each option's value (a list for `multiple` ones) and the positionals. */
export interface Parsed<O extends Options> {
  readonly values: { [K in keyof O]?: O[K] extends { multiple: true } ? Value<O[K]>[] : Value<O[K]> };
  readonly positionals: string[];
}

/**
 * `node:util` parseArgs in strict mode, with its errors turned into a {@link UsageError} for `command`.
 *
 * @example
 * const { values, positionals } = parse('serve', ['--port', '4566'], { port: { type: 'string' } });
 */
export function parse<O extends Options>(command: string, args: readonly string[], options: O): Parsed<O> {
  try {
    const config: ParseArgsConfig = {
      args: [...args],
      options: options as ParseArgsConfig['options'],
      allowPositionals: true,
      strict: true,
    };
    return parseArgs(config) as unknown as Parsed<O>;
  } catch (err) {
    // Errors thrown by node itself may come from another realm (jest): read `message` structurally.
    const message =
      typeof (err as { message?: unknown })?.message === 'string' ? (err as Error).message : String(err);
    throw new UsageError(
      message.replace(/\. To specify a positional argument.*$/s, '.').replace(/\n/g, ' '),
      command,
    );
  }
}

/**
 * Parses a non-negative number option, or throws a {@link UsageError} naming it.
 *
 * @example
 * numberOption('serve', 'port', '4566', { integer: true, max: 65535 }); // 4566
 */
export function numberOption(
  command: string,
  name: string,
  value: string | undefined,
  { integer = false, min = 0, max = Number.POSITIVE_INFINITY } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const what = integer ? 'an integer' : 'a number';
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be ${what} ${range}, got '${value}'`, command);
  }
  return n;
}

/**
 * Parses repeated `KEY=VALUE` options into a record, or throws a {@link UsageError}.
 *
 * @example
 * keyValues('simulate', 'env', ['TEST_LISTENER_URL=http://localhost:8080']); // { TEST_LISTENER_URL: '...' }
 */
export function keyValues(
  command: string,
  name: string,
  values: readonly string[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} expects KEY=VALUE, got '${item}'`, command);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
