/**
 * The lifecycle stages at which an Amazon ECS native deployment (deployment controller `ECS`, strategy
 * `BLUE_GREEN`, `LINEAR` or `CANARY`) invokes a Lambda hook, in the order ECS runs them. The same list as
 * `ECS_LIFECYCLE_STAGES` in `@greenlight/core` (which parses the events).
 *
 * @example
 * const stage: EcsLifecycleStage = 'POST_TEST_TRAFFIC_SHIFT';
 */
export type EcsLifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT';

/**
 * The ECS native lifecycle stages that can run a hook, in ECS's order.
 *
 * @example
 * ECS_LIFECYCLE_STAGES.includes('PRE_SCALE_UP'); // true
 */
export const ECS_LIFECYCLE_STAGES: readonly EcsLifecycleStage[] = Object.freeze([
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
]);

/**
 * Whether `value` names one of the eight ECS native lifecycle stages.
 *
 * @example
 * isEcsLifecycleStage('POST_TEST_TRAFFIC_SHIFT'); // true
 * isEcsLifecycleStage('AfterAllowTestTraffic'); // false (a CodeDeploy event)
 */
export function isEcsLifecycleStage(value: unknown): value is EcsLifecycleStage {
  return typeof value === 'string' && (ECS_LIFECYCLE_STAGES as readonly string[]).includes(value);
}

/**
 * Checks and normalises the stages given to `attachToEcsService`: one stage or a non-empty list, each a
 * known stage, returned without duplicates in ECS's order.
 *
 * @param stages one stage or a list
 * @throws TypeError naming the first unknown stage, or for an empty list
 * @example
 * normaliseEcsStages(['POST_TEST_TRAFFIC_SHIFT', 'PRE_SCALE_UP']); // ['PRE_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT']
 */
export function normaliseEcsStages(
  stages: EcsLifecycleStage | readonly EcsLifecycleStage[],
): EcsLifecycleStage[] {
  const list: readonly unknown[] =
    typeof stages === 'string' ? [stages] : Array.isArray(stages) ? stages : [];
  if (list.length === 0) {
    throw new TypeError('Expected `stages` to be an ECS lifecycle stage or a non-empty list of them');
  }
  for (const stage of list) {
    if (!isEcsLifecycleStage(stage)) {
      throw new TypeError(
        `Expected an ECS lifecycle stage (${ECS_LIFECYCLE_STAGES.join(', ')}), got ${String(stage)}`,
      );
    }
  }
  return ECS_LIFECYCLE_STAGES.filter((stage) => list.includes(stage));
}
