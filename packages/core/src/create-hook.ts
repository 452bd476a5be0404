import { defaultReserve } from '@greenlight/contract';
import { parseHookEvent } from './event.js';
import { type HookOptions, validateHookOptions } from './options.js';
import { answerCodeDeploy, codeDeployContexts } from './pipeline/codedeploy.js';
import { HookPipeline } from './pipeline/pipeline.js';
import { namedChecks, runCheckStep } from './pipeline/run-checks.js';
import type { Checks, CodeDeployHookContext, HookHandler, HookResult, LambdaContextLike } from './types.js';

/**
 * Turns checks into a CodeDeploy lifecycle hook handler that validates the event, runs the checks under a
 * deadline with an `AbortSignal`, and always reports Succeeded or Failed before the Lambda times out. While it
 * runs, everything it waits on holds the process (as Lambda requires); when it settles, nothing of it is left
 * running.
 *
 * @param checks One check, or a record of named checks (run concurrently unless `sequential`).
 * @param options See {@link HookOptions}; unknown keys are an `InvalidOptionsError`.
 * @returns A Lambda handler, assignable to `Handler<CodeDeployHookEvent, HookResult>`.
 * @throws InvalidHookEventError for a malformed event (nothing is reported); HookReportError when no report
 *   could be made (so Lambda's async retry tries again).
 * @example
 * export const handler = createHook({
 *   smoke: async ({ signal }) => (await fetch('https://example.com/health', { signal })).ok,
 * });
 */
export function createHook(checks: Checks<CodeDeployHookContext>, options?: HookOptions): HookHandler {
  const named = namedChecks(checks);
  const bare = typeof checks === 'function';
  const pipeline = new HookPipeline(validateHookOptions(options), defaultReserve);

  return async function greenlightHook(event, context?: LambdaContextLike): Promise<HookResult> {
    const { DeploymentId, LifecycleEventHookExecutionId } = parseHookEvent(event);
    const inv = pipeline.begin(
      { deploymentId: DeploymentId, lifecycleEventHookExecutionId: LifecycleEventHookExecutionId },
      context,
    );
    const reports = runCheckStep(
      pipeline,
      inv,
      named,
      codeDeployContexts(pipeline, inv),
      'reporting Succeeded',
    );
    // Checks that all answered synchronously need no await (one promise hop less on the hot path).
    return answerCodeDeploy(pipeline, inv, reports instanceof Promise ? await reports : reports, bare);
  };
}
