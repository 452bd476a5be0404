import { createHash } from 'node:crypto';
import {
  type CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentGroupCommand,
  type CreateDeploymentGroupCommandInput,
} from '@aws-sdk/client-codedeploy';

/** The service role every test group uses. */
export const ROLE = 'arn:aws:iam::123456789012:role/CodeDeployServiceRole';

/** A Lambda application and deployment group, through the SDK. */
export async function lambdaGroup(
  client: CodeDeployClient,
  app: string,
  group: string,
  extra: Partial<CreateDeploymentGroupCommandInput> = {},
): Promise<void> {
  await client.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'Lambda' }));
  await client.send(
    new CreateDeploymentGroupCommand({
      applicationName: app,
      deploymentGroupName: group,
      serviceRoleArn: ROLE,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      ...extra,
    }),
  );
}

const listener = (port: number) => [
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/${port}`,
];

/** An ECS application and blue/green deployment group for `cluster:service`, through the SDK. */
export async function ecsGroup(
  client: CodeDeployClient,
  app: string,
  group: string,
  options: {
    cluster?: string;
    service?: string;
    testListener?: boolean;
    terminationWaitMinutes?: number;
    extra?: Partial<CreateDeploymentGroupCommandInput>;
  } = {},
): Promise<void> {
  await client.send(new CreateApplicationCommand({ applicationName: app, computePlatform: 'ECS' }));
  await client.send(
    new CreateDeploymentGroupCommand({
      applicationName: app,
      deploymentGroupName: group,
      serviceRoleArn: ROLE,
      ecsServices: [{ clusterName: options.cluster ?? 'prod', serviceName: options.service ?? 'web' }],
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: 'tg-blue' }, { name: 'tg-green' }],
            prodTrafficRoute: { listenerArns: listener(80) },
            ...(options.testListener === false ? {} : { testTrafficRoute: { listenerArns: listener(8080) } }),
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: options.terminationWaitMinutes ?? 0,
        },
      },
      ...options.extra,
    }),
  );
}

/** An inline revision (AppSpecContent) of `content`, with its sha256. */
export function inlineRevision(content: string) {
  return {
    revisionType: 'AppSpecContent' as const,
    appSpecContent: { content, sha256: createHash('sha256').update(content).digest('hex') },
  };
}

/** An ECS AppSpec revision naming `hooks` (lifecycle event → function name). */
export function ecsRevision(hooks: Record<string, string> = {}, taskDefinition = 'web:7') {
  return inlineRevision(
    JSON.stringify({
      version: 0.0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: taskDefinition,
              LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 80 },
            },
          },
        },
      ],
      Hooks: Object.entries(hooks).map(([event, fn]) => ({ [event]: fn })),
    }),
  );
}
