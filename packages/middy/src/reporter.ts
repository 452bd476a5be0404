import {
  type CodeDeployHookEvent,
  type CodeDeployLike,
  createCodeDeployClient,
  type HookStatus,
  reportStatus,
  resolveRetryPolicy,
  systemClock,
} from '@greenlight/core';
import type { GreenlightMiddyOptions } from './options.js';

/** One report: the status, and the instant (epoch ms) at which the Lambda invocation ends. */
export interface ReportRequest {
  readonly event: CodeDeployHookEvent;
  readonly status: HookStatus;
  readonly lambdaEnd: number;
}

/** What was reported: the status asked for, and whether this report or an earlier one recorded it. */
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
 * Without a `client` option, the core's own default client (`createCodeDeployClient`) is made on the first
 * report.
 */
export function createReporter(options: GreenlightMiddyOptions): Reporter {
  const clock = options.clock ?? systemClock;
  const policy = resolveRetryPolicy(options.retry, clock, options.random);
  let client: CodeDeployLike | undefined = options.client;
  return async ({ event, status, lambdaEnd }) => {
    client ??= createCodeDeployClient();
    const remaining = Math.max(0, lambdaEnd - clock.now());
    const reported = await reportStatus({
      client,
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status,
      // The core's report margin: the Lambda deadline less min(1 s, 10% of the time left).
      deadline: lambdaEnd - Math.min(1_000, remaining * 0.1),
      policy,
    });
    return { status, reported };
  };
}
