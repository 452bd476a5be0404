import { childProcessInvoker } from './child-process.js';
import { inProcessInvoker } from './in-process.js';
import { invokeEndpointInvoker } from './invoke-endpoint.js';
import type { HookRunner, Invoker } from './types.js';

/** Whether a runner is the `manual` one (no invocation; the test takes the event). */
export function isManual(runner: HookRunner): boolean {
  return runner === 'manual' || (typeof runner === 'object' && 'manual' in runner && runner.manual === true);
}

/** The invoker for a runner (`undefined` for `manual`). */
export function invokerFor(runner: HookRunner, defaultTimeoutMs: number): Invoker | undefined {
  if (isManual(runner)) return undefined;
  if (typeof runner === 'function') return inProcessInvoker(runner);
  if (typeof runner === 'object' && 'module' in runner) return childProcessInvoker(runner, defaultTimeoutMs);
  if (typeof runner === 'object' && 'invokeEndpoint' in runner) return invokeEndpointInvoker(runner);
  return undefined;
}

/** The function timeout a runner asks for, if any. */
export function runnerTimeout(runner: HookRunner): number | undefined {
  return typeof runner === 'object' && 'timeoutMs' in runner ? runner.timeoutMs : undefined;
}
