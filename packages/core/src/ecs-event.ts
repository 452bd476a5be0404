import {
  ECS_LIFECYCLE_STAGES,
  type EcsHookEvent,
  idProblem,
  isEcsLifecycleStage,
} from '@greenlight/contract';
import { InvalidHookEventError } from './errors.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function string(record: Record<string, unknown>, key: string, field: string): string {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined) throw new InvalidHookEventError(field, `${field} is missing`);
  const problem = idProblem(value);
  if (problem !== undefined) throw new InvalidHookEventError(field, `${field} ${problem}`);
  return value as string;
}

function weights(record: Record<string, unknown>, key: string): Record<string, number> {
  const field = `executionDetails.${key}`;
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined) return {};
  if (!isRecord(value))
    throw new InvalidHookEventError(field, `${field} must be an object of revision ARN → percentage`);
  const out: Record<string, number> = {};
  for (const [arn, weight] of Object.entries(value)) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) {
      throw new InvalidHookEventError(field, `${field}["${arn}"] must be a percentage from 0 to 100`);
    }
    out[arn] = weight;
  }
  return out;
}

/**
 * Checks that `event` is an Amazon ECS lifecycle hook payload.
 *
 * @throws InvalidHookEventError naming the bad field.
 * @example
 * const { lifecycleStage, executionDetails } = parseEcsHookEvent(event);
 */
export function parseEcsHookEvent(event: unknown): EcsHookEvent {
  if (!isRecord(event)) {
    const got = event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event;
    throw new InvalidHookEventError('event', `an ECS lifecycle hook event must be an object, got ${got}`);
  }
  if (Object.hasOwn(event, 'DeploymentId')) {
    throw new InvalidHookEventError(
      'event',
      'this is a CodeDeploy hook event (DeploymentId): use createHook, not createEcsHook',
    );
  }
  const executionId = string(event, 'executionId', 'executionId');
  const stage = string(event, 'lifecycleStage', 'lifecycleStage');
  if (!isEcsLifecycleStage(stage)) {
    throw new InvalidHookEventError(
      'lifecycleStage',
      `lifecycleStage "${stage}" is not one of ${ECS_LIFECYCLE_STAGES.join(', ')}`,
    );
  }
  const resourceArn = string(event, 'resourceArn', 'resourceArn');
  const details = Object.hasOwn(event, 'executionDetails') ? event.executionDetails : undefined;
  if (!isRecord(details))
    throw new InvalidHookEventError('executionDetails', 'executionDetails must be an object');
  const hookDetails = Object.hasOwn(event, 'hookDetails') ? event.hookDetails : undefined;
  if (hookDetails !== undefined && hookDetails !== null && !isRecord(hookDetails)) {
    throw new InvalidHookEventError('hookDetails', 'hookDetails must be an object');
  }
  return {
    executionId,
    lifecycleStage: stage,
    resourceArn,
    executionDetails: {
      serviceArn: string(details, 'serviceArn', 'executionDetails.serviceArn'),
      targetServiceRevisionArn: string(
        details,
        'targetServiceRevisionArn',
        'executionDetails.targetServiceRevisionArn',
      ),
      testTrafficWeights: weights(details, 'testTrafficWeights'),
      productionTrafficWeights: weights(details, 'productionTrafficWeights'),
    },
    ...(isRecord(hookDetails) && { hookDetails }),
  };
}
