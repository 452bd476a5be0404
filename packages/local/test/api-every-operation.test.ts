import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { COMMON_ERRORS } from '../src/protocol/operations-list.js';
import { lambdaRevision } from './helpers/appspec.js';
import { loadOfficialModel, outputProblems, type RawModel } from './helpers/model.js';
import { rawCall } from './helpers/raw.js';
import { eventually } from './helpers/sdk.js';
import { ecsRevision, ROLE } from './helpers/wire-setup.js';

const ARN = 'arn:aws:codedeploy:us-east-1:123456789012';
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1';

// Lists the operations of the official model and calls each one over the wire, in an order that gives each a
// real resource to work on. Each must answer with its model output shape (or, where no input can succeed, one
// of the errors the model lists for it): never UnknownOperationException.
describe('every operation of the official CodeDeploy model, over the wire', () => {
  let model: RawModel;
  let local: LocalCodeDeploy;
  const called = new Map<string, { status: number; type?: unknown }>();
  beforeAll(async () => {
    model = loadOfficialModel();
    local = await startLocalCodeDeploy({ timeScale: 0 });
    local.registerFunction('CodeDeployHook_manual', 'manual');
  });
  afterAll(() => local.close());

  /** Calls `op`; a 200 must match the model's output shape, an error must be one the model lists for `op`. */
  async function call(op: string, input: Record<string, unknown>, expected: 'ok' | string = 'ok') {
    const operation = model.operations[op];
    expect({ op, inModel: operation !== undefined }).toEqual({ op, inModel: true });
    const res = await rawCall(local, op, input);
    called.set(op, { status: res.status, type: res.json.__type });
    if (expected === 'ok') {
      expect({ op, status: res.status, body: res.json }).toMatchObject({ op, status: 200 });
      const output = operation?.output?.shape;
      expect({
        op,
        problems: output ? outputProblems(model, output, res.json) : Object.keys(res.json),
      }).toEqual({
        op,
        problems: [],
      });
    } else {
      expect({ op, status: res.status, type: res.json.__type }).toEqual({ op, status: 400, type: expected });
      expect([...(operation?.errors ?? []).map((e) => e.shape), ...COMMON_ERRORS]).toContain(expected);
    }
    return res.json;
  }

  it('answers all of them', async () => {
    // Applications, a custom configuration and groups
    await call('CreateApplication', {
      applicationName: 'every',
      computePlatform: 'Lambda',
      tags: [{ Key: 'k', Value: 'v' }],
    });
    await call('CreateApplication', { applicationName: 'every-ecs', computePlatform: 'ECS' });
    await call('CreateApplication', { applicationName: 'every-server' });
    await call('GetApplication', { applicationName: 'every' });
    await call('BatchGetApplications', { applicationNames: ['every', 'every-ecs'] });
    await call('ListApplications', {});
    await call('UpdateApplication', { applicationName: 'every-server', newApplicationName: 'every-servers' });
    await call('CreateDeploymentConfig', {
      deploymentConfigName: 'EveryCanary',
      computePlatform: 'Lambda',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 20, canaryInterval: 1 },
      },
    });
    await call('GetDeploymentConfig', { deploymentConfigName: 'EveryCanary' });
    await call('ListDeploymentConfigs', {});
    for (const deploymentGroupName of ['g', 'g2']) {
      await call('CreateDeploymentGroup', {
        applicationName: 'every',
        deploymentGroupName,
        serviceRoleArn: ROLE,
        deploymentConfigName: 'EveryCanary',
      });
    }
    await call('CreateDeploymentGroup', {
      applicationName: 'every-ecs',
      deploymentGroupName: 'web',
      serviceRoleArn: ROLE,
      ecsServices: [{ clusterName: 'prod', serviceName: 'web' }],
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [{ name: 'blue' }, { name: 'green' }],
            prodTrafficRoute: { listenerArns: [`${LISTENER}/80`] },
            testTrafficRoute: { listenerArns: [`${LISTENER}/8080`] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60 },
        terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 60 },
      },
    });
    await call('GetDeploymentGroup', { applicationName: 'every', deploymentGroupName: 'g' });
    await call('BatchGetDeploymentGroups', { applicationName: 'every', deploymentGroupNames: ['g', 'g2'] });
    await call('ListDeploymentGroups', { applicationName: 'every' });
    await call('UpdateDeploymentGroup', {
      applicationName: 'every',
      currentDeploymentGroupName: 'g',
      alarmConfiguration: { enabled: false, alarms: [] },
    });

    // Revisions
    const revision = lambdaRevision([{ BeforeAllowTraffic: 'CodeDeployHook_manual' }]);
    await call('RegisterApplicationRevision', { applicationName: 'every', revision, description: 'every' });
    await call('GetApplicationRevision', { applicationName: 'every', revision });
    await call('BatchGetApplicationRevisions', { applicationName: 'every', revisions: [revision] });
    await call('ListApplicationRevisions', { applicationName: 'every', sortBy: 'registerTime' });

    // A Lambda deployment, its hook report and its target
    const { deploymentId } = (await call('CreateDeployment', {
      applicationName: 'every',
      deploymentGroupName: 'g',
      revision,
    })) as {
      deploymentId: string;
    };
    const hook = await local.deployment(deploymentId)!.nextHookEvent();
    await call('PutLifecycleEventHookExecutionStatus', {
      deploymentId,
      lifecycleEventHookExecutionId: hook.LifecycleEventHookExecutionId,
      status: 'Succeeded',
    });
    await local.deployment(deploymentId)!.done;
    await call('GetDeployment', { deploymentId });
    await call('BatchGetDeployments', { deploymentIds: [deploymentId] });
    await call('ListDeployments', { applicationName: 'every', deploymentGroupName: 'g' });
    await call('GetDeploymentTarget', { deploymentId, targetId: 'fn' });
    await call('BatchGetDeploymentTargets', { deploymentId, targetIds: ['fn'] });
    await call('ListDeploymentTargets', { deploymentId });
    await call('ListDeploymentInstances', { deploymentId });
    await call('BatchGetDeploymentInstances', { deploymentId, instanceIds: ['fn'] });
    await call('GetDeploymentInstance', { deploymentId, instanceId: 'fn' });

    // StopDeployment on a running one
    const second = (await call('CreateDeployment', {
      applicationName: 'every',
      deploymentGroupName: 'g2',
      revision,
    })) as {
      deploymentId: string;
    };
    await local.deployment(second.deploymentId)!.nextHookEvent();
    await call('StopDeployment', { deploymentId: second.deploymentId });

    // An ECS deployment waiting in Ready: skip the termination wait, then continue
    const ecs = (await call('CreateDeployment', {
      applicationName: 'every-ecs',
      deploymentGroupName: 'web',
      revision: ecsRevision(),
    })) as { deploymentId: string };
    const ecsHandle = local.deployment(ecs.deploymentId)!;
    await eventually(() => ecsHandle.history.some((e) => e.type === 'status' && e.status === 'Ready'));
    await call('SkipWaitTimeForInstanceTermination', { deploymentId: ecs.deploymentId });
    await call('ContinueDeployment', { deploymentId: ecs.deploymentId, deploymentWaitType: 'READY_WAIT' });
    expect((await ecsHandle.done).status).toBe('Succeeded');

    // Tags
    await call('TagResource', {
      ResourceArn: `${ARN}:deploymentgroup:every/g`,
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    await call('UntagResource', { ResourceArn: `${ARN}:application:every`, TagKeys: ['k'] });
    await call('ListTagsForResource', { ResourceArn: `${ARN}:deploymentgroup:every/g` });

    // On-premises instances
    await call('RegisterOnPremisesInstance', {
      instanceName: 'host',
      iamUserArn: 'arn:aws:iam::123456789012:user/AWS/CodeDeploy/host',
    });
    await call('AddTagsToOnPremisesInstances', {
      instanceNames: ['host'],
      tags: [{ Key: 'Name', Value: 'web' }],
    });
    await call('RemoveTagsFromOnPremisesInstances', {
      instanceNames: ['host'],
      tags: [{ Key: 'Name', Value: 'web' }],
    });
    await call('GetOnPremisesInstance', { instanceName: 'host' });
    await call('BatchGetOnPremisesInstances', { instanceNames: ['host'] });
    await call('ListOnPremisesInstances', { registrationStatus: 'Registered' });
    await call('DeregisterOnPremisesInstance', { instanceName: 'host' });

    // GitHub connections (made only in the console on AWS: an account starts with none) and external ids
    await call('ListGitHubAccountTokenNames', {});
    await call(
      'DeleteGitHubAccountToken',
      { tokenName: 'my-github' },
      'GitHubAccountTokenDoesNotExistException',
    );
    await call('DeleteResourcesByExternalId', { externalId: 'stack-1' });

    // Deletes
    await call('DeleteDeploymentGroup', { applicationName: 'every', deploymentGroupName: 'g' });
    await call('DeleteDeploymentGroup', { applicationName: 'every', deploymentGroupName: 'g2' });
    await call('DeleteDeploymentConfig', { deploymentConfigName: 'EveryCanary' });
    await call('DeleteApplication', { applicationName: 'every' });

    const missing = Object.keys(model.operations).filter((op) => !called.has(op));
    expect(missing).toEqual([]);
    expect(called.size).toBe(47);
    expect([...called.values()].filter((c) => c.type === 'UnknownOperationException')).toEqual([]);
  });
});
