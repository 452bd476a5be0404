// Registers a hook with an ECS service's native deployment lifecycle hooks through CDK's L2
// (`BaseService.addLifecycleHook`), plus the one thing the L2 does not render: `hookDetails`.
// CDK's `DeploymentLifecycleStage` enum (2.276) also lacks PRE_PRODUCTION_TRAFFIC_SHIFT; the L2 renders
// stages with `toString()`, so the stage strings are passed through as they are.

import {
  ECS_LIFECYCLE_STAGES,
  type EcsLifecycleStage,
  GreenlightError,
  InvalidOptionsError,
  type OptionSpec,
  optional,
  validateOptions,
} from '@greenlight/contract';
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

const SPEC: OptionSpec<AttachToEcsServiceOptions> = {
  hookDetails: (value, name) => {
    optional('a JSON object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v))(value, name);
    if (value !== undefined && Object.hasOwn(value as object, 'greenlight')) {
      throw new InvalidOptionsError(
        'hookDetails.greenlight',
        '`hookDetails.greenlight` is reserved: createEcsHook keeps its wait state there between invocations',
      );
    }
  },
  role: optional('an IAM role (IRole)', (v) => typeof v === 'object' && v !== null && 'roleArn' in v),
};

/**
 * Rejects unknown options and `hookDetails` that are not a JSON object or that use the reserved key.
 *
 * @throws InvalidOptionsError naming the option
 * @example
 * validateAttachToEcsServiceOptions({ hookDetails: { greenlight: 1 } }); // throws: `hookDetails.greenlight` is reserved
 */
export function validateAttachToEcsServiceOptions(options: AttachToEcsServiceOptions): void {
  validateOptions('attachToEcsService', options, SPEC);
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
 * @throws InvalidOptionsError when the function is already attached with another role or other details; CDK's
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
    throw new InvalidOptionsError(
      'role',
      `${fn.node.path} is already a lifecycle hook of ${service.node.path} with another role`,
    );
  }
  if (target && hookDetails && target.details && !sameJson(service, target.details, hookDetails)) {
    throw new InvalidOptionsError(
      'hookDetails',
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
    throw new GreenlightError(
      'CDK_INCOMPATIBLE',
      `${service.node.path}: cannot find the lifecycle hooks CDK renders for this service`,
    );
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
