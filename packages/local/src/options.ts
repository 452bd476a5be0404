import {
  between,
  type Clock,
  finiteNumber,
  is,
  nonEmptyString,
  type OptionSpec,
  oneOf,
  optional,
  stringList,
  systemClock,
  validateOptions,
} from '@greenlight/contract';
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

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const atLeast = (min: number) => optional(`a finite number >= ${min}`, (v) => isFiniteNumber(v) && v >= min);

/** A validator per option: the compiler refuses a spec that misses or adds one. */
const SPEC: OptionSpec<LocalCodeDeployOptions> = {
  port: optional(
    'a port number from 0 to 65535',
    (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535,
  ),
  host: nonEmptyString,
  timeScale: atLeast(0),
  credentials: optional(
    'static credentials with accessKeyId and secretAccessKey',
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Partial<Credentials>).accessKeyId === 'string' &&
      (v as Credentials).accessKeyId !== '' &&
      typeof (v as Partial<Credentials>).secretAccessKey === 'string' &&
      (v as Credentials).secretAccessKey !== '',
  ),
  signingRegions: stringList,
  region: nonEmptyString,
  accountId: nonEmptyString,
  hookRetries: oneOf([0, 1, 2]),
  hookDuplicateRate: between(0, 1),
  hookTimeoutMs: atLeast(0),
  functionTimeoutMs: atLeast(1),
  bodyLimit: atLeast(1),
  maxInFlightBytes: atLeast(1),
  bodyTimeoutMs: atLeast(1),
  maxConnections: atLeast(1),
  logLimit: optional(
    'a positive integer or Infinity',
    (v) => v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && (v as number) > 0),
  ),
  seed: finiteNumber,
  clock: is.methods('now', 'setTimeout', 'clearTimeout'),
  services: optional(
    "the service slices' options (an object), or false",
    (v) => v === false || (typeof v === 'object' && v !== null && !Array.isArray(v)),
  ),
};

/**
 * Applies defaults and rejects unknown or bad options with an `InvalidOptionsError` that names the option.
 * An option given as `undefined` takes its default.
 *
 * @example
 * ```ts
 * resolveOptions({ timeScal: 0 }); // throws InvalidOptionsError: Unknown option `timeScal` of startLocalCodeDeploy. ...
 * ```
 */
export function resolveOptions(options: LocalCodeDeployOptions = {}): ResolvedOptions {
  const given = validateOptions('startLocalCodeDeploy', options, SPEC);
  const merged: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
  const o = merged as unknown as Omit<ResolvedOptions, 'signingRegions' | 'credentials'>;
  return { ...o, credentials: given.credentials, signingRegions: given.signingRegions ?? [o.region] };
}
