import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The package root: child processes run from here, so `tsx` and `@greenlight/local` resolve. */
export const PACKAGE_ROOT = join(__dirname, '..', '..');

/** Node arguments that run a TypeScript file with the workspace sources (no build needed). */
export const TS_NODE_ARGS = ['--conditions=@greenlight/source', '--import', 'tsx/esm'] as const;

/** What a finished child process left. */
export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <ts args> file` to its end (killed after `timeoutMs`) and returns its exit and output. */
export function runTsFile(file: string, timeoutMs = 60_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, file], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts `node <ts args> [...extra] file` with an IPC channel. */
export function startTsProcess(file: string, extraNodeArgs: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, [...extraNodeArgs, ...TS_NODE_ARGS, file], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message of `child` that has `key`. */
export function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && key in message) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the child exited (${code}) before sending ${key}`));
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
