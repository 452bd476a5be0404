import { CodeDeployClient } from './sdk.js';
import type { CodeDeployLike } from './types.js';

/**
 * The CodeDeploy client greenlight makes when none is given: one SDK attempt per call (greenlight retries
 * itself, within the deadline). Region, credentials and `AWS_ENDPOINT_URL_CODEDEPLOY` come from the
 * environment, as usual.
 *
 * @example
 * const client = createCodeDeployClient();
 * await reportStatus({ client, deploymentId, lifecycleEventHookExecutionId, status: 'Succeeded', deadline, policy });
 */
export function createCodeDeployClient(): CodeDeployClient {
  return new CodeDeployClient({ maxAttempts: 1 });
}

let made: { readonly key: string; readonly client: CodeDeployLike } | undefined;

/**
 * The default client of every hook in the process, made on first use and made again when what the SDK read
 * from the environment when making it has changed since: the endpoint (`AWS_ENDPOINT_URL_CODEDEPLOY`,
 * `AWS_ENDPOINT_URL`), the region (`AWS_REGION`) or the access key (`AWS_ACCESS_KEY_ID`). A test that starts a
 * new local CodeDeploy per test therefore reaches the new one. The check is one string comparison.
 *
 * @example
 * const client = options.client ?? defaultClient();
 */
export function defaultClient(): CodeDeployLike {
  const { env } = process;
  const key = `${env.AWS_ENDPOINT_URL_CODEDEPLOY}\n${env.AWS_ENDPOINT_URL}\n${env.AWS_REGION}\n${env.AWS_ACCESS_KEY_ID}`;
  if (made?.key !== key) made = { key, client: createCodeDeployClient() };
  return made.client;
}
