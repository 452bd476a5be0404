import { describeThrown } from '@greenlight/contract';
import { onAbort } from '../abort-listeners.js';
import { HookInvocationError } from '../errors.js';
import { lambdaContext } from './context.js';
import { taskTimedOut } from './runtime-words.js';
import type { InProcessHook, InvocationResult, Invoker } from './types.js';

/**
 * Runs a handler function in this process. A handler still running at its timeout counts as a timed-out
 * invocation (it cannot be killed in-process; its late report, if any, is still received).
 */
export function inProcessInvoker(handler: InProcessHook): Invoker {
  return (invocation) =>
    new Promise<InvocationResult>((resolve, reject) => {
      const context = lambdaContext(
        invocation.functionName,
        invocation.invokedFunctionArn,
        invocation.timeoutMs,
      );
      // Ref'd: the engine waits on this invocation (cleared when the handler settles or the local closes).
      const timer = setTimeout(() => {
        reject(new HookInvocationError(taskTimedOut(invocation.timeoutMs), { code: 'HOOK_TIMED_OUT' }));
      }, invocation.timeoutMs);
      // The signal is the local CodeDeploy's, shared by every invocation: no listener of our own on it.
      const stopListening = onAbort(invocation.signal, () => {
        clearTimeout(timer);
        reject(new HookInvocationError('The local CodeDeploy closed', { code: 'CLOSED' }));
      });
      Promise.resolve()
        .then(() => handler(invocation.event, context))
        .then(
          (result: unknown) => resolve({ result }),
          (err: unknown) => reject(new HookInvocationError(describeThrown(err), { cause: err })),
        )
        .finally(() => {
          clearTimeout(timer);
          stopListening();
        });
    });
}
