// Experiment (not in `pnpm bench`): a hand-written middy handler that reports through the core's
// `reportStatus` (as @greenlight/middy does) and logs one line: @greenlight/middy minus its own bookkeeping.
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { reportStatus, systemClock } from '@greenlight/core/internal';
import middy from '@middy/core';
import { markVerdict } from './mark.js';

type HookEvent = { DeploymentId: string; LifecycleEventHookExecutionId: string };
const client = new CodeDeployClient({});
const logger = new Logger({ serviceName: 'bench-hook' });
const policy = {
  maxAttempts: 10,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  attemptTimeoutMs: 10_000,
  clock: systemClock,
  random: Math.random,
};

export const handler = middy<HookEvent>().handler(async (event) => {
  const keys = {
    deploymentId: event.DeploymentId,
    lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
  };
  const status = 'Succeeded';
  markVerdict();
  const reported = await reportStatus({ client, ...keys, status, deadline: Date.now() + 50_000, policy });
  logger.info('hook verdict', { ...keys, status, reported });
  return { status };
});
