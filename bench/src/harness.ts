import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeploymentHandle, type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';

export interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

/** Epoch milliseconds with sub-millisecond precision, comparable with the children's. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** The local CodeDeploy at time scale 0, stamping its request records with sub-millisecond precision. */
export function startLocal(): Promise<LocalCodeDeploy> {
  return startLocalCodeDeploy({
    timeScale: 0,
    clock: {
      now: epochNow,
      setTimeout(fn, ms) {
        const t = setTimeout(fn, ms);
        t.unref();
        return t;
      },
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
  });
}

let deployments = 0;
/**
 * `count` hook executions waiting for a report: one Lambda deployment each, its BeforeAllowTraffic hook
 * `manual`, so every report a candidate makes is a real, first report of a real execution.
 */
export async function pendingHookEvents(local: LocalCodeDeploy, count: number): Promise<HookEvent[]> {
  return (await pendingHookExecutions(local, count)).events;
}

/** {@link pendingHookEvents}, with the deployments' handles (in the same order). */
export async function pendingHookExecutions(
  local: LocalCodeDeploy,
  count: number,
): Promise<{ events: HookEvent[]; handles: DeploymentHandle[] }> {
  const handles = await Promise.all(
    Array.from({ length: count }, () => {
      const n = ++deployments;
      return local.deployLambda({
        application: 'bench',
        deploymentGroup: `bench-${n}`,
        functionName: `bench-${n}`,
        currentVersion: '1',
        targetVersion: '2',
        hooks: { BeforeAllowTraffic: 'manual' },
      });
    }),
  );
  const events = await Promise.all(handles.map((h) => h.nextHookEvent()));
  return {
    events: events.map((e) => ({
      DeploymentId: e.DeploymentId,
      LifecycleEventHookExecutionId: e.LifecycleEventHookExecutionId,
    })),
    handles,
  };
}

/** Accepted PutLifecycleEventHookExecutionStatus calls, with the instant each was recorded. */
export function acceptedReports(local: LocalCodeDeploy): number[] {
  return local.requests
    .filter((r) => r.operation === 'PutLifecycleEventHookExecutionStatus' && r.status === 200)
    .map((r) => r.at);
}

/** The environment of every child: the endpoint, dummy credentials, Powertools at INFO, nothing inherited. */
export function childEnv(endpointEnv: object): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    ...endpointEnv,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'bench-hook',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/**
 * Runs `node script ...args` with stdout discarded (where the loggers write) and returns the JSON the child
 * wrote to `out`. A non-zero exit, a missing result or a child still running after `timeoutMs` is an error.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  out: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<T> {
  rmSync(out, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${script} ${args[0]} did not exit within ${timeoutMs} ms (a timer or socket kept it alive?)`,
        ),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(`${script} ${args.join(' ').slice(0, 200)} exited with ${code ?? signal}:\n${stderr}`),
        );
        return;
      }
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as T);
      } catch (error) {
        reject(new Error(`${script} wrote no result: ${String(error)}\n${stderr}`));
      }
    });
  });
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value));
  return file;
}

export const outPath = (dir: string, name: string) => join(dir, name);
