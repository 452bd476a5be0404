// Hooks whose shipped checks wait between requests: http with a streak of successes, and poll.
import { http } from '@greenlight/checks/http';
import { poll } from '@greenlight/checks/poll';
import { createHook } from '@greenlight/core';

const url = process.env.HEALTH_URL ?? 'http://127.0.0.1:9/health';

/** Three consecutive successes, 50 ms apart. */
export const httpStreak = createHook({ streak: http({ url, successes: 3, intervalMs: 50 }) });

/** Polls until the endpoint answers 2xx, every 50 ms. */
export const pollUntilReady = createHook({ ready: poll(http({ url }), { intervalMs: 50 }) });
