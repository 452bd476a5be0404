import { planBudget } from './budget.js';
import { createCodeDeployClient } from './client.js';
import { systemClock } from './clock.js';
import { parseHookEvent } from './event.js';
import { defaultLogger, withKeys } from './logger.js';
import { createLookups, type Lookups } from './lookups.js';
import { envSwitch, type HookOptions, validateHookOptions } from './options.js';
import { reportStatus } from './report.js';
import { resolveRetryPolicy } from './retry.js';
import { type NamedCheck, runChecksOrFail } from './run-checks.js';
import type {
  CheckReport,
  Checks,
  CodeDeployLike,
  HookContext,
  HookHandler,
  HookLogger,
  HookResult,
  LambdaContextLike,
} from './types.js';
import { tidyReason } from './verdict.js';

/**
 * Normalises `checks` to named pairs; a bad value is a `TypeError` naming it.
 *
 * @example
 * namedChecks(async () => true); // [['check', <the function>]]
 * namedChecks({ smoke, alarms }); // [['smoke', smoke], ['alarms', alarms]]
 */
export function namedChecks(checks: Checks): NamedCheck[] {
  if (typeof checks === 'function') return [['check', checks]];
  if (typeof checks !== 'object' || checks === null || Array.isArray(checks)) {
    throw new TypeError('Expected `checks` to be a check function or a record of named check functions');
  }
  const entries = Object.entries(checks);
  if (entries.length === 0) throw new TypeError('Expected at least one check in `checks`');
  for (const [name, check] of entries) {
    if (typeof check !== 'function')
      throw new TypeError(`Expected check \`${name}\` to be a function, got ${typeof check}`);
  }
  return entries;
}

/**
 * Emergency skip, dry-run or normal, from the options first and the environment second.
 *
 * @example
 * resolveMode({ dryRun: true }, logger); // 'dry-run'
 * resolveMode({}, logger); // 'normal' unless GREENLIGHT_SKIP_CHECKS or GREENLIGHT_DRY_RUN is `true`/`1`
 */
export function resolveMode(
  options: Pick<HookOptions, 'skip' | 'dryRun'>,
  logger: HookLogger,
): HookResult['mode'] {
  const read = (name: string): boolean => {
    const value = envSwitch(name);
    if (value === undefined)
      logger.warn(`${name} is neither true/1 nor false/0; it is ignored`, { value: process.env[name] });
    return value === true;
  };
  const skip = options.skip ?? read('GREENLIGHT_SKIP_CHECKS');
  const dryRun = options.dryRun ?? read('GREENLIGHT_DRY_RUN');
  if (skip && dryRun) {
    logger.warn('emergency skip and dry-run are both on: dry-run wins, nothing is skipped or reported');
    return 'dry-run';
  }
  return skip ? 'skip' : dryRun ? 'dry-run' : 'normal';
}

function failureReason(checks: readonly CheckReport[]): string | undefined {
  const failed = checks.filter((c) => c.status === 'Failed');
  if (failed.length === 0) return undefined;
  return tidyReason(
    failed
      .map((c) => (c.name === 'check' && checks.length === 1 ? c.reason : `${c.name}: ${c.reason}`))
      .join('; '),
  );
}

/**
 * Turns checks into a CodeDeploy lifecycle hook handler that validates the event, runs the checks under a
 * deadline with an `AbortSignal`, and always reports Succeeded or Failed before the Lambda times out.
 *
 * @param checks One check, or a record of named checks (run concurrently unless `sequential`).
 * @param options See {@link HookOptions}; unknown keys are a `TypeError`.
 * @returns A Lambda handler, assignable to `Handler<CodeDeployHookEvent, HookResult>`.
 * @throws InvalidHookEventError for a malformed event (nothing is reported); HookReportError when no report
 *   could be made (so Lambda's async retry tries again).
 * @example
 * export const handler = createHook({
 *   smoke: async ({ signal }) => (await fetch('https://example.com/health', { signal })).ok,
 * });
 */
