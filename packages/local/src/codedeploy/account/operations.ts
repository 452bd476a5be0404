import { ApiError } from '../../errors.js';
import type { OperationTable } from '../context.js';
import { paginate } from '../pagination.js';
import { str } from '../values.js';

/**
 * The account-wide operations: GitHub connections (made through the console's OAuth flow on AWS, so an
 * account starts with none and the API can only list and delete them) and DeleteResourcesByExternalId (only
 * CloudFormation links resources to an external id; nothing is linked locally, so there is nothing to delete).
 */
export const accountOperations: OperationTable = {
  ListGitHubAccountTokenNames: (input, ctx) => {
    const names = [...ctx.regional.gitHubTokens].sort();
    const { page, nextToken } = paginate(names, input.nextToken, 'ListGitHubAccountTokenNames');
    return nextToken ? { tokenNameList: page, nextToken } : { tokenNameList: page };
  },

  DeleteGitHubAccountToken: (input, ctx) => {
    const name = str(input.tokenName);
    if (!name)
      throw new ApiError(
        'GitHubAccountTokenNameRequiredException',
        'The name of the GitHub account connection is required.',
      );
    if (!ctx.regional.gitHubTokens.delete(name)) {
      throw new ApiError(
        'GitHubAccountTokenDoesNotExistException',
        `No GitHub account connection exists with the name ${name}.`,
      );
    }
    return { tokenName: name };
  },

  DeleteResourcesByExternalId: () => ({}),
};
