import {
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  GetDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { codeDeployClient, type LocalAws } from './local-aws.js';

/** Creates a Lambda application and a deployment group watching `alarms`, through the real CodeDeploy SDK. */
export async function createGroupWithAlarms(
  aws: LocalAws,
  applicationName: string,
  deploymentGroupName: string,
  alarms: readonly string[],
  enabled = true,
): Promise<void> {
  const client = codeDeployClient(aws);
  try {
    await client
      .send(new CreateApplicationCommand({ applicationName, computePlatform: 'Lambda' }))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'ApplicationAlreadyExistsException') throw error;
      });
    await client.send(
      new CreateDeploymentGroupCommand({
        applicationName,
        deploymentGroupName,
        serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        alarmConfiguration: { enabled, alarms: alarms.map((name) => ({ name })) },
      }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * A `deploymentGroup()` look-up for a check context: GetDeploymentGroup through the real SDK against the
 * local CodeDeploy (what a hook context offers once core provides it).
 */
export function deploymentGroupLookup(aws: LocalAws, applicationName: string, deploymentGroupName: string) {
  return async () => {
    const client = codeDeployClient(aws);
    try {
      const out = await client.send(new GetDeploymentGroupCommand({ applicationName, deploymentGroupName }));
      return out.deploymentGroupInfo ?? {};
    } finally {
      client.destroy();
    }
  };
}
