import {
  type CodeDeployHookEvent,
  type CodeDeployLike,
  createHook,
  type HookContext,
  type HookStatus,
  type RetryPolicy,
  reportStatus,
  systemClock,
} from '@greenlight/core';
import type { GreenlightMiddyOptions } from './options.js';

/** One report: the status, and the instant (epoch ms) at which the Lambda invocation ends. */
export interface ReportRequest {
  readonly event: CodeDeployHookEvent;
  readonly status: HookStatus;
  readonly lambdaEnd: number;
}

/** What was reported: the status asked for, unless no time at all was left (then Failed, see below). */
export interface ReportOutcome {
  readonly status: HookStatus;
  readonly reported: true | 'already-completed';
}

/** Reports once, with the core's retries; throws `HookReportError` when no report could be made. */
export type Reporter = (request: ReportRequest) => Promise<ReportOutcome>;

/**
 * The report goes through the core's `reportStatus`: PutLifecycleEventHookExecutionStatus with full-jitter
 * retries on throttling, 5xx and network errors, never past the Lambda deadline less the core's margin
 * (min(1 s, 10% of the time left)), `LifecycleEventAlreadyCompleted` as success, typed `HookReportError`s.
 *
 * Without a `client` option the core's default client is needed, and the core does not export it (it lives
 * inside `createHook`). Until it does, that case hands the decided status to a `createHook` whose one check
 * returns it (`reserve: 0`, so the report gets all the time left): the same reporter, behind a little more
 * machinery.
 */
export function createReporter(options: GreenlightMiddyOptions): Reporter {
  return options.client ? directReporter(options.client, options) : viaCreateHook(options);
}

function directReporter(client: CodeDeployLike, options: GreenlightMiddyOptions): Reporter {
  const clock = options.clock ?? systemClock;
  // createHook's defaults (the core exports its RetryOptions type, not the defaults).
  const policy: RetryPolicy = {
    maxAttempts: options.retry?.maxAttempts ?? 10,
    baseDelayMs: options.retry?.baseDelayMs ?? 100,
    maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
    attemptTimeoutMs: options.retry?.attemptTimeoutMs ?? 10_000,
    clock,
    random: options.random ?? Math.random,
  };
  return async ({ event, status, lambdaEnd }) => {
    const remaining = Math.max(0, lambdaEnd - clock.now());
    const reported = await reportStatus({
      client,
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
      deadline: lambdaEnd - Math.min(1_000, remaining * 0.1),
      policy,
    });
    return { status, reported };
  };
}

const STATUS = Symbol('greenlight.status');
type Carrier = { readonly [STATUS]: HookStatus; getRemainingTimeInMillis(): number };

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function viaCreateHook(options: GreenlightMiddyOptions): Reporter {
  const clock = options.clock;
  const now = clock ? () => clock.now() : Date.now;
  const hook = createHook(
    (context: HookContext) =>
      (context.lambdaContext as unknown as Carrier | undefined)?.[STATUS] === 'Succeeded',
    {
      reserve: 0,
      skip: false,
      dryRun: false,
      logger: silent,
      ...(options.retry && { retry: options.retry }),
      ...(clock && { clock }),
      ...(options.random && { random: options.random }),
    },
  );
  return async ({ event, status, lambdaEnd }) => {
    const carrier: Carrier = { [STATUS]: status, getRemainingTimeInMillis: () => lambdaEnd - now() };
    const result = await hook(event, carrier as unknown as HookContext['lambdaContext']);
    // The check only echoes `status`; the core reports Failed instead only when no time at all was left.
    return { status: result.status, reported: result.reported === false ? true : result.reported };
  };
}