export function createHook(checks: Checks, options?: HookOptions): HookHandler {
  const named = namedChecks(checks);
  const opts = validateHookOptions(options);
  const clock = opts.clock ?? systemClock;
  let client: CodeDeployLike | undefined = opts.client;
  let baseLogger: HookLogger | undefined = opts.logger;
  const getClient = () => {
    client ??= createCodeDeployClient();
    return client;
  };
  const policy = resolveRetryPolicy(opts.retry, clock, opts.random);
  // Read once, on the first invocation: a Lambda's environment does not change while it runs.
  let mode: HookResult['mode'] | undefined;

  return async function greenlightHook(event, context?: LambdaContextLike): Promise<HookResult> {
    const start = clock.now();
    const { DeploymentId: deploymentId, LifecycleEventHookExecutionId: lifecycleEventHookExecutionId } =
      parseHookEvent(event);
    baseLogger ??= defaultLogger();
    const logger = withKeys(baseLogger, { deploymentId, lifecycleEventHookExecutionId });
    const remaining =
      typeof context?.getRemainingTimeInMillis === 'function'
        ? context.getRemainingTimeInMillis()
        : (opts.defaultRemainingMs ?? 60_000);
    const budget = planBudget(start, remaining, opts);
    mode ??= resolveMode(opts, logger);

    let checkReports: CheckReport[];
    if (mode === 'skip') {
      logger.warn('EMERGENCY SKIP: reporting Succeeded without running any check', {
        checks: named.map(([n]) => n),
      });
      checkReports = named.map(([name]) => ({
        name,
        status: 'Skipped',
        reason: 'emergency skip',
        durationMs: 0,
      }));
    } else {
      // Made on the first look-up only: most checks never ask.
      let made: Lookups | undefined;
      const lookups = () => {
        made ??= createLookups(getClient, deploymentId, budget.checksDeadline, policy);
        return made;
      };
      const contextFor = (checkName: string, signal: AbortSignal): HookContext => ({
        platform: 'codedeploy',
        deploymentId,
        lifecycleEventHookExecutionId,
        checkName,
        signal,
        logger,
        lambdaContext: context,
        deadline: budget.checksDeadline,
        remainingTimeMs: () => Math.max(0, budget.checksDeadline - clock.now()),
        deployment: () => lookups().deployment(signal),
        target: () => lookups().target(signal),
        deploymentGroup: () => lookups().deploymentGroup(signal),
      });
      const reports = await runChecksOrFail({
        checks: named,
        contextFor,
        budgetMs: budget.checksBudgetMs,
        sequential: opts.sequential ?? false,
        failFast: opts.failFast ?? false,
        clock,
        logger,
      });
      // CodeDeploy cannot call a hook back: a check still "not ready" at the deadline has failed.
      checkReports = reports.map((r) =>
        r.status === 'Pending'
          ? { ...r, status: 'Failed', reason: `not ready before the deadline: ${r.reason}` }
          : r,
      );
    }

    const status = checkReports.some((c) => c.status === 'Failed') ? 'Failed' : 'Succeeded';
    const reason = mode === 'skip' ? 'emergency skip' : failureReason(checkReports);
    let reported: HookResult['reported'] = false;
    if (mode !== 'dry-run') {
      try {
        reported = await reportStatus({
          client: getClient(),
          deploymentId,
          lifecycleEventHookExecutionId,
          status,
          deadline: budget.reportDeadline,
          policy,
        });
      } catch (error) {
        logger.error('greenlight hook could not report its verdict', {
          status,
          reason,
          checks: checkReports,
          durationMs: clock.now() - start,
          error,
        });
        throw error;
      }
    }
    const result: HookResult = {
      status,
      ...(reason !== undefined && { reason }),
      checks: checkReports,
      durationMs: clock.now() - start,
      reported,
      mode,
      deploymentId,
      lifecycleEventHookExecutionId,
    };
    const line =
      mode === 'dry-run' ? 'greenlight hook verdict (dry run, not reported)' : 'greenlight hook verdict';
    const summary = { status, reason, checks: checkReports, durationMs: result.durationMs, reported, mode };
    if (status === 'Succeeded') logger.info(line, summary);
    else logger.warn(line, summary);
    if (reported === 'already-completed')
      logger.info('an earlier invocation had already reported this hook execution');
    return result;
  };
}
