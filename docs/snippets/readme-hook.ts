// docs/snippets/readme-hook.ts
import { createHook } from '@greenlight/core';

export const handler = createHook({
  // Which version am I validating? target() answers from CodeDeploy itself.
  newVersion: async (ctx) => {
    const target = await ctx.target();
    return target.kind === 'lambda' && target.targetVersion !== target.currentVersion;
  },
  // Every check gets an AbortSignal that fires before the hook runs out of time to report.
  health: async ({ signal }) => {
    const res = await fetch(process.env.HEALTH_URL ?? 'http://127.0.0.1:8080/health', { signal });
    return res.ok || { passed: false, reason: `health answered ${res.status}` };
  },
});
