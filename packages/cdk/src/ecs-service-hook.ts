// Registers a hook with an ECS service's native deployment lifecycle hooks through CDK's L2
// (`BaseService.addLifecycleHook`), plus the one thing the L2 does not render: `hookDetails`.
// CDK's `DeploymentLifecycleStage` enum (2.276) also lacks PRE_PRODUCTION_TRAFFIC_SHIFT; the L2 renders
// stages with `toString()`, so the stage strings are passed through as they are.
import { type IResolveContext, Lazy, Stack } from 'aws-cdk-lib';
import type {
  BaseService,
  CfnService,
  DeploymentLifecycleHookTargetConfig,
  DeploymentLifecycleStage,
  IDeploymentLifecycleHookTarget,
} from 'aws-cdk-lib/aws-ecs';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ECS_LIFECYCLE_STAGES, type EcsLifecycleStage } from './ecs-stages.js';

/**
 * Options for {@link HookFunction.attachToEcsService}.
 *
 * @example
 * hook.attachToEcsService(service, 'POST_TEST_TRAFFIC_SHIFT', { hookDetails: { path: '/health' } });
 */
export interface AttachToEcsServiceOptions {
  /**
   * Custom parameters ECS passes to every invocation of the hook (`event.hookDetails`): a JSON object.
   * The key `greenlight` is reserved: `createEcsHook` keeps its wait state there across IN_PROGRESS
   * answers.
   * @default - no hookDetails
   */
  readonly hookDetails?: Readonly<Record<string, unknown>>;
  /**
   * The role ECS assumes to invoke the hook; it is granted `lambda:InvokeFunction` on exactly this
   * function (a role imported by ARN through the function's resource policy instead).
   * @default the hook's own ECS invoke role (`hook.ecsInvokeRole`), created on first use: trusted by
   * `ecs.amazonaws.com`, one statement, `lambda:InvokeFunction` on exactly this function
   */
  readonly role?: IRole;
}

const OPTIONS: readonly string[] = ['hookDetails', 'role'];

/**
 * Rejects unknown options and `hookDetails` that are not a JSON object or that use the reserved key.
 *
 * @throws TypeError naming the problem
 */
export function validateAttachToEcsServiceOptions(options: AttachToEcsServiceOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Expected `options` to be an object');
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) {
      throw new TypeError(`Unknown option \`${key}\`; known options: ${OPTIONS.join(', ')}`);
    }
  }
  const details = options.hookDetails;
  if (details === undefined) return;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    throw new TypeError('Expected `hookDetails` to be a JSON object');
  }
  if (Object.hasOwn(details, 'greenlight')) {
    throw new TypeError(
      '`hookDetails.greenlight` is reserved: createEcsHook keeps its wait state there between invocations',
    );
  }
}

/** One hook function on one service: its role, its stages (merged across calls) and its details. */
class GreenlightLifecycleTarget implements IDeploymentLifecycleHookTarget {
  readonly stages = new Set<EcsLifecycleStage>();
  details?: Readonly<Record<string, unknown>>;

  constructor(
    readonly fn: IFunction,
    readonly role: IRole,
  ) {}

  bind(): DeploymentLifecycleHookTargetConfig {
    return {
      targetArn: this.fn.functionArn,
      role: this.role,
      lifecycleStages: ECS_LIFECYCLE_STAGES.filter((s) =>
        this.stages.has(s),
      ) as string[] as DeploymentLifecycleStage[],
    };
  }
}

const targets = new WeakMap<BaseService, Map<IFunction, GreenlightLifecycleTarget>>();
const withDetails = new WeakSet<BaseService>();

/**
 * Adds `fn` at `stages` to the service's lifecycle hooks, invoked with `role`. A second call for the same
 * function and service adds its stages to the same entry.
 *
 * @throws TypeError when the function is already attached with another role or other details; CDK's
 * ValidationError when the service does not use the ECS deployment controller
 */
export function addServiceLifecycleHook(
  service: BaseService,
  fn: IFunction,
  role: IRole,
  stages: readonly EcsLifecycleStage[],
  hookDetails: Readonly<Record<string, unknown>> | undefined,
): void {
  let byFunction = targets.get(service);
  if (!byFunction) {
    byFunction = new Map();
    targets.set(service, byFunction);
  }
  let target = byFunction.get(fn);
  if (target && target.role !== role) {
    throw new TypeError(
      `${fn.node.path} is already a lifecycle hook of ${service.node.path} with another role`,
    );
  }
  if (target && hookDetails && target.details && !sameJson(service, target.details, hookDetails)) {
    throw new TypeError(
      `${fn.node.path} is already a lifecycle hook of ${service.node.path} with other hookDetails`,
    );
  }
  if (!target) {
    target = new GreenlightLifecycleTarget(fn, role);
    service.addLifecycleHook(target); // throws unless the service uses the ECS deployment controller
    byFunction.set(fn, target);
  }
  for (const stage of stages) target.stages.add(stage);
  if (hookDetails) {
    target.details = hookDetails;
    renderDetails(service);
  }
}

function sameJson(scope: BaseService, a: unknown, b: unknown): boolean {
  const stack = Stack.of(scope);
  return JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b));
}

/**
 * Wraps the L2's lazily rendered `lifecycleHooks` once per service: the wrapper resolves the L2's list
 * and adds `hookDetails` to the entries of greenlight hooks that have details (matched by target and
 * role ARN), leaving every other entry as the L2 rendered it.
 */
function renderDetails(service: BaseService): void {
  if (withDetails.has(service)) return;
  const cfn = service.node.defaultChild as CfnService;
  const config = cfn.deploymentConfiguration as CfnService.DeploymentConfigurationProperty | undefined;
  if (!config || typeof config !== 'object' || !('lifecycleHooks' in config)) {
    throw new TypeError(`${service.node.path}: cannot find the lifecycle hooks CDK renders for this service`);
  }
  const rendered = config.lifecycleHooks;
  withDetails.add(service);
  cfn.deploymentConfiguration = {
    ...config,
    lifecycleHooks: Lazy.uncachedAny(
      { produce: (context: IResolveContext) => withHookDetails(service, context, rendered) },
      { omitEmptyArray: true },
    ),
  };
}

interface RenderedHook {
  hookTargetArn?: unknown;
  roleArn?: unknown;
  hookDetails?: unknown;
}

function withHookDetails(service: BaseService, context: IResolveContext, rendered: unknown): unknown {
  const list = context.resolve(rendered) as RenderedHook[] | undefined;
  if (!Array.isArray(list)) return list;
  const key = (target: unknown, role: unknown) => JSON.stringify([target, role]);
  const details = new Map<string, unknown>();
  for (const target of targets.get(service)?.values() ?? []) {
    if (target.details === undefined) continue;
    details.set(
      key(context.resolve(target.fn.functionArn), context.resolve(target.role.roleArn)),
      context.resolve(target.details),
    );
  }
  return list.map((hook) => {
    const found = details.get(key(hook.hookTargetArn, hook.roleArn));
    return found === undefined ? hook : { ...hook, hookDetails: found };
  });
}
