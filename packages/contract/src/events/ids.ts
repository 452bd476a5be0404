/**
 * The longest ID (or ARN) a hook event may carry. Real execution IDs are a few hundred characters; anything
 * past this is not an ID.
 *
 * @example
 * idProblem('d-'.padEnd(MAX_ID_LENGTH + 1, 'X')); // 'is 2049 characters long; the limit is 2048'
 */
export const MAX_ID_LENGTH = 2048;

// Control characters never appear in a real ID or ARN, and would let an event inject lines into logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * What is wrong with a value given as an ID or ARN of a hook event (CodeDeploy's `DeploymentId`, ECS's
 * `executionId`, …), in words that follow the field's name; `undefined` when it is a usable ID. An ID is a
 * non-blank string of at most {@link MAX_ID_LENGTH} characters without control characters. A missing field
 * is for the caller to name (it answers `must be a string, got undefined`).
 *
 * @example
 * const problem = idProblem(event.DeploymentId);
 * if (problem) throw new InvalidHookEventError('DeploymentId', `DeploymentId ${problem}`); // '... is empty'
 */
export const idProblem = (value: unknown): string | undefined =>
  typeof value !== 'string'
    ? `must be a string, got ${value === null ? 'null' : typeof value}`
    : value.trim() === ''
      ? 'is empty'
      : value.length > MAX_ID_LENGTH
        ? `is ${value.length} characters long; the limit is ${MAX_ID_LENGTH}`
        : CONTROL.test(value)
          ? 'contains control characters'
          : undefined;
