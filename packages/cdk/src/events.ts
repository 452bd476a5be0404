/**
 * The lifecycle events of a Lambda deployment that can run a hook, in the order CodeDeploy runs them.
 *
 * @example
 * const event: LambdaLifecycleEvent = 'BeforeAllowTraffic';
 */
export type LambdaLifecycleEvent = 'BeforeAllowTraffic' | 'AfterAllowTraffic';

/**
 * The lifecycle events of an ECS blue/green deployment that can run a hook, in the order CodeDeploy runs them.
 *
 * @example
 * const event: EcsLifecycleEvent = 'AfterAllowTestTraffic';
 */
export type EcsLifecycleEvent =
  | 'BeforeInstall'
  | 'AfterInstall'
  | 'AfterAllowTestTraffic'
  | 'BeforeAllowTraffic'
  | 'AfterAllowTraffic';

/**
 * The Lambda lifecycle events that can run a hook, in CodeDeploy's order.
 *
 * @example
 * LAMBDA_LIFECYCLE_EVENTS.includes('BeforeAllowTraffic'); // true
 */
export const LAMBDA_LIFECYCLE_EVENTS: readonly LambdaLifecycleEvent[] = Object.freeze([
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
]);

/**
 * The ECS blue/green lifecycle events that can run a hook, in CodeDeploy's order.
 *
 * @example
 * ECS_LIFECYCLE_EVENTS[0]; // 'BeforeInstall'
 */
export const ECS_LIFECYCLE_EVENTS: readonly EcsLifecycleEvent[] = Object.freeze([
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
]);

/**
 * Whether `value` names one of the five ECS hook events.
 *
 * @example
 * isEcsLifecycleEvent('AfterAllowTestTraffic'); // true
 * isEcsLifecycleEvent('ApplicationStart'); // false (an EC2 event)
 */
export function isEcsLifecycleEvent(value: unknown): value is EcsLifecycleEvent {
  return typeof value === 'string' && (ECS_LIFECYCLE_EVENTS as readonly string[]).includes(value);
}
