import { ecsTaskSet } from '@greenlight/checks/ecs-task-set';
import { poll } from '@greenlight/checks/poll';
import { createHook } from '@greenlight/core';

// Wait (up to 5 minutes) for the replacement task set to reach a steady state.
export const handler = createHook({
  steady: poll(ecsTaskSet(), { intervalMs: 5_000, timeoutMs: 300_000 }),
});
