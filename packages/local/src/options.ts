import { type Clock, systemClock } from './clock.js';
import { LocalCodeDeployError } from './errors.js';
import type { Credentials } from './http/sigv4.js';
import type { AwsServicesOptions } from './services/state.js';

/** Options of {@link startLocalCodeDeploy}. */
export interface LocalCodeDeployOptions {
  /** The port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /**
   * Real time per unit of service time: 1 = real time, 0.001 = 1000x faster, 0 = no waiting at all
   * (canary intervals, retry delays and the termination wait are skipped; deadlines, i.e. the hook timeout
   * and the ECS ready wait, are then not armed, since they would fire at once: use a small positive scale
   * to test timeouts). @default 1
   */
  readonly timeScale?: number;
  /**
   * When given, SigV4 signatures are verified against them (strict mode): over the raw body (the client's
   * `x-amz-content-sha256` is never trusted), for the service the request reached and for one of
   * `signingRegions`. @default undefined: any well-formed SigV4 Authorization header is accepted
   */
  readonly credentials?: Credentials;
  /** In strict mode, the regions a request may be signed for. @default [region] */
  readonly signingRegions?: readonly string[];
  /** @default 'us-east-1' */
  readonly region?: string;
  /** The account id in ARNs. @default '123456789012' */
  readonly accountId?: string;
  /** Lambda async retries after a failed invocation (0, 1 or 2; after 1 min, then 2 min, scaled). @default 2 */
  readonly hookRetries?: 0 | 1 | 2;
  /**
   * The fraction (0..1) of successful hook invocations that Lambda delivers a second time (async events
   * are delivered at least once), drawn from the seeded random. Use it to test idempotent reporting.
   * @default 0
   */
  readonly hookDuplicateRate?: number;
  /** CodeDeploy's hook timeout, in service time (scaled). @default 3_600_000 (one hour) */
  readonly hookTimeoutMs?: number;
  /** A hook function's own timeout (the Lambda timeout), real milliseconds, not scaled. @default 30_000 */
  readonly functionTimeoutMs?: number;
  /** The largest request body accepted, bytes (larger ones: HTTP 413). @default 1_048_576 */
  readonly bodyLimit?: number;
  /**
   * The request body bytes held at once across all connections; a body that does not fit is answered HTTP 503
   * `ServiceUnavailable` (the SDK retries it) before it is read. @default 16_777_216 (16 MiB)
   */
  readonly maxInFlightBytes?: number;
  /**
   * Real milliseconds a request body may take to arrive after its headers; a slower one is answered HTTP 408
   * `RequestTimeoutException` and its connection closed. @default 10_000
   */
  readonly bodyTimeoutMs?: number;
  /** Open connections accepted at once; further ones are closed at once. @default 512 */
  readonly maxConnections?: number;
  /**
   * The most entries `requests` and `reports` keep: once full, the oldest eighth is dropped, so a long-running
   * server's memory stays bounded. @default 50_000
   */
  readonly logLimit?: number;
  /** Seed of the random used by fault rates. @default 42 */
  readonly seed?: number;
  /** The clock (and timers) to use. @default systemClock */
  readonly clock?: Clock;
  /**
   * The Lambda, CloudWatch, ELBv2 and ECS slices mounted on the same endpoint: their options (`random`, `now`),
   * or `false` to mount none (to mount your own). @default {} (mounted, with `region`, `accountId` and
   * `functionTimeoutMs` from these options)
   */
  readonly services?: Omit<AwsServicesOptions, 'region' | 'accountId'> | false;
}

/** Options with defaults applied. */
export type ResolvedOptions = Required<
  Omit<LocalCodeDeployOptions, 'credentials' | 'services' | 'signingRegions'>
> & {
  readonly credentials: Credentials | undefined;
  readonly signingRegions: readonly string[];
  readonly services: Omit<AwsServicesOptions, 'region' | 'accountId'> | false;
};

/** The defaults. */
export const DEFAULT_OPTIONS = {
  port: 0,
  host: '127.0.0.1',
  timeScale: 1,
  region: 'us-east-1',
  accountId: '123456789012',
  hookRetries: 2,
  hookDuplicateRate: 0,
  hookTimeoutMs: 3_600_000,
  functionTimeoutMs: 30_000,
  bodyLimit: 1_048_576,
  maxInFlightBytes: 16_777_216,
  bodyTimeoutMs: 10_000,
  maxConnections: 512,
  logLimit: 50_000,
  seed: 42,
  clock: systemClock,
  services: {},
} as const;

const KNOWN = new Set([...Object.keys(DEFAULT_OPTIONS), 'credentials', 'signingRegions']);

function fail(message: string): never {
  throw new LocalCodeDeployError('INVALID_OPTIONS', message);
}

/**
 * Applies defaults and rejects unknown or bad options with an error that names the option.
 *
 * @example
 * ```ts
 * resolveOptions({ timeScal: 0 }); // throws: Unknown option `timeScal`
 * ```
 */
export function resolveOptions(options: LocalCodeDeployOptions = {}): ResolvedOptions {
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) fail(`Unknown option \`${key}\``);
  const merged = { ...DEFAULT_OPTIONS, ...options };
  const o = { ...merged, signingRegions: options.signingRegions ?? [merged.region] } as ResolvedOptions;
  const finite = (name: keyof ResolvedOptions, min: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
      fail(`Expected \`${name}\` to be a finite number >= ${min}`);
  };
  finite('port', 0);
  finite('timeScale', 0);
  finite('hookTimeoutMs', 0);
  finite('functionTimeoutMs', 1);
  finite('bodyLimit', 1);
  finite('maxInFlightBytes', 1);
  finite('bodyTimeoutMs', 1);
  finite('maxConnections', 1);
  if (!(o.logLimit === Number.POSITIVE_INFINITY || (Number.isInteger(o.logLimit) && o.logLimit > 0)))
    fail('Expected `logLimit` to be a positive integer or Infinity');
  if (
    !Array.isArray(o.signingRegions) ||
    o.signingRegions.length === 0 ||
    !o.signingRegions.every((r) => typeof r === 'string' && r !== '')
  )
    fail('Expected `signingRegions` to be a non-empty list of region names');
  if (!(o.hookDuplicateRate >= 0 && o.hookDuplicateRate <= 1))
    fail('Expected `hookDuplicateRate` to be a number from 0 to 1');
  if (![0, 1, 2].includes(o.hookRetries)) fail('Expected `hookRetries` to be 0, 1 or 2');
  if (o.services !== false && (typeof o.services !== 'object' || o.services === null)) {
    fail("Expected `services` to be the service slices' options, or false");
  }
  if (o.credentials && (!o.credentials.accessKeyId || !o.credentials.secretAccessKey)) {
    fail('Expected `credentials` to have accessKeyId and secretAccessKey');
  }
  return o;
}
