import { describeThrown, scrubbed } from '@greenlight/contract';
import { HookReportError, type ReportErrorCode } from './errors.js';
import { type RetryPolicy, withRetries } from './retry.js';
import { PutLifecycleEventHookExecutionStatusCommand } from './sdk.js';
import type { CodeDeployLike, HookStatus } from './types.js';

const GROUP_ARN =
  'arn:aws:codedeploy:REGION:ACCOUNT_ID:deploymentgroup:APPLICATION_NAME/DEPLOYMENT_GROUP_NAME';

function field(error: unknown, key: string): unknown {
  try {
    return (error as Record<string, unknown> | null)?.[key];
  } catch {
    return undefined;
  }
}

/** What to tell a user, per non-retryable failure of PutLifecycleEventHookExecutionStatus. */
function explain(error: unknown, deploymentId: string): { code: ReportErrorCode; fix: string } {
  const name = field(error, 'name');
  const message = String(field(error, 'message') ?? '');
  switch (name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation':
      return {
        code: 'REPORT_ACCESS_DENIED',
        fix: `the hook's execution role may not report. Allow the action codedeploy:PutLifecycleEventHookExecutionStatus on the deployment group, resource ${GROUP_ARN}`,
      };
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'CredentialsProviderError':
      return {
        code: 'REPORT_CREDENTIALS',
        fix: 'the request was not signed with valid credentials: check the function role (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY when run locally)',
      };
    case 'DeploymentDoesNotExistException':
    case 'InvalidDeploymentIdException':
    case 'DeploymentIdRequiredException':
      return {
        code: 'REPORT_DEPLOYMENT_NOT_FOUND',
        fix: `deployment ${deploymentId} is unknown to this CodeDeploy endpoint: the hook must report in the deployment's account and region (check AWS_REGION and any AWS_ENDPOINT_URL_CODEDEPLOY)`,
      };
    case 'InvalidLifecycleEventHookExecutionIdException':
      return {
        code: 'REPORT_INVALID_EXECUTION_ID',
        fix: 'the LifecycleEventHookExecutionId does not belong to this deployment: invoke the hook with the event CodeDeploy sent, unchanged',
      };
  }
  // The SDK's configuration errors carry no name or code of their own: their messages are all there is.
  if (/^Region (?:is missing|not accepted)/.test(message)) {
    return {
      code: 'REPORT_REGION_MISSING',
      fix: 'the CodeDeploy client has no usable AWS region: set AWS_REGION (Lambda sets it for you) or give the hook a client with a region',
    };
  }
  if (field(error, 'code') === 'ERR_INVALID_URL') {
    return {
      code: 'REPORT_ENDPOINT_INVALID',
      fix: `the CodeDeploy endpoint is not a URL (${describeThrown(field(error, 'input'))}): check AWS_ENDPOINT_URL_CODEDEPLOY, AWS_ENDPOINT_URL or the client's endpoint`,
    };
  }
  const status = (field(error, '$metadata') as { httpStatusCode?: unknown } | undefined)?.httpStatusCode;
  return {
    code: 'REPORT_REJECTED',
    fix:
      typeof status === 'number'
        ? `CodeDeploy refused the report (HTTP ${status})`
        : 'the call failed before CodeDeploy answered',
  };
}

/**
 * What {@link reportStatus} needs: the client, the hook execution to report on, the status, the instant by which
 * every attempt must be over, and the retry policy.
 *
 * @example
 * const input: ReportInput = {
 *   client, deploymentId: event.DeploymentId, lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
 *   status: 'Succeeded', deadline: lambdaEnd - 1_000, policy,
 * };
 */
export interface ReportInput {
  readonly client: CodeDeployLike;
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  readonly status: HookStatus;
  /** No attempt may be running past this instant (epoch ms). */
  readonly deadline: number;
  readonly policy: RetryPolicy;
}

/**
 * Reports the hook's status once, retrying throttling, 5xx, network errors, timeouts and unreadable answers
 * within the deadline.
 *
 * @returns `true` when accepted; `'already-completed'` when CodeDeploy already held a status (an earlier
 *   invocation's, or an earlier attempt's whose answer was lost).
 * @throws HookReportError with a stable `code` and a bounded, redacted message saying what to fix.
 * @example
 * const reported = await reportStatus({ client, deploymentId, lifecycleEventHookExecutionId, status: 'Failed',
 *   deadline, policy }); // true, or 'already-completed' when an earlier invocation had reported
 */
export async function reportStatus(input: ReportInput): Promise<true | 'already-completed'> {
  const { client, deploymentId, lifecycleEventHookExecutionId, status } = input;
  const command = new PutLifecycleEventHookExecutionStatusCommand({
    deploymentId,
    lifecycleEventHookExecutionId,
    status,
  });
  const outcome = await withRetries((options) => client.send(command, options), input.deadline, input.policy);
  if (outcome.ok) return true;
  const { error, attempts } = outcome;
  if (field(error, 'name') === 'LifecycleEventAlreadyCompletedException') return 'already-completed';
  const details = { deploymentId, lifecycleEventHookExecutionId, status, attempts };
  const said = describeThrown(error);
  const cause = { cause: scrubbed(error) };
  if (outcome.unreadable && outcome.exhausted) {
    throw new HookReportError(
      'REPORT_OUTCOME_UNKNOWN',
      `Reporting ${status} for deployment ${deploymentId}: CodeDeploy answered, but the answer could not be read and no later attempt before the Lambda deadline confirmed it, so the report may have landed; last error: ${said}. The handler throws so Lambda's async retry asks again (it is told the execution is complete if the report landed).`,
      details,
      cause,
    );
  }
  if (outcome.exhausted) {
    throw new HookReportError(
      'REPORT_RETRIES_EXHAUSTED',
      `Could not report ${status} for deployment ${deploymentId} after ${attempts} attempt(s) before the Lambda deadline; last error: ${said}. The handler throws so Lambda's async retry can try again.`,
      details,
      cause,
    );
  }
  const { code, fix } = explain(error, deploymentId);
  const answered = field(error, '$metadata') !== undefined;
  throw new HookReportError(
    code,
    `Could not report ${status} for deployment ${deploymentId}: ${fix}. (${answered ? 'CodeDeploy said: ' : ''}${said})`,
    details,
    cause,
  );
}
