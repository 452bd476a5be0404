import { spawn } from 'node:child_process';
import { HookInvocationError } from '../errors.js';
import { CHILD_ENTRY_SOURCE } from './child-entry.js';
import type { Invoker, ModuleHook } from './types.js';

const LOG_TAIL_BYTES = 4096;

/**
 * Runs a module's handler in a fresh `node` child process per invocation, with the env pointing at
 * the local CodeDeploy and a hard kill (SIGKILL) at the timeout. stdout/stderr become the log tail.
 */
export function childProcessInvoker(hook: ModuleHook, defaultTimeoutMs: number): Invoker {
  return (invocation) =>
    new Promise<void>((resolve, reject) => {
      const timeoutMs = hook.timeoutMs ?? invocation.timeoutMs ?? defaultTimeoutMs;
      const payload = {
        module: hook.module,
        exportName: hook.export ?? 'handler',
        event: invocation.event,
        functionName: invocation.functionName,
        invokedFunctionArn: invocation.invokedFunctionArn,
        timeoutMs,
      };
      const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_ENTRY_SOURCE], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_OPTIONS: '',
          ...invocation.env,
          AWS_LAMBDA_FUNCTION_NAME: invocation.functionName,
          AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.ceil(timeoutMs / 1000)),
          ...hook.env,
          GREENLIGHT_INVOCATION: JSON.stringify(payload),
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let log = '';
      const capture = (chunk: Buffer) => {
        log = (log + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
      };
      child.stdout?.on('data', capture);
      child.stderr?.on('data', capture);
      let message: { ok: boolean; error?: string } | undefined;
      let killedFor: string | undefined;
      child.on('message', (m) => {
        message = m as { ok: boolean; error?: string };
      });
      const kill = (why: string) => {
        killedFor = why;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(
        () => kill(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`),
        timeoutMs,
      );
      timer.unref();
      const onAbort = () => kill('The local CodeDeploy closed');
      invocation.signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (err) => {
        killedFor ??= `Could not start the hook process: ${err.message}`;
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        invocation.signal.removeEventListener('abort', onAbort);
        if (killedFor) {
          reject(new HookInvocationError(killedFor, { code: 'HOOK_TIMED_OUT', logTail: log }));
        } else if (message?.ok) {
          resolve();
        } else {
          const reason =
            message?.error ?? `Process exited with ${signal ?? `code ${code}`} before completing the request`;
          reject(new HookInvocationError(reason.split('\n')[0] ?? reason, { logTail: log || reason }));
        }
      });
    });
}
