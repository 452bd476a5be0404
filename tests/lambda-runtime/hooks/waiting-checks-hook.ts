// Hooks whose shipped checks wait: http with a streak of successes, poll, and invokeTarget (for an answer).
import { http } from '@greenlight/checks/http';
import { invokeTarget } from '@greenlight/checks/invoke-target';
import { poll } from '@greenlight/checks/poll';
import { createHook } from '@greenlight/core';

const url = process.env.HEALTH_URL ?? 'http://127.0.0.1:9/health';

/** Three consecutive successes, 50 ms apart. */
export const httpStreak = createHook({ streak: http({ url, successes: 3, intervalMs: 50 }) });

/** Polls until the endpoint answers 2xx, every 50 ms. */
export const pollUntilReady = createHook({ ready: poll(http({ url }), { intervalMs: 50 }) });

/** Smoke-tests the version being deployed; the checks get 300 ms. */
export const smokeTest = createHook({ smoke: invokeTarget({ payload: { ping: true } }) }, { timeout: 300 });
