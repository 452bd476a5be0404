import {
  ECS_LIFECYCLE_STAGES,
  type EcsLifecycleStage,
  InvalidOptionsError,
  isEcsLifecycleStage,
} from '@greenlight/contract';

/**
 * Checks and normalises the stages given to `attachToEcsService`: one stage or a non-empty list, each one of
 * the contract's `ECS_LIFECYCLE_STAGES`, returned without duplicates in ECS's order.
 *
 * @param stages one stage or a list
 * @throws InvalidOptionsError (`stages`) naming the first unknown stage, or for an empty list
 * @example
 * normaliseEcsStages(['POST_TEST_TRAFFIC_SHIFT', 'PRE_SCALE_UP']); // ['PRE_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT']
 */
export function normaliseEcsStages(
  stages: EcsLifecycleStage | readonly EcsLifecycleStage[],
): EcsLifecycleStage[] {
  const list: readonly unknown[] =
    typeof stages === 'string' ? [stages] : Array.isArray(stages) ? stages : [];
  if (list.length === 0) {
    throw new InvalidOptionsError(
      'stages',
      'Expected `stages` to be an ECS lifecycle stage or a non-empty list of them',
    );
  }
  for (const stage of list) {
    if (!isEcsLifecycleStage(stage)) {
      throw new InvalidOptionsError(
        'stages',
        `Expected an ECS lifecycle stage (${ECS_LIFECYCLE_STAGES.join(', ')}), got ${String(stage)}`,
      );
    }
  }
  return ECS_LIFECYCLE_STAGES.filter((stage) => list.includes(stage));
}
