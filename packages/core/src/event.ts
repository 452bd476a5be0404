import { type CodeDeployHookEvent, idProblem } from '@greenlight/contract';
import { InvalidHookEventError } from './errors.js';

function readId(event: Record<string, unknown>, field: keyof CodeDeployHookEvent): string {
  if (!Object.hasOwn(event, field)) {
    throw new InvalidHookEventError(
      field,
      `${field} is missing: a CodeDeploy hook event has DeploymentId and LifecycleEventHookExecutionId`,
    );
  }
  const value = event[field];
  const problem = idProblem(value);
  if (problem !== undefined) throw new InvalidHookEventError(field, `${field} ${problem}`);
  return value as string;
}

/**
 * Checks that `event` is a CodeDeploy lifecycle hook event and returns its two IDs.
 *
 * @throws InvalidHookEventError naming the bad field.
 * @example
 * const { DeploymentId } = parseHookEvent(event);
 */
export function parseHookEvent(event: unknown): CodeDeployHookEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    const got = event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event;
    throw new InvalidHookEventError('event', `a CodeDeploy hook event must be an object, got ${got}`);
  }
  const record = event as Record<string, unknown>;
  return {
    DeploymentId: readId(record, 'DeploymentId'),
    LifecycleEventHookExecutionId: readId(record, 'LifecycleEventHookExecutionId'),
  };
}
