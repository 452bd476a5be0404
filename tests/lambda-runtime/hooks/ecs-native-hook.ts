// Amazon ECS native blue/green hooks: the same checks, answered as hookStatus.
import { http } from '@greenlight/checks/http';
import { poll } from '@greenlight/checks/poll';
import { createEcsHook } from '@greenlight/core';

const url = process.env.HEALTH_URL ?? 'http://127.0.0.1:9/health';

/** Three consecutive successes, 50 ms apart, in one invocation. */
export const httpStreak = createEcsHook({ streak: http({ url, successes: 3, intervalMs: 50 }) });

/** Not ready yet: IN_PROGRESS, and ECS invokes again after callBackDelay. */
export const pollUntilReady = createEcsHook({ ready: poll(http({ url })) }, { callBackDelay: 1 });
