/**
 * Words for anything thrown, safe to log or put in an error message: never throws (whatever getters,
 * `toString` or `toJSON` do), bounded in size, one line, and with credentials redacted.
 */

/**
 * Longest description or reason greenlight writes, in characters.
 *
 * @example
 * const reason = tidyText(said, MAX_TEXT);
 */
export const MAX_TEXT = 1_000;
/** Longest foreign text read before redaction (a 5 MB error message is not scanned whole). */
const MAX_SCAN = 64 * 1024;

// Credentials that AWS error messages (e.g. SigV4's canonical request), SDK dumps or environment listings
// may quote: the session token, request signatures, secret keys. Each match keeps its label.
const SECRETS =
  /((?:x-amz-security-token|x-amz-signature|signature|(?:aws_)?secret_?access_?key|(?:aws_)?session_?token)["']?\s*[:=]\s*["']?)[^\s"',;&)]+/gi;
// An STS session token on its own (they start with these, base64 of a protobuf header).
const BARE_TOKEN = /\b(?:IQoJ|FwoG|FQoG)[A-Za-z0-9/+=]{16,}/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what gets replaced.
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * Removes credentials from `text`: `x-amz-security-token`, signatures, secret keys and session tokens keep
 * their label and lose their value.
 *
 * @example
 * redact('x-amz-security-token:IQoJb3JpZ2luX2Vj...'); // 'x-amz-security-token:[REDACTED]'
 */
export function redact(text: string): string {
  return text.replace(SECRETS, '$1[REDACTED]').replace(BARE_TOKEN, '[REDACTED]');
}

/**
 * One line of at most `max` characters, credentials redacted: what every reason and message greenlight
 * writes goes through.
 *
 * @example
 * tidyText('HTTP 503\n  Service Unavailable'); // 'HTTP 503 Service Unavailable'
 */
export function tidyText(text: string, max = MAX_TEXT): string {
  const line = redact(text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text)
    .replace(CONTROL, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Reads `value[key]` without letting a getter or a Proxy trap throw. */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function raw(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty string)' : value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) {
    const message = read(value, 'message');
    if (typeof message === 'string' || value instanceof Error) {
      const name = read(value, 'name');
      const prefix = typeof name === 'string' && name !== '' && name !== 'Error' ? `${name}: ` : '';
      return `${prefix}${typeof message === 'string' && message !== '' ? message : '(no message)'}`;
    }
  }
  try {
    return `non-Error value ${JSON.stringify(value) ?? String(value)}`;
  } catch {
    try {
      return `non-Error value ${String(value)}`;
    } catch {
      return `non-Error value of type ${typeof value}`;
    }
  }
}

/**
 * A readable, bounded, redacted description of anything thrown: an Error's name and message, or the value
 * itself. Never throws.
 *
 * @example
 * describeThrown(new TypeError('bad URL')); // 'TypeError: bad URL'
 * describeThrown({ status: 503 }); // 'non-Error value {"status":503}'
 */
export function describeThrown(value: unknown): string {
  let text: string;
  try {
    text = raw(value);
  } catch {
    text = `non-Error value of type ${typeof value}`;
  }
  return tidyText(text);
}

/**
 * A short, safe rendering of a value for a message: strings quoted, functions named as such. Never throws.
 *
 * @example
 * shown('lots'); // '"lots"'
 * shown(Number.NaN); // 'NaN'
 */
export function shown(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || typeof value === 'bigint')
    return tidyText(`${value}${typeof value === 'bigint' ? 'n' : ''}`, 200);
  try {
    return tidyText(JSON.stringify(value) ?? String(value), 200);
  } catch {
    try {
      return tidyText(String(value), 200);
    } catch {
      return `a value of type ${typeof value}`;
    }
  }
}

/**
 * Makes a foreign error (an SDK error, a check's) safe to attach as a `cause` and to log: its message, stack
 * and string properties bounded and redacted, in place, down its `cause` chain (at most 5 deep). Returns it,
 * or a plain `Error` describing it when it cannot be changed (frozen, or not an object).
 *
 * @example
 * throw new HookReportError(code, message, details, { cause: scrubbed(sdkError) });
 */
export function scrubbed(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null) return error;
  try {
    const record = error as Record<string, unknown>;
    const message = record.message;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'string' && key !== 'stack') record[key] = tidyText(v, 4 * MAX_TEXT);
      else if (key === 'cause' && depth < 5) record[key] = scrubbed(v, depth + 1);
    }
    if (typeof message === 'string') {
      const tidy = tidyText(message, 4 * MAX_TEXT);
      if (tidy !== message) {
        Object.defineProperty(error, 'message', { value: tidy, writable: true, configurable: true });
        const stack = record.stack;
        if (typeof stack === 'string') {
          const at = stack.indexOf('\n    at ');
          const frames = at === -1 ? '' : stack.slice(at);
          Object.defineProperty(error, 'stack', {
            value: `${String(record.name)}: ${tidy}${frames}`,
            writable: true,
            configurable: true,
          });
        }
      }
    }
    if (depth < 5 && 'cause' in record && !Object.keys(record).includes('cause')) {
      Object.defineProperty(error, 'cause', {
        value: scrubbed(record.cause, depth + 1),
        writable: true,
        configurable: true,
      });
    }
    return error;
  } catch {
    return new Error(describeThrown(error));
  }
}
