// @greenlight/middy on a handler that passes, the same client and the same logger as the hand-written middy.
import { Logger } from '@aws-lambda-powertools/logger';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { greenlight } from '@greenlight/middy';
import middy from '@middy/core';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
const logger = new Logger({ serviceName: 'bench-hook' });

export const handler = middy()
  .use(greenlight({ client, logger }))
  .handler(async () => {
    markVerdict();
    return true;
  });
