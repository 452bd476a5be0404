// A CodeDeploy lifecycle hook as users write one: createHook with one check. The check's behaviour and the
// hook's timings (scaled down for tests) come from the function's environment.
import { createHook } from '@greenlight/core';
import { type Behaviour, behaviourCheck } from '../src/behaviours.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const handler = createHook(
  { probe: behaviourCheck(process.env.CHECK_BEHAVIOUR as Behaviour, process.env.EVENT_SOURCE) },
  {
    timeout: env('CHECKS_TIMEOUT_MS', 300),
    ...(process.env.RESERVE_MS ? { reserve: env('RESERVE_MS', 1_000) } : {}),
    retry: { attemptTimeoutMs: env('ATTEMPT_TIMEOUT_MS', 250) },
  },
);
