import { InvalidHookEventError } from './errors.js';
import { MAX_ID_LENGTH } from './event.js';

/**
 * The lifecycle stages at which Amazon ECS native blue/green deployments invoke Lambda hooks.
 *
 * @example
 * const isStage = (s: string): s is EcsLifecycleStage => (ECS_LIFECYCLE_STAGES as readonly string[]).includes(s);
 */
export const ECS_LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;

/**
 * One of the eight lifecycle stages at which Amazon ECS native blue/green deployments invoke Lambda hooks.
 *
 * @example
 * const stage: EcsLifecycleStage = 'POST_TEST_TRAFFIC_SHIFT';
 */
export type EcsLifecycleStage = (typeof ECS_LIFECYCLE_STAGES)[number];

/**
 * What Amazon ECS sends a deployment lifecycle hook (ECS developer guide, "Lambda hooks for Amazon ECS
 * service deployments").
 *
 * @example
 * const event: EcsHookEvent = {
 *   executionId: 'f4fcae0f-9bec-41c6-ba87-0eaa0cef8af5',
 *   lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
 *   resourceArn: 'arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/EZe5RNVLH6PPzHXINuP28',
 *   executionDetails: {
 *     serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service',
 *     targetServiceRevisionArn: 'arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/9313423515462893900',
 *     testTrafficWeights: {},
 *     productionTrafficWeights: {},
 *   },
 * };
 */
export interface EcsHookEvent {
  readonly executionId: string;
  readonly lifecycleStage: EcsLifecycleStage;
  /** The service deployment's ARN. */
  readonly resourceArn: string;
  readonly executionDetails: {
    readonly serviceArn: string;
    readonly targetServiceRevisionArn: string;
    readonly testTrafficWeights: Readonly<Record<string, number>>;
    readonly productionTrafficWeights: Readonly<Record<string, number>>;
  };
  /** From the service's hook configuration, plus what the previous IN_PROGRESS answer returned. */
  readonly hookDetails?: Readonly<Record<string, unknown>>;
}

/**
 * What an ECS native hook returns. A missing or invalid `hookStatus` makes ECS roll back.
 *
 * @example
 * const wait: EcsHookResponse = { hookStatus: 'IN_PROGRESS', callBackDelay: 30, hookDetails: { attempt: 2 } };
 */
export interface EcsHookResponse {
  readonly hookStatus: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  /** Seconds until ECS invokes the hook again (with IN_PROGRESS). */
  readonly callBackDelay?: number;
  /** Passed back to the next invocation of this hook in this deployment. */
  readonly hookDetails?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function string(record: Record<string, unknown>, key: string, field: string): string {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined) throw new InvalidHookEventError(field, `${field} is missing`);
  if (typeof value !== 'string')
    throw new InvalidHookEventError(
      field,
      `${field} must be a string, got ${value === null ? 'null' : typeof value}`,
    );
  if (value.trim() === '') throw new InvalidHookEventError(field, `${field} is empty`);
  if (value.length > MAX_ID_LENGTH)
    throw new InvalidHookEventError(
      field,
      `${field} is ${value.length} characters long; the limit is ${MAX_ID_LENGTH}`,
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in an ID or ARN.
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new InvalidHookEventError(field, `${field} contains control characters`);
  return value;
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
  if (!(ECS_LIFECYCLE_STAGES as readonly string[]).includes(stage)) {
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
    lifecycleStage: stage as EcsLifecycleStage,
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
