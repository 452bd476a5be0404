import { join } from 'node:path';
import type { DeploymentHandle, HookRunner, LambdaHandler, LocalCodeDeploy } from '@greenlight/local';
import type { HookResultLine, OutcomeLike, TimelineEvent } from './events.js';
import { follow, type HandleLike } from './follow.js';
import type { HookEvent, Platform } from './hooks.js';
import type { DeploymentHeader, TimelinePrinter } from './printer.js';

/** One hook of a simulated deployment: the bundled file the child-process runner loads. */
export interface BundledHook {
  readonly event: HookEvent;
  /** The bundled CommonJS file. */
  readonly file: string;
  /** Where the hook's wrapper appends its results. */
  readonly resultsFile: string;
  /** The module it came from, for display. */
  readonly source: string;
}

/** A deployment to simulate. */
export interface DeploymentSpec {
  readonly platform: Platform;
  readonly hooks: readonly BundledHook[];
  /** Environment variables of every hook function (its Lambda configuration). */
  readonly env?: Readonly<Record<string, string>>;
  /** A predefined deployment configuration name. */
  readonly config: string;
  /** The hook functions' timeout, real milliseconds. */
  readonly functionTimeoutMs?: number;
  readonly autoRollback?: boolean;
  readonly alarms?: readonly string[];
  readonly lambda?: {
    readonly functionName: string;
    readonly alias?: string;
    readonly currentVersion: string;
    readonly targetVersion: string;
    readonly versions?: Readonly<Record<string, LambdaHandler>>;
  };
  readonly ecs?: { readonly cluster: string; readonly service: string; readonly taskDefinition?: string };
}

/** One deployment's record, as `--json` prints it. */
export interface DeploymentSummary {
  readonly deploymentId: string;
  readonly platform: Platform;
  readonly rollbackOf?: string;
  readonly status: string;
  readonly errorInformation?: { readonly code: string; readonly message: string };
  readonly durationMs: number;
  readonly lifecycleEvents: readonly {
    readonly lifecycleEvent: string;
    readonly status: string;
    readonly durationMs?: number;
    readonly hookFunction?: string;
    readonly attempts: number;
    readonly message?: string;
    readonly hook?: HookResultLine;
  }[];
  readonly traffic: readonly {
    readonly atMs: number;
    readonly targetWeight: number;
    readonly listener?: string;
  }[];
}

/** The result of {@link simulateDeployment}: the deployment and, when there was one, its rollback. */
export interface SimulationResult {
  readonly status: string;
  readonly deployments: readonly DeploymentSummary[];
}

/** Where a simulation's output goes. `printer` is undefined for `--json`. */
export interface SimulationOutput {
  readonly printer?: TimelinePrinter;
}

function targetLabel(spec: DeploymentSpec, rollback = false): string {
  if (spec.platform === 'ecs') return rollback ? 'blue (original)' : 'green (replacement)';
  const l = spec.lambda ?? DEFAULT_LAMBDA;
  return `version ${rollback ? l.currentVersion : l.targetVersion}`;
}

function describe(spec: DeploymentSpec, rollback = false): string {
  if (spec.platform === 'lambda') {
    const l = spec.lambda ?? DEFAULT_LAMBDA;
    const [from, to] = rollback ? [l.targetVersion, l.currentVersion] : [l.currentVersion, l.targetVersion];
    return `Lambda ${l.functionName}:${l.alias ?? 'live'} version ${from} → ${to}`;
  }
  const e = spec.ecs ?? DEFAULT_ECS;
  return `ECS ${e.cluster}/${e.service} ${rollback ? 'green → blue' : 'blue → green'}`;
}

const DEFAULT_LAMBDA: NonNullable<DeploymentSpec['lambda']> = {
  functionName: 'my-function',
  currentVersion: '1',
  targetVersion: '2',
};
const DEFAULT_ECS = { cluster: 'default', service: 'my-service' };

function runners(spec: DeploymentSpec): Record<string, HookRunner> {
  const out: Record<string, HookRunner> = {};
  for (const h of spec.hooks) {
    out[h.event] = {
      module: h.file,
      ...(spec.functionTimeoutMs ? { timeoutMs: spec.functionTimeoutMs } : {}),
      env: { ...spec.env, GREENLIGHT_RESULTS_FILE: h.resultsFile },
    };
  }
  return out;
}

