import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalAws, localAws } from '@greenlight/test-support/local-aws';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../../src/index.js';
import { DUMMY_AUTH } from '../helpers/raw.js';
import { eventually } from '../helpers/sdk.js';

/** The ECS model's shapes for the operations the slice answers (extracted from botocore, with its notice). */
interface Shape {
  readonly type: string;
  readonly members?: Readonly<Record<string, string>>;
  readonly member?: string;
  readonly value?: string;
  readonly enum?: readonly string[];
  readonly document?: boolean;
}
const MODEL = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'ecs-model', 'ecs-2014-11-13.json'), 'utf8'),
) as {
  metadata: { targetPrefix: string };
  operations: Record<string, { input: string; output: string; errors: string[] }>;
  shapes: Record<string, Shape>;
};

/** Where a value departs from a model shape: member names, types, enum values, epoch-second timestamps. */
function issues(value: unknown, shapeName: string, path: string): string[] {
  const shape = MODEL.shapes[shapeName];
  if (!shape) return [`${path}: unknown shape ${shapeName}`];
  if (shape.document) return [];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${path}: not a structure`];
      return Object.entries(value).flatMap(([k, v]) =>
        shape.members?.[k] === undefined
          ? [`${path}.${k}: not a member of ${shapeName}`]
          : issues(v, shape.members[k]!, `${path}.${k}`),
      );
    }
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((v, i) => issues(v, shape.member!, `${path}[${i}]`))
        : [`${path}: not a list`];
    case 'map':
      return typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => issues(v, shape.value!, `${path}.${k}`))
        : [`${path}: not a map`];
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      return shape.enum && !shape.enum.includes(value) ? [`${path}: ${value} is not in ${shapeName}`] : [];
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'double':
    case 'float':
      return typeof value === 'number' ? [] : [`${path}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    case 'timestamp':
      return typeof value === 'number' && value > 1e9 && value < 1e10 ? [] : [`${path}: not epoch seconds`];
    default:
      return [`${path}: unchecked type ${shape.type}`];
  }
}

/** The protocol errors any awsJson service may answer besides an operation's own. */
const COMMON = ['UnknownOperationException', 'SerializationException', 'ThrottlingException'];

describe('the local ECS against the ECS model', () => {
  let aws: LocalAws<LocalCodeDeploy>;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    aws = localAws(await startLocalCodeDeploy({ timeScale: 0 }));
    aws.services.lambda.registerFunction('gate', {
      $LATEST: async (event: unknown) => {
        const stage = (event as { lifecycleStage: string }).lifecycleStage;
        if (stage === 'POST_TEST_TRAFFIC_SHIFT') await new Promise((r) => setTimeout(r, 200));
        return { hookStatus: 'SUCCEEDED' };
      },
    });
    await (await aws.local.deployEcs({ cluster: 'prod', service: 'legacy' })).done;
  });
  afterAll(() => aws.close());

  /** Calls an operation over the wire and checks the answer against the model; returns the parsed body. */
  async function call(operation: string, input: unknown): Promise<Record<string, unknown>> {
    const op = MODEL.operations[operation]!;
    const res = await fetch(`${aws.local.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${MODEL.metadata.targetPrefix}.${operation}`,
        authorization: DUMMY_AUTH.replace('/codedeploy/', '/ecs/'),
      },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status === 200) expect(issues(body, op.output, operation)).toEqual([]);
    else expect([...op.errors, ...COMMON]).toContain(String(body.__type));
    seen.set(operation, (seen.get(operation) ?? 0) + 1);
    return body;
  }

  it('answers every operation it implements only with model members, enum values and errors', async () => {
    const hooks = [
      {
        hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:gate',
        roleArn: 'arn:aws:iam::123456789012:role/hooks',
        lifecycleStages: ['PRE_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT'],
        hookDetails: { any: ['json', 1] },
        timeoutConfiguration: { timeoutInMinutes: 10, action: 'ROLLBACK' },
      },
    ];
    const created = await call('CreateService', {
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn: 'arn:tg/blue', containerName: 'app', containerPort: 80 }],
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: hooks },
    });
    const first = (created.service as { currentServiceDeployment: string }).currentServiceDeployment;
    const status = async (arn: string) =>
      (
        (await call('DescribeServiceDeployments', { serviceDeploymentArns: [arn] })).serviceDeployments as {
          status: string;
          lifecycleHookDetails?: unknown[];
        }[]
      )[0]!;
    let last = await status(first);
    // Mid-hook (the gate holds POST_TEST_TRAFFIC_SHIFT a moment): lifecycleHookDetails is listed.
    let withDetails = false;
    await eventually(() => {
      void status(first).then((s) => {
        last = s;
        withDetails ||= (s.lifecycleHookDetails?.length ?? 0) > 0;
      });
      return last.status === 'SUCCESSFUL';
    });
    expect(withDetails).toBe(true);
    const updated = await call('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: 'web:2' });
    const second = (updated.service as { currentServiceDeployment: string }).currentServiceDeployment;
    await call('StopServiceDeployment', { serviceDeploymentArn: second, stopType: 'ROLLBACK' });
    await eventually(() => {
      void status(second).then((s) => {
        last = s;
      });
      return last.status === 'ROLLBACK_SUCCESSFUL';
    });
    const listed = await call('ListServiceDeployments', {
      cluster: 'prod',
      service: 'web',
      status: ['SUCCESSFUL'],
    });
    expect((listed.serviceDeployments as unknown[]).length).toBe(1);
    const revisions = await call('DescribeServiceDeployments', {
      serviceDeploymentArns: [first, second, 'arn:x'],
    });
    const revisionArns = (revisions.serviceDeployments as { targetServiceRevision: { arn: string } }[]).map(
      (d) => d.targetServiceRevision.arn,
    );
    await call('DescribeServiceRevisions', { serviceRevisionArns: [...revisionArns, 'arn:missing'] });
    await call('DescribeServices', { cluster: 'prod', services: ['web', 'legacy', 'gone'] });
    await call('DescribeTaskSets', { cluster: 'prod', service: 'legacy' });
    // Errors, each from the operation's own list.
    await call('CreateService', { serviceName: 'x' });
    await call('UpdateService', { cluster: 'prod', service: 'nope' });
    await call('ListServiceDeployments', { cluster: 'nowhere', service: 'web' });
    await call('StopServiceDeployment', { serviceDeploymentArn: second });
    await call('StopServiceDeployment', { serviceDeploymentArn: 'arn:none' });
    await call('DescribeServiceDeployments', { serviceDeploymentArns: [] });
    await call('DescribeTaskSets', { cluster: 'prod', service: 'web' });
    expect([...seen.keys()].sort()).toEqual(Object.keys(MODEL.operations).sort());
  });
});
