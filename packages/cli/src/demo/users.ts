import type { AwsServices, LambdaLikeContext, LocalCodeDeploy } from '@greenlight/local';

/** What simulated users did while they ran. */
export interface UserStats {
  readonly requests: number;
  /** Requests per version that served them. */
  readonly byVersion: Readonly<Record<string, { requests: number; errors: number }>>;
}

/** Simulated users of a Lambda alias; `stop()` ends them and says what they saw. */
export interface Users {
  stop(): UserStats;
}

/** Options of {@link startUsers}. */
export interface UsersOptions {
  readonly local: LocalCodeDeploy;
  readonly services: AwsServices;
  readonly functionName: string;
  readonly alias: string;
  /** Milliseconds between two requests. @default 25 */
  readonly intervalMs?: number;
}

const CONTEXT = { functionName: 'orders', functionVersion: '$LATEST' } as unknown as LambdaLikeContext;

/**
 * Calls a simulated Lambda alias as users would, routed like Lambda routes an alias (its version, and the
 * canary's share to the additional version), and publishes what Lambda publishes for each call:
 * `AWS/Lambda` `Invocations` and `Errors` with the `FunctionName`, `Resource` and `ExecutedVersion`
 * dimensions. That is what a post-traffic hook's metric check reads.
 *
 * @example
 * const users = startUsers({ local, services, functionName: 'orders', alias: 'live' });
 * // … deploy …
 * users.stop(); // { requests: 120, byVersion: { '1': { requests: 108, errors: 0 }, '2': … } }
 */
export function startUsers(options: UsersOptions): Users {
  const byVersion: Record<string, { requests: number; errors: number }> = {};
  let requests = 0;
  const call = async () => {
    const fn = options.local.state.lambdaFunctions.get(options.functionName);
    const routing = fn?.aliases.get(options.alias);
    if (!fn || !routing) return;
    let version = routing.version;
    let draw = Math.random();
    for (const [v, weight] of Object.entries(routing.additionalVersionWeights)) {
      if (draw < weight) {
        version = v;
        break;
      }
      draw -= weight;
    }
    const handler = fn.versions.get(version);
    if (!handler) return;
    let failed = 0;
    try {
      await handler({ action: 'quote', items: [{ sku: 'BOOK-1', qty: 1 }] }, CONTEXT);
    } catch {
      failed = 1;
    }
    requests += 1;
    byVersion[version] ??= { requests: 0, errors: 0 };
    const seen = byVersion[version]!;
    seen.requests += 1;
    seen.errors += failed;
    const dimensions = {
      FunctionName: options.functionName,
      Resource: `${options.functionName}:${options.alias}`,
      ExecutedVersion: version,
    };
    const timestamp = Date.now();
    options.services.cloudwatch.putMetricData({
      namespace: 'AWS/Lambda',
      metricName: 'Invocations',
      dimensions,
      points: [{ timestamp, value: 1 }],
    });
    options.services.cloudwatch.putMetricData({
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions,
      points: [{ timestamp, value: failed }],
    });
  };
  const timer = setInterval(() => void call(), options.intervalMs ?? 25);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return { requests, byVersion: structuredClone(byVersion) };
    },
  };
}