async function start(local: LocalCodeDeploy, spec: DeploymentSpec): Promise<DeploymentHandle> {
  const hooks = runners(spec);
  const common = {
    config: spec.config,
    autoRollback: spec.autoRollback ?? true,
    ...(spec.alarms ? { alarms: spec.alarms } : {}),
  };
  if (spec.platform === 'lambda') {
    const l = spec.lambda ?? DEFAULT_LAMBDA;
    return local.deployLambda({ ...common, ...l, hooks });
  }
  const e = spec.ecs ?? DEFAULT_ECS;
  return local.deployEcs({ ...common, ...e, hooks });
}

function summarize(
  handle: HandleLike,
  platform: Platform,
  outcome: OutcomeLike,
  hookResults: Record<string, HookResultLine>,
  rollbackOf?: string,
): DeploymentSummary {
  const history = handle.history;
  const t0 = history[0]?.at.getTime() ?? 0;
  const tEnd = history.at(-1)?.at.getTime() ?? t0;
  return {
    deploymentId: handle.deploymentId,
    platform,
    ...(rollbackOf ? { rollbackOf } : {}),
    status: outcome.status,
    ...(outcome.errorInformation ? { errorInformation: outcome.errorInformation } : {}),
    durationMs: tEnd - t0,
    lifecycleEvents: handle.timeline.map((e) => ({
      lifecycleEvent: e.lifecycleEvent,
      status: e.status,
      ...(e.startTime && e.endTime ? { durationMs: e.endTime.getTime() - e.startTime.getTime() } : {}),
      ...(e.hookFunction ? { hookFunction: e.hookFunction } : {}),
      attempts: e.attempts,
      ...(e.diagnostics?.message && e.status !== 'Succeeded' ? { message: e.diagnostics.message } : {}),
      ...(hookResults[e.lifecycleEvent] ? { hook: hookResults[e.lifecycleEvent] } : {}),
    })),
    traffic: history
      .filter((ev): ev is Extract<TimelineEvent, { type: 'traffic' }> => ev.type === 'traffic')
      .map((ev) => ({
        atMs: ev.at.getTime() - t0,
        targetWeight: ev.targetWeight,
        ...(ev.listener ? { listener: ev.listener } : {}),
      })),
  };
}

async function followOne(
  handle: HandleLike,
  header: DeploymentHeader,
  spec: DeploymentSpec,
  out: SimulationOutput,
  rollbackOf?: string,
): Promise<DeploymentSummary> {
  const files = Object.fromEntries(spec.hooks.map((h) => [h.event, h.resultsFile]));
  out.printer?.header(header);
  const { outcome, hookResults } = await follow(handle, rollbackOf ? {} : files, {
    event: (ev) => out.printer?.event(ev),
    hookResult: (event, line) => out.printer?.hookResult(event, line),
  });
  const summary = summarize(handle, spec.platform, outcome, hookResults, rollbackOf);
  out.printer?.outcome(handle.deploymentId, outcome, summary.durationMs);
  return summary;
}

/**
 * Runs one deployment of bundled hooks on a local CodeDeploy and follows it to the end, printing its
 * timeline live (unless `out.printer` is undefined), then the rollback's, if one ran.
 *
 * @example
 * const result = await simulateDeployment(local, spec, { printer });
 * result.status; // 'Succeeded' | 'Failed' | 'Stopped'
 */
export async function simulateDeployment(
  local: LocalCodeDeploy,
  spec: DeploymentSpec,
  out: SimulationOutput,
): Promise<SimulationResult> {
  const handle = await start(local, spec);
  const header = {
    deploymentId: handle.deploymentId,
    what: describe(spec),
    deploymentConfig: spec.config,
    targetLabel: targetLabel(spec),
  };
  const first = await followOne(handle as unknown as HandleLike, header, spec, out);
  const deployments = [first];
  const done = await handle.done;
  const rollback = done.rollbackDeploymentId ? local.deployment(done.rollbackDeploymentId) : undefined;
  if (rollback) {
    const rbHeader = {
      deploymentId: rollback.deploymentId,
      what: describe(spec, true),
      deploymentConfig:
        spec.platform === 'lambda' ? 'CodeDeployDefault.LambdaAllAtOnce' : 'CodeDeployDefault.ECSAllAtOnce',
      note: `rollback of ${handle.deploymentId}`,
      targetLabel: targetLabel(spec, true),
    };
    deployments.push(
      await followOne(rollback as unknown as HandleLike, rbHeader, spec, out, handle.deploymentId),
    );
  }
  return { status: first.status, deployments };
}

/**
 * The results file of a hook in a bundle dir.
 *
 * @example
 * resultsFileFor('/tmp/greenlight-x', 'BeforeAllowTraffic'); // '/tmp/greenlight-x/BeforeAllowTraffic.jsonl'
 */
export const resultsFileFor = (dir: string, event: string): string => join(dir, `${event}.jsonl`);
