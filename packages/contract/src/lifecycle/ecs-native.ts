/**
 * The lifecycle stages at which an Amazon ECS native deployment (deployment controller `ECS`, strategy
 * `BLUE_GREEN`, `LINEAR` or `CANARY`) invokes a Lambda hook, in the order ECS runs them (ECS developer guide,
 * "Lambda hooks for Amazon ECS service deployments").
 *
 * @example
 * ECS_LIFECYCLE_STAGES.includes('PRE_SCALE_UP'); // true
 */
export const ECS_LIFECYCLE_STAGES = /* @__PURE__ */ Object.freeze([
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const);

/**
 * One of the eight lifecycle stages at which an Amazon ECS native deployment invokes a Lambda hook.
 *
 * @example
 * const stage: EcsLifecycleStage = 'POST_TEST_TRAFFIC_SHIFT';
 */
export type EcsLifecycleStage = (typeof ECS_LIFECYCLE_STAGES)[number];

/**
 * Whether `value` names one of the eight ECS native lifecycle stages.
 *
 * @example
 * isEcsLifecycleStage('POST_TEST_TRAFFIC_SHIFT'); // true
 * isEcsLifecycleStage('AfterAllowTestTraffic'); // false (a CodeDeploy lifecycle event)
 */
export function isEcsLifecycleStage(value: unknown): value is EcsLifecycleStage {
  return typeof value === 'string' && (ECS_LIFECYCLE_STAGES as readonly string[]).includes(value);
}

/**
 * The steps ECS runs itself, between the hook stages: no hook runs at them.
 *
 * @example
 * ECS_NATIVE_SERVICE_STEPS.includes('BAKE_TIME'); // true
 */
export const ECS_NATIVE_SERVICE_STEPS = /* @__PURE__ */ Object.freeze([
  'SCALE_UP',
  'BAKE_TIME',
  'CLEAN_UP',
] as const);

/**
 * Every step of an Amazon ECS native blue/green deployment, in the order ECS runs them: the eight hook
 * stages and ECS's own steps ({@link ECS_NATIVE_SERVICE_STEPS}) between them. `RECONCILE_SERVICE` runs only when
 * more than one service revision is active.
 *
 * @example
 * const steps = ECS_NATIVE_LIFECYCLE_ORDER.filter((s) => s !== 'RECONCILE_SERVICE'); // a service's usual deployment
 */
export const ECS_NATIVE_LIFECYCLE_ORDER = /* @__PURE__ */ Object.freeze([
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const);

/**
 * One step of an Amazon ECS native deployment: a hook stage or one of ECS's own steps.
 *
 * @example
 * const step: EcsNativeLifecycleStep = 'BAKE_TIME';
 */
export type EcsNativeLifecycleStep = (typeof ECS_NATIVE_LIFECYCLE_ORDER)[number];
