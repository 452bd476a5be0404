import { accountOperations } from './account/operations.js';
import { applicationOperations } from './applications/operations.js';
import { configOperations } from './configs/operations.js';
import type { OperationTable } from './context.js';
import { deploymentOperations } from './deployments/operations.js';
import { targetOperations } from './deployments/targets.js';
import { groupOperations } from './groups/operations.js';
import { deploymentInstanceOperations } from './instances/deployment-instances.js';
import { onPremisesOperations } from './instances/on-premises.js';
import { revisionOperations } from './revisions/operations.js';
import { tagOperations } from './tags/operations.js';

/** Every CodeDeploy operation, by name: one table per resource. */
export const OPERATIONS: OperationTable = {
  ...applicationOperations,
  ...groupOperations,
  ...configOperations,
  ...revisionOperations,
  ...deploymentOperations,
  ...targetOperations,
  ...deploymentInstanceOperations,
  ...onPremisesOperations,
  ...tagOperations,
  ...accountOperations,
};
