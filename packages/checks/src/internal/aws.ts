import { describeThrown, GreenlightError } from '@greenlight/contract';
import { own, untilAborted } from './abort.js';

/**
 * What a check needs of an AWS SDK v3 client: `send(command, { abortSignal })`. Every SDK client fits.
 *
 * @example
 * const client: AwsClientLike = new LambdaClient({ region: 'eu-west-1' });
 */
export interface AwsClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: SDK clients' send is overloaded; any command object is accepted.
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>;
}

/**
 * An AWS call a check made failed (not a failing verdict: the check could not tell). `poll` keeps trying
 * after a transient one (throttling, 5xx, network) and stops at any other.
 *
 * @example
 * catch (e) { if (e instanceof CheckCallError) console.log(e.operation, e.cause); }
 */
export class CheckCallError extends GreenlightError {
  /** The check factory, e.g. `alarms`. */
  readonly check: string;
  /** The AWS operation, e.g. `DescribeAlarms`. */
  readonly operation: string;
  constructor(check: string, operation: string, cause: unknown) {
    super('CHECK_CALL_FAILED', `${check}: ${operation} failed: ${describeThrown(cause)}`, { cause });
    this.name = 'CheckCallError';
    this.check = check;
    this.operation = operation;
  }
}

/**
 * The injected client, or one made on first use by `create` (a dynamic `import()` of the SDK client, so
 * nothing is loaded before a check runs). Memoised per check instance.
 */
export function lazyClient<C extends AwsClientLike>(
  injected: C | undefined,
  create: () => Promise<C>,
): () => Promise<C> {
  let made: Promise<C> | undefined;
  return () => {
    if (injected) return Promise.resolve(injected);
    made ??= create().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}

/**
 * Sends `command` with `signal` as its `abortSignal`, wrapping a failure in {@link CheckCallError} (an abort is
 * re-thrown as it is). When `signal` fires the call is over for the check, even with a client that does not
 * honour `abortSignal`: the check settles, it does not wait for an answer it no longer wants.
 */
export async function call<T>(
  check: string,
  operation: string,
  client: AwsClientLike,
  command: unknown,
  signal: AbortSignal,
): Promise<T> {
  try {
    // The client's own listener goes on a signal of this call's, not on the check's.
    const abortSignal = own(signal);
    const sent = Promise.resolve().then(() => client.send(command, { abortSignal }) as Promise<T>);
    return await untilAborted(sent, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new CheckCallError(check, operation, error);
  }
}
