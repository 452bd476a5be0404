import {
  CheckTimeoutError,
  type DeploymentInfo,
  type DeploymentTargetInfo,
  type CodeDeployHookContext as HookContext,
  type HookLogger,
} from '@greenlight/core';

const silent: HookLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** A check context for calling a check directly, as createHook would build it. */
export function checkContext(
  options: {
    signal?: AbortSignal;
    target?: DeploymentTargetInfo;
    deployment?: DeploymentInfo;
    deadline?: number;
    /** A GetDeploymentGroup look-up, as alarms() reads the group's alarms through. */
    deploymentGroup?: () => Promise<unknown>;
  } = {},
): HookContext {
  const deadline = options.deadline ?? Date.now() + 60_000;
  return {
    platform: 'codedeploy',
    deploymentId: 'd-TEST00001',
    lifecycleEventHookExecutionId: 'exec-1',
    checkName: 'check',
    signal: options.signal ?? new AbortController().signal,
    logger: silent,
    lambdaContext: undefined,
    deadline,
    remainingTimeMs: () => Math.max(0, deadline - Date.now()),
    deployment: async () => {
      if (!options.deployment) throw new Error('no deployment in this test context');
      return options.deployment;
    },
    target: async () => {
      if (!options.target) throw new Error('no target in this test context');
      return options.target;
    },
    deploymentGroup: async () => {
      if (!options.deploymentGroup) throw new Error('no deployment group in this test context');
      return (await options.deploymentGroup()) as Awaited<ReturnType<HookContext['deploymentGroup']>>;
    },
  };
}

/** A signal that fires with core's CheckTimeoutError after `ms`, as the hook's deadline does. */
export function deadlineSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new CheckTimeoutError(ms)), ms).unref();
  return controller.signal;
}

/** Runs `fn` and answers its result with how long it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
}
