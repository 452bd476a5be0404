import { describeThrown, tidyText } from '@greenlight/contract';
import { createLookups, type Lookups } from '../lookups.js';
import { readRecordedStatus } from '../recorded.js';
import { reportStatus } from '../report.js';
import type { CheckReport, CodeDeployHookContext, HookResult, HookStatus } from '../types.js';
import type { HookPipeline, Invocation } from './pipeline.js';
import type { CheckRun } from './run-checks.js';

/**
 * Builds the context each check of a CodeDeploy invocation receives: the look-ups are made on the first
 * call only (most checks never ask), and the signal when a check first reads it.
 *
 * @example
 * const reports = await pipeline.check(inv, named, codeDeployContexts(pipeline, inv), 'reporting Succeeded');
 */
export function codeDeployContexts(
  pipeline: HookPipeline,
  inv: Invocation,
): (name: string, run: CheckRun) => CodeDeployHookContext {
  let made: Lookups | undefined;
  const lookups = () => {
    made ??= createLookups(
      () => pipeline.client(),
      inv.deploymentId,
      inv.budget.checksDeadline,
      pipeline.policy,
    );
    return made;
  };
  const { clock } = pipeline;
  const deadline = inv.budget.checksDeadline;
  // `signal` is an own, enumerable getter (made when first read): `{ ...ctx, logger }` keeps it.
  return (checkName, run) => ({
    platform: 'codedeploy',
    deploymentId: inv.deploymentId,
    lifecycleEventHookExecutionId: inv.lifecycleEventHookExecutionId,
    checkName,
    get signal() {
      return run.signal();
    },
    logger: inv.logger,
    lambdaContext: inv.lambdaContext,
    deadline,
    remainingTimeMs: () => Math.max(0, deadline - clock.now()),
    deployment: () => lookups().deployment(run.signal()),
    target: () => lookups().target(run.signal()),
    deploymentGroup: () => lookups().deploymentGroup(run.signal()),
  });
}

function failureReason(checks: readonly CheckReport[], bare: boolean): string | undefined {
  let reason: string | undefined;
  for (const c of checks) {
    if (c.status !== 'Failed') continue;
    const one = bare ? (c.reason ?? 'failed') : `${c.name}: ${c.reason}`;
    reason = reason === undefined ? one : `${reason}; ${one}`;
  }
  return reason === undefined ? undefined : tidyText(reason);
}

/** What CodeDeploy holds for the execution, read after it answered "already completed". */
async function recorded(pipeline: HookPipeline, inv: Invocation): Promise<HookStatus | undefined> {
  try {
    return await readRecordedStatus(
      pipeline.client(),
      inv.deploymentId,
      inv.budget.reportDeadline,
      pipeline.policy,
    );
  } catch (error) {
    inv.logger.warn('could not read the status CodeDeploy recorded for this hook execution', {
      error: describeThrown(error),
    });
    return undefined;
  }
}

/**
 * The CodeDeploy answer: the verdict of the check reports, reported once (unless dry-run) before the report
 * deadline, the summary line logged, and the {@link HookResult}. A check still Pending has failed (CodeDeploy
 * cannot call a hook back). When CodeDeploy already held a status, it is
 * read and said (it may differ from this verdict). A report that cannot be made is logged and thrown
 * (`HookReportError`). `bare`: the hook reason is the single check's reason, without its name.
 *
 * @example
 * return answerCodeDeploy(pipeline, inv, reports, typeof checks === 'function');
 */
export async function answerCodeDeploy(
  pipeline: HookPipeline,
  inv: Invocation,
  reports: readonly CheckReport[],
  bare: boolean,
): Promise<HookResult> {
  const { logger, mode } = inv;
  // CodeDeploy cannot call a hook back: a check still "not ready" at the deadline has failed.
  const checks = reports.map((r) =>
    r.status === 'Pending'
      ? { ...r, status: 'Failed' as const, reason: `not ready before the deadline: ${r.reason}` }
      : r,
  );
  const status: HookStatus = checks.some((c) => c.status === 'Failed') ? 'Failed' : 'Succeeded';
  const reason = mode === 'skip' ? 'emergency skip' : failureReason(checks, bare);
  let reported: HookResult['reported'] = false;
  let recordedAs: HookStatus | undefined;
  if (mode !== 'dry-run') {
    try {
      reported = await reportStatus({
        client: pipeline.client(),
        deploymentId: inv.deploymentId,
        lifecycleEventHookExecutionId: inv.lifecycleEventHookExecutionId,
        status,
        deadline: inv.budget.reportDeadline,
        policy: pipeline.policy,
      });
    } catch (error) {
      logger.error('greenlight hook could not report its verdict', {
        status,
        reason,
        checks,
        durationMs: pipeline.clock.now() - inv.start,
        error,
      });
      throw error;
    }
    if (reported === 'already-completed') recordedAs = await recorded(pipeline, inv);
  }
  const durationMs = pipeline.clock.now() - inv.start;
  const result: { -readonly [K in keyof HookResult]: HookResult[K] } = {
    status,
    checks,
    durationMs,
    reported,
    mode,
    deploymentId: inv.deploymentId,
    lifecycleEventHookExecutionId: inv.lifecycleEventHookExecutionId,
  };
  if (reason !== undefined) result.reason = reason;
  if (recordedAs !== undefined) result.recordedStatus = recordedAs;
  const summary = { status, reason, checks, durationMs, reported, mode, recordedStatus: recordedAs };
  const line =
    mode === 'dry-run' ? 'greenlight hook verdict (dry run, not reported)' : 'greenlight hook verdict';
  if (status === 'Succeeded') logger.info(line, summary);
  else logger.warn(line, summary);
  if (reported === 'already-completed') {
    if (recordedAs !== undefined && recordedAs !== status) {
      logger.warn(
        `an earlier invocation had already reported this hook execution: CodeDeploy holds ${recordedAs}; this verdict, ${status}, was not recorded`,
        { status, recordedStatus: recordedAs },
      );
    } else
      logger.info('an earlier invocation had already reported this hook execution', {
        recordedStatus: recordedAs,
      });
  }
  return result;
}
