export {
  type CodeDeployHookEvent,
  defaultReserve,
  HookReportError,
  type HookResult,
  InvalidHookEventError,
} from '@greenlight/core';
export { type GreenlightMiddleware, greenlight, type MiddyRequestLike } from './middleware.js';
export { type GreenlightMiddyOptions, validateGreenlightMiddyOptions } from './options.js';
