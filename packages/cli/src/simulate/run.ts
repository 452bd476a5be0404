import type {
  DeploymentHandle,
  DeploymentOutcome,
  ErrorInformation,
  HookRunner,
  LambdaHandler,
  LocalCodeDeploy,
  ModuleInvocation,
} from '@greenlight/local';
import { follow } from './follow.js';
import type { HookEvent, Platform } from './hooks.js';
import { InvocationLog } from './invocations.js';
import type { DeploymentHeader, TimelinePrinter } from './printer.js';
import { type LifecycleSummary, lifecycleOf, span, type TrafficSummary, trafficOf } from './summary.js';

/** One hook of a simulated deployment: the bundled file local's `{ module }` runner loads. */
export interface BundledHook {
  readonly event: HookEvent;
  /** The bundled CommonJS file. */
  readonly file: string;
  /** Its export holding the handler. */
  readonly exportName: string;
  /** The module it came from, for display. */
  readonly source: string;
}

/** How a hook invocation ended, in the `--json` record: what local's function runner saw. */
export type InvocationSummary = Pick<
  ModuleInvocation,
  'outcome' | 'failed' | 'result' | 'error' | 'leftBehind' | 'coldStart' | 'durationMs'
>;

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
  readonly status: DeploymentOutcome['status'];
  readonly errorInformation?: ErrorInformation;
  readonly durationMs: number;
  readonly lifecycleEvents: readonly (LifecycleSummary & {
    /** The last invocation of its hook: how it ended and what the handler returned (a `HookResult`). */
    readonly hook?: InvocationSummary;
  })[];
  readonly traffic: readonly TrafficSummary[];
}

/** The result of {@link simulateDeployment}: the deployment and, when there was one, its rollback. */
export interface SimulationResult {
  readonly status: DeploymentOutcome['status'];
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

function runners(spec: DeploymentSpec, log: InvocationLog): Record<string, HookRunner> {
  const out: Record<string, HookRunner> = {};
  for (const h of spec.hooks) {
    out[h.event] = log.record(h.event, {
      module: h.file,
      export: h.exportName,
      ...(spec.functionTimeoutMs ? { timeoutMs: spec.functionTimeoutMs } : {}),
      ...(spec.env ? { env: spec.env } : {}),
    });
  }
  return out;
}

async function start(
  local: LocalCodeDeploy,
  spec: DeploymentSpec,
  log: InvocationLog,
): Promise<DeploymentHandle> {
  const hooks = runners(spec, log);
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

const summary = ({
  outcome,
  failed,
  result,
  error,
  leftBehind,
  coldStart,
  durationMs,
}: ModuleInvocation): InvocationSummary => ({
  outcome,
  failed,
  ...(result !== undefined ? { result } : {}),
  ...(error !== undefined ? { error } : {}),
  leftBehind,
  coldStart,
  durationMs,
});

function summarize(
  handle: DeploymentHandle,
  platform: Platform,
  outcome: DeploymentOutcome,
  invocations: Record<string, ModuleInvocation>,
  rollbackOf?: string,
): DeploymentSummary {
  return {
    deploymentId: handle.deploymentId,
    platform,
    ...(rollbackOf ? { rollbackOf } : {}),
    status: outcome.status,
    ...(outcome.errorInformation ? { errorInformation: outcome.errorInformation } : {}),
    durationMs: span(handle.history).durationMs,
    lifecycleEvents: handle.timeline.map((e) => {
      const last = invocations[e.lifecycleEvent];
      return { ...lifecycleOf(e, e.diagnostics?.message), ...(last ? { hook: summary(last) } : {}) };
    }),
    traffic: trafficOf(handle.history),
  };
}

async function followOne(
  handle: DeploymentHandle,
  header: DeploymentHeader,
  spec: DeploymentSpec,
  out: SimulationOutput,
  log: InvocationLog,
  rollbackOf?: string,
): Promise<DeploymentSummary> {
  out.printer?.header(header);
  const { outcome, invocations } = await follow(handle, (event) => log.take(event), {
    event: (ev) => out.printer?.event(ev),
    invocation: (event, invocation) => out.printer?.invocation(event, invocation),
  });
  const result = summarize(handle, spec.platform, outcome, invocations, rollbackOf);
  out.printer?.outcome(handle.deploymentId, outcome, result.durationMs);
  return result;
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
  const log = new InvocationLog();
  const handle = await start(local, spec, log);
  const header = {
    deploymentId: handle.deploymentId,
    what: describe(spec),
    deploymentConfig: spec.config,
    targetLabel: targetLabel(spec),
  };
  const first = await followOne(handle, header, spec, out, log);
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
    deployments.push(await followOne(rollback, rbHeader, spec, out, log, handle.deploymentId));
  }
  return { status: first.status, deployments };
}
