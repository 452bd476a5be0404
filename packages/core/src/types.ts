import type { Clock, CodeDeployHookEvent, HookStatus } from '@greenlight/contract';

// What a hook is written against that every package shares (the event, the statuses, the clock) is defined in
// @greenlight/contract; core's public types re-export it.
export type { Clock, CodeDeployHookEvent, HookStatus };

/**
 * The status of one check in a {@link HookResult}. `Skipped`: not run (fail-fast or emergency skip).
 * `Pending`: not passing yet, ask again later (only an ECS native hook can wait; a CodeDeploy hook fails it).
 *
 * @example
 * const skipped = result.checks.filter((c) => c.status === 'Skipped').map((c) => c.name);
 */
export type CheckStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'Pending';

/**
 * A failing (or explicitly passing) answer from a check, with the reason shown in logs and results.
 *
 * @example
 * const check: Check = async () => ({ passed: false, reason: 'error rate 7% > 5%' });
 */
export interface CheckVerdict {
  readonly passed: boolean;
  readonly reason?: string;
  /**
   * With `passed: false`: not a failure yet, only "not ready". An ECS native hook answers IN_PROGRESS and is
   * invoked again; a CodeDeploy hook, which cannot be called back, fails with the reason.
   */
  readonly pending?: boolean;
}

/**
 * What a check may return. `false` and `{ passed: false }` fail; `true`, `undefined`, `{ passed: true }` and
 * any other value pass, except an object whose `passed` is not a boolean (a mistake, so it fails). Throwing or
 * rejecting (with anything) fails.
 *
 * @example
 * const outcomes: CheckOutcome[] = [true, false, undefined, { passed: false, reason: 'p99 1.4 s > 1 s' }];
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a check that returns nothing passes, so void belongs here.
export type CheckOutcome = boolean | void | undefined | CheckVerdict;

/**
 * A check: a predicate over the deployment the hook validates. It gets a {@link HookContext} with an
 * `AbortSignal` that fires at the checks' deadline. `Check` runs on both platforms; `Check<CodeDeployHookContext>`
 * only in `createHook`, `Check<EcsNativeHookContext>` only in `createEcsHook`.
 *
 * @example
 * const healthy: Check = async ({ signal }) => (await fetch(url, { signal })).ok;
 */
export type Check<C extends HookContext = HookContext> = (context: C) => CheckOutcome | Promise<CheckOutcome>;

/**
 * One check or a record of named checks. A single function is named `check`.
 *
 * @example
 * const checks: Checks = { smoke: http({ url }), alarms: alarms() };
 */
export type Checks<C extends HookContext = HookContext> = Check<C> | Readonly<Record<string, Check<C>>>;

/**
 * The logger a hook writes through: Powertools' `Logger` fits, and so does any object with these methods.
 *
 * @example
 * import { Logger } from '@aws-lambda-powertools/logger';
 * const logger: HookLogger = new Logger({ serviceName: 'orders-hook' });
 */
