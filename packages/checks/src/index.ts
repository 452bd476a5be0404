/**
 * @greenlight/checks: ready checks for greenlight hooks. Each is also its own subpath export
 * (`@greenlight/checks/http`, …) that loads its AWS SDK client lazily, on the check's first run.
 */
export { type HttpCheckOptions, type HttpResponseInfo, http } from './http.js';
export { type AwsClientLike, CheckCallError } from './internal/aws.js';
export type { JsonSubset } from './internal/match.js';
export { type PollOptions, poll } from './poll.js';
