/**
 * @greenlight/checks: ready checks for greenlight hooks. Each is also its own subpath export
 * (`@greenlight/checks/http`, …) that loads its AWS SDK client lazily, on the check's first run, so
 * importing this barrel (or a subpath) loads no SDK client.
 */
export {
  type AlarmsCheckOptions,
  alarms,
} from './alarms.js';
export { type EcsTaskSetCheckOptions, ecsTaskSet } from './ecs-task-set.js';
export { type HttpCheckOptions, type HttpResponseInfo, http } from './http.js';
export { type AwsClientLike, CheckCallError } from './internal/aws.js';
export type { JsonSubset } from './internal/match.js';
export {
  type InvokeResultInfo,
  type InvokeTargetOptions,
  invokeTarget,
  isHookSmokeTest,
  SMOKE_TEST_MARK,
} from './invoke-target.js';
export {
  type Comparison,
  type Dimensions,
  lambdaTargetDimensions,
  type MetricCheckOptions,
  type MetricSpec,
  metric,
} from './metric.js';
export { type PollOptions, poll } from './poll.js';
export { type TargetHealthCheckOptions, targetHealth } from './target-health.js';
