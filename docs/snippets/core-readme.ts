// docs/snippets/core-readme.ts
import { createHook } from '@greenlight/core';

export const handler = createHook(
  {
    // Named checks run concurrently; each gets ctx.signal, ctx.logger, ctx.target(), ctx.deployment().
    version: async (ctx) => {
      const target = await ctx.target(); // which version, which lifecycle event, from CodeDeploy itself
      return target.kind === 'lambda' && target.targetVersion !== target.currentVersion;
    },
    health: async ({ signal }) => {
      const res = await fetch('https://orders.example.com/health', { signal });
      return res.ok || { passed: false, reason: `health answered ${res.status}` };
    },
  },
  { timeout: 60_000, failFast: true },
);
