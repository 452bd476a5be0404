// docs/snippets/concepts-target.ts
import { type Check, createHook } from '@greenlight/core';

const describeTarget: Check = async (ctx) => {
  const target = await ctx.target();
  // The lifecycle event this execution serves: the one now InProgress, e.g. 'BeforeAllowTraffic'.
  ctx.logger.info('validating', { lifecycleEvent: target.lifecycleEvent });
  if (target.kind === 'lambda') {
    // functionName, functionAlias, currentVersion (live) and targetVersion (the one to test).
    return target.targetVersion !== '' && target.targetVersion !== target.currentVersion;
  }
  if (target.kind === 'ecs') {
    // cluster, service, and the task sets: original (Blue) and replacement (Green) with their target groups.
    return (target.replacement?.runningCount ?? 0) > 0;
  }
  return { passed: false, reason: `unexpected target kind ${target.kind}` };
};

export const handler = createHook({ describeTarget });