export interface HookLogger {
  debug(message: string, ...extra: unknown[]): void;
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

/**
 * A lifecycle event of a deployment target, as GetDeploymentTarget returns it.
 *
 * @example
 * const event: LifecycleEventInfo = { name: 'BeforeAllowTraffic', status: 'InProgress', startTime: new Date() };
 */
export interface LifecycleEventInfo {
  readonly name: string;
  readonly status: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly diagnostics?: {
    readonly errorCode?: string;
    readonly message?: string;
    readonly scriptName?: string;
  };
}

interface TargetInfoBase {
  readonly targetId: string;
  readonly targetArn?: string;
  readonly status?: string;
  /** The lifecycle event this hook execution serves: the one now `InProgress`, when there is one. */
  readonly lifecycleEvent?: string;
  readonly lifecycleEvents: readonly LifecycleEventInfo[];
}

/**
 * The Lambda function a Lambda deployment shifts traffic on: which version is live and which one the hook
 * should validate.
 *
 * @example
 * const target = await ctx.target();
 * if (target.kind === 'lambda') await lambda.send(new InvokeCommand({ FunctionName: target.functionName,
 *   Qualifier: target.targetVersion }));
 */
export interface LambdaTargetInfo extends TargetInfoBase {
  readonly kind: 'lambda';
  readonly functionName: string;
  readonly functionAlias?: string;
  readonly currentVersion?: string;
  /** The version being deployed: the one a BeforeAllowTraffic hook should test. */
  readonly targetVersion: string;
  readonly targetVersionWeight?: number;
}

/**
 * One ECS task set of a blue/green deployment. `Blue` is the original, `Green` the replacement.
 *
 * @example
 * const green: EcsTaskSetInfo = { id: 'ecs-svc/0123456789', label: 'Green', desiredCount: 2, runningCount: 2 };
 */
export interface EcsTaskSetInfo {
  readonly id: string;
  readonly label?: 'Blue' | 'Green';
  readonly status?: string;
  readonly desiredCount?: number;
  readonly pendingCount?: number;
  readonly runningCount?: number;
  readonly trafficWeight?: number;
  readonly targetGroupName?: string;
}

/**
 * The ECS service an ECS blue/green deployment replaces tasks of.
 *
 * @example
 * const target = await ctx.target();
 * if (target.kind === 'ecs') ctx.logger.info('green task set', { cluster: target.cluster, id: target.replacement?.id });
 */
export interface EcsTargetInfo extends TargetInfoBase {
  readonly kind: 'ecs';
  readonly cluster: string;
  readonly service: string;
  readonly taskSets: readonly EcsTaskSetInfo[];
  /** The task set being deployed (`Green`). */
  readonly replacement?: EcsTaskSetInfo;
  /** The task set serving production before the deployment (`Blue`). */
  readonly original?: EcsTaskSetInfo;
}

/**
 * The service an Amazon ECS native blue/green deployment updates, from the hook's own payload.
 * `targetId` is the service ARN and `lifecycleEvent` the ECS lifecycle stage.
 *
 * @example
 * const target = await ctx.target();
 * if (target.kind === 'ecs-native' && target.rollingBack) return true; // do not stand in a rollback's way
 */
export interface EcsNativeTargetInfo extends TargetInfoBase {
  readonly kind: 'ecs-native';
  readonly cluster: string;
  readonly service: string;
  readonly serviceArn: string;
  /** The service revision being deployed (green). */
  readonly targetServiceRevisionArn: string;
  /** Service revision ARN → percentage of test traffic. */
  readonly testTrafficWeights: Readonly<Record<string, number>>;
  /** Service revision ARN → percentage of production traffic. */
  readonly productionTrafficWeights: Readonly<Record<string, number>>;
  /** True when production traffic is moving back to the original revision (ECS re-runs traffic-shift hooks then). */
  readonly rollingBack: boolean;
  /** The service's `hookDetails` for this hook (greenlight's own wait state, `greenlight`, left out). */
  readonly hookDetails: Readonly<Record<string, unknown>>;
}

/**
 * A target of another kind (EC2/on-premises, CloudFormation): the raw type and IDs only.
 *
 * @example
 * if (target.kind === 'other') return { passed: false, reason: `cannot check a ${target.deploymentTargetType}` };
 */
export interface OtherTargetInfo extends TargetInfoBase {
  readonly kind: 'other';
  readonly deploymentTargetType?: string;
}

/**
 * What a deployment deploys to, from ListDeploymentTargets + GetDeploymentTarget.
 *
 * @example
 * const target: DeploymentTargetInfo = await ctx.target();
 * const name = target.kind === 'lambda' ? target.functionName
 *   : target.kind === 'other' ? target.targetId : target.service; // 'ecs' and 'ecs-native' have a service
 */
export type DeploymentTargetInfo = LambdaTargetInfo | EcsTargetInfo | EcsNativeTargetInfo | OtherTargetInfo;

/**
 * The deployment a hook serves, from GetDeployment.
 *
 * @example
 * const { deploymentGroupName, rollbackInfo } = await ctx.deployment();
 * if (rollbackInfo?.rollbackTriggeringDeploymentId) return true; // this deployment is a rollback
 */
export interface DeploymentInfo {
  readonly deploymentId: string;
  readonly applicationName?: string;
  readonly deploymentGroupName?: string;
  readonly computePlatform?: string;
  readonly status?: string;
  readonly deploymentConfigName?: string;
  readonly creator?: string;
  /** Set when this deployment is a rollback, or was rolled back. */
  readonly rollbackInfo?: {
    readonly rollbackDeploymentId?: string;
    readonly rollbackTriggeringDeploymentId?: string;
    readonly rollbackMessage?: string;
  };
}

/**
 * The deployment group a deployment belongs to, from GetDeploymentGroup.
 *
 * @example
 * const { alarmConfiguration } = await ctx.deploymentGroup();
 * const alarmNames = (alarmConfiguration?.alarms ?? []).map((a) => a.name);
 */
export interface DeploymentGroupInfo {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly computePlatform?: string;
  readonly deploymentConfigName?: string;
  readonly serviceRoleArn?: string;
  /** The CloudWatch alarms CodeDeploy watches for this group. */
  readonly alarmConfiguration?: {
    readonly enabled?: boolean;
    readonly ignorePollAlarmFailure?: boolean;
    readonly alarms?: readonly { readonly name?: string }[];
  };
  readonly autoRollbackConfiguration?: { readonly enabled?: boolean; readonly events?: readonly string[] };
}

/** What a check receives on both platforms. */
interface HookContextBase {
  /** The CodeDeploy deployment ID, or the ECS service deployment ARN. */
  readonly deploymentId: string;
  /** The CodeDeploy hook execution ID, or the ECS hook execution ID. */
  readonly lifecycleEventHookExecutionId: string;
  /** The name of this check (`check` for a single unnamed check). */
  readonly checkName: string;
  /**
   * Fires at the checks' deadline (reason: `CheckTimeoutError`), when a fail-fast sibling failed, or when the
   * checks are over (reason: `CheckCancelledError`). Pass it to every I/O call.
   */
  readonly signal: AbortSignal;
  /** A logger whose every line carries the deployment and execution IDs. */
  readonly logger: HookLogger;
  /** The Lambda context, when the handler was given one. */
  readonly lambdaContext: LambdaContextLike | undefined;
  /** Epoch milliseconds at which the checks' deadline falls. */
  readonly deadline: number;
  /** Milliseconds left before the checks' deadline. */
  remainingTimeMs(): number;
  /** The deployment (GetDeployment), fetched once per invocation. */
  deployment(): Promise<DeploymentInfo>;
}

/**
 * What a check receives in a CodeDeploy hook (`createHook`, the middy middleware).
 *
 * @example
 * const check: Check<CodeDeployHookContext> = async (ctx) => {
 *   const { alarmConfiguration } = await ctx.deploymentGroup();
 *   return alarmConfiguration?.enabled === true;
 * };
 */
export interface CodeDeployHookContext extends HookContextBase {
  /** Who invokes the hook: CodeDeploy. */
  readonly platform: 'codedeploy';
  /** The target and the lifecycle event now in progress, fetched once per invocation. */
  target(): Promise<DeploymentTargetInfo>;
  /**
   * The deployment group (GetDeploymentGroup, with the names `deployment()` gives), fetched once per
   * invocation: its alarms, rollback settings and configuration.
   */
  deploymentGroup(): Promise<DeploymentGroupInfo>;
}

/**
 * What a check receives in an Amazon ECS native hook (`createEcsHook`): no deployment group, and the target
 * comes from the hook's own payload.
 *
 * @example
 * const check: Check<EcsNativeHookContext> = async (ctx) => !(await ctx.target()).rollingBack;
 */
export interface EcsNativeHookContext extends HookContextBase {
  /** Who invokes the hook: Amazon ECS's own blue/green deployments. */
  readonly platform: 'ecs-native';
  /**
   * The service, the revision being deployed, the traffic weights and the lifecycle stage (`kind:
   * 'ecs-native'`), from the hook's own payload.
   */
  target(): Promise<DeploymentTargetInfo>;
  /**
   * @deprecated An Amazon ECS native deployment has no CodeDeploy deployment group: calling this in an ECS
   * native hook is a compile error (and rejects with a `LookupError` at run time). A check that runs on both
   * platforms narrows first: `if (ctx.platform === 'codedeploy') await ctx.deploymentGroup()`.
   */
  deploymentGroup(...notOnEcsNative: never): Promise<DeploymentGroupInfo>;
}

/**
 * What every check receives, discriminated on `platform`: narrow it before using what only one platform has
 * (`deploymentGroup()` exists on CodeDeploy only).
 *
 * @example
 * const check: Check = async (ctx) => {
 *   const target = await ctx.target();
 *   if (ctx.platform === 'codedeploy') ctx.logger.info('group', { group: (await ctx.deploymentGroup()).deploymentGroupName });
 *   return target.kind !== 'lambda' || target.targetVersion !== target.currentVersion;
 * };
 */
export type HookContext = CodeDeployHookContext | EcsNativeHookContext;

/**
 * One check's outcome in a {@link HookResult}.
 *
 * @example
 * const report: CheckReport = { name: 'smoke', status: 'Failed', reason: 'timed out after 30000 ms', durationMs: 30000 };
 */
export interface CheckReport {
  readonly name: string;
  readonly status: CheckStatus;
  readonly reason?: string;
  readonly durationMs: number;
}

/**
 * What the handler returns (and logs as one summary line).
 * `reported`: `true` when this invocation's report was accepted, `'already-completed'` when an earlier
 * invocation (or an earlier attempt whose answer was lost) had already reported, `false` in dry-run mode.
 *
 * @example
 * const result: HookResult = await handler(event, context);
 * if (result.status === 'Failed') console.log(result.reason); // e.g. 'smoke: returned false'
 */
export interface HookResult {
  readonly status: HookStatus;
  readonly reason?: string;
  readonly checks: readonly CheckReport[];
  readonly durationMs: number;
  readonly reported: true | 'already-completed' | false;
  /**
   * With `reported: 'already-completed'`: the status CodeDeploy holds for this hook's lifecycle event, when it
   * could be read. It differs from `status` when an earlier invocation decided otherwise.
   */
  readonly recordedStatus?: HookStatus;
  readonly mode: 'normal' | 'skip' | 'dry-run';
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
}

/**
 * The Lambda context as greenlight reads it: a structural subset of `aws-lambda`'s `Context`, so a real context,
 * the local CodeDeploy's Lambda-like one, or none at all will do (no dependency on `@types/aws-lambda`).
 * Without `getRemainingTimeInMillis` the hook assumes `defaultRemainingMs`.
 *
 * @example
 * const context: LambdaContextLike = { functionName: 'hook', getRemainingTimeInMillis: () => 30_000 };
 */
export interface LambdaContextLike {
  readonly functionName?: string;
  readonly functionVersion?: string;
  readonly invokedFunctionArn?: string;
  readonly memoryLimitInMB?: string;
  readonly awsRequestId?: string;
  readonly logGroupName?: string;
  readonly logStreamName?: string;
  getRemainingTimeInMillis?(): number;
}

/**
 * A CodeDeploy hook handler: assignable to `Handler<CodeDeployHookEvent, HookResult>` from `aws-lambda`.
 *
 * @example
 * export const handler: HookHandler = createHook({ smoke, alarms: alarms() });
 */
export type HookHandler = (event: CodeDeployHookEvent, context?: LambdaContextLike) => Promise<HookResult>;

/**
 * The only client call greenlight needs: `send(command, { abortSignal })`, as every SDK v3 client has. Every
 * call gets a signal, aborted when greenlight abandons the call, so no request outlives the invocation.
 *
 * @example
 * const client: CodeDeployLike = new CodeDeployClient({ region: 'eu-west-1', maxAttempts: 1 });
 * createHook(checks, { client });
 */
export interface CodeDeployLike {
  // biome-ignore lint/suspicious/noExplicitAny: SDK clients' send is overloaded; any command object is accepted.
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>;
}
