// createHook with one passing check, the same client and the same logger as the baseline.
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
const logger = new Logger({ serviceName: 'bench-hook' });

export const handler = createHook(
  () => {
    markVerdict();
    return true;
  },
  { client, logger },
);
