/**
 * The lifecycle events of a CodeDeploy Lambda deployment that can run a hook (the AppSpec's `Hooks`), in
 * the order CodeDeploy runs them.
 *
 * @example
 * LAMBDA_HOOK_EVENTS.includes('BeforeAllowTraffic'); // true
 */
export const LAMBDA_HOOK_EVENTS = /* @__PURE__ */ Object.freeze([
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const);

/**
 * A lifecycle event of a Lambda deployment that can run a hook.
 *
 * @example
 * const event: LambdaLifecycleEvent = 'BeforeAllowTraffic';
 */
export type LambdaLifecycleEvent = (typeof LAMBDA_HOOK_EVENTS)[number];

/**
 * The lifecycle events of a CodeDeploy ECS blue/green deployment that can run a hook (the AppSpec's
 * `Hooks`), in the order CodeDeploy runs them.
 *
 * @example
 * ECS_HOOK_EVENTS[0]; // 'BeforeInstall'
 */
export const ECS_HOOK_EVENTS = /* @__PURE__ */ Object.freeze([
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const);

/**
 * A lifecycle event of an ECS blue/green deployment that can run a hook.
 *
 * @example
 * const event: EcsLifecycleEvent = 'AfterAllowTestTraffic';
 */
export type EcsLifecycleEvent = (typeof ECS_HOOK_EVENTS)[number];

/**
 * Whether `value` names a Lambda lifecycle event that can run a hook.
 *
 * @example
 * isLambdaLifecycleEvent('AfterAllowTraffic'); // true
 * isLambdaLifecycleEvent('AllowTraffic'); // false (CodeDeploy shifts traffic itself)
 */
export function isLambdaLifecycleEvent(value: unknown): value is LambdaLifecycleEvent {
  return typeof value === 'string' && (LAMBDA_HOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * Whether `value` names one of the five ECS lifecycle events that can run a hook.
 *
 * @example
 * isEcsLifecycleEvent('AfterAllowTestTraffic'); // true
 * isEcsLifecycleEvent('ApplicationStart'); // false (an EC2/on-premises event)
 */
export function isEcsLifecycleEvent(value: unknown): value is EcsLifecycleEvent {
  return typeof value === 'string' && (ECS_HOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * The steps CodeDeploy runs itself, between the hook events (installing the replacement task set, moving
 * test and production traffic): no hook runs at them.
 *
 * @example
 * CODEDEPLOY_SERVICE_EVENTS.includes('AllowTraffic'); // true
 */
export const CODEDEPLOY_SERVICE_EVENTS = /* @__PURE__ */ Object.freeze([
  'Install',
  'AllowTestTraffic',
  'AllowTraffic',
] as const);

/**
 * Every lifecycle event of a Lambda deployment, in order: the hook events and CodeDeploy's own
 * `AllowTraffic` between them.
 *
 * @example
 * LAMBDA_LIFECYCLE_ORDER.indexOf('AllowTraffic'); // 1
 */
export const LAMBDA_LIFECYCLE_ORDER = /* @__PURE__ */ Object.freeze([
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const);

/**
 * Every lifecycle event of an ECS blue/green deployment, in order: the hook events and CodeDeploy's own
 * steps ({@link CODEDEPLOY_SERVICE_EVENTS}) between them. Without a test listener, `AllowTestTraffic` and
 * `AfterAllowTestTraffic` do not run.
 *
 * @example
 * const withoutTestListener = ECS_LIFECYCLE_ORDER.filter((e) => !e.includes('TestTraffic'));
 */
export const ECS_LIFECYCLE_ORDER = /* @__PURE__ */ Object.freeze([
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const);

/**
 * Any lifecycle event of a CodeDeploy Lambda or ECS deployment, hook or not.
 *
 * @example
 * const event: CodeDeployLifecycleEvent = 'AllowTestTraffic';
 */
export type CodeDeployLifecycleEvent =
  | (typeof LAMBDA_LIFECYCLE_ORDER)[number]
  | (typeof ECS_LIFECYCLE_ORDER)[number];
