export { defaultReserve } from '@greenlight/contract';
export {
  type CodeDeployHookEvent,
  GreenlightError,
  type GreenlightErrorCode,
  HookReportError,
  type HookResult,
  InvalidHookEventError,
  InvalidOptionsError,
  isGreenlightError,
} from '@greenlight/core';
export { type GreenlightMiddleware, greenlight, type MiddyRequestLike } from './middleware.js';
export { type GreenlightMiddyOptions, validateGreenlightMiddyOptions } from './options.js';
