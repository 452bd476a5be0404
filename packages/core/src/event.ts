import { InvalidHookEventError } from './errors.js';
import type { CodeDeployHookEvent } from './types.js';

/**
 * Longest ID accepted. Real execution IDs are a few hundred characters; anything past this is not an ID.
 *
 * @example
 * const DeploymentId = 'd-'.padEnd(MAX_ID_LENGTH + 1, 'X');
 * parseHookEvent({ DeploymentId, LifecycleEventHookExecutionId: 'e' }); // throws: ... the limit is 2048
 */
export const MAX_ID_LENGTH = 2048;

// Control characters never appear in a real ID, and would let an event inject lines into logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

function readId(event: Record<string, unknown>, field: keyof CodeDeployHookEvent): string {
  if (!Object.hasOwn(event, field)) {
    throw new InvalidHookEventError(
      field,
      `${field} is missing: a CodeDeploy hook event has DeploymentId and LifecycleEventHookExecutionId`,
    );
  }
  const value = event[field];
  if (typeof value !== 'string') {
    throw new InvalidHookEventError(
      field,
      `${field} must be a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (value.trim() === '') throw new InvalidHookEventError(field, `${field} is empty`);
  if (value.length > MAX_ID_LENGTH) {
    throw new InvalidHookEventError(
      field,
      `${field} is ${value.length} characters long; the limit is ${MAX_ID_LENGTH}`,
    );
  }
  if (CONTROL.test(value)) throw new InvalidHookEventError(field, `${field} contains control characters`);
  return value;
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
