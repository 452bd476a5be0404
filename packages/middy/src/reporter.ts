import { type CodeDeployHookEvent, createHook, type HookContext, type HookStatus } from '@greenlight/core';
import type { GreenlightMiddyOptions } from './options.js';

/** One report: the status, and the instant (epoch ms) at which the Lambda invocation ends. */
export interface ReportRequest {
  readonly event: CodeDeployHookEvent;
  readonly status: HookStatus;
  readonly lambdaEnd: number;
}

/** What was reported: normally the status asked for (see {@link createReporter}). */
export interface ReportOutcome {
  readonly status: HookStatus;
  readonly reported: true | 'already-completed';
}

/** Reports once, with the core's retries; throws `HookReportError` when no report could be made. */
export type Reporter = (request: ReportRequest) => Promise<ReportOutcome>;

const STATUS = Symbol('greenlight.status');
type Carrier = { readonly [STATUS]: HookStatus; getRemainingTimeInMillis(): number };

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The report goes through the core: its event validation, `reportStatus` (PutLifecycleEventHookExecutionStatus
 * with full-jitter retries within the deadline, `LifecycleEventAlreadyCompleted` as success, typed
 * `HookReportError`s) and its default client. The core does not export its default client factory, so the
 * verdict, already decided, is handed to a `createHook` whose one check returns it (`reserve: 0`: the whole
 * remaining time is the report's, less the core's safety margin). Swap for `reportStatus` once the core
 * exports its client factory.
 */
export function createReporter(options: GreenlightMiddyOptions): Reporter {
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
      ...(options.client && { client: options.client }),
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
