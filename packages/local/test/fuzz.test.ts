import { connect } from 'node:net';
import fc from 'fast-check';
import { type LocalCodeDeploy, signRequest, startLocalCodeDeploy } from '../src/index.js';
import { MODEL } from '../src/protocol/model.generated.js';
import type { CompactShape } from '../src/protocol/model-types.js';
import { IMPLEMENTED_OPERATIONS } from '../src/protocol/operations-list.js';
import { DUMMY_AUTH } from './helpers/raw.js';

const SEED = 20261125;

async function send(
  local: LocalCodeDeploy,
  target: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
) {
  const res = await fetch(`${local.endpoint}/`, {
    method: 'POST',
    headers: { 'x-amz-target': target, ...headers },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  return { status: res.status, text };
}

function expectAwsShaped(res: { status: number; text: string }): void {
  expect([200, 400, 413]).toContain(res.status);
  const json = JSON.parse(res.text) as { __type?: unknown; message?: unknown };
  if (res.status !== 200) {
    expect(typeof json.__type).toBe('string');
    expect(typeof json.message).toBe('string');
  }
}

/** An arbitrary value for a model shape, sometimes of the wrong type, sometimes an existing deployment id. */
function shapeArb(name: string, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const shape = MODEL.shapes[name] as CompactShape | undefined;
  const wrong = fc.jsonValue({ maxDepth: 2 });
  if (!shape || depth > 4) return wrong;
  let right: fc.Arbitrary<unknown>;
  switch (shape.type) {
    case 'structure': {
      const members = Object.fromEntries(
        Object.entries(shape.members).map(([k, v]) => [k, shapeArb(v, ids, depth + 1)]),
      );
      right = fc.record(members, { requiredKeys: [] });
      break;
    }
    case 'list':
      right = fc.array(shapeArb(shape.member, ids, depth + 1), { maxLength: 30 });
      break;
    case 'map':
      right = fc.dictionary(fc.string({ maxLength: 12 }), shapeArb(shape.value, ids, depth + 1), {
        maxKeys: 3,
      });
      break;
    case 'string':
      right = fc.oneof(
        shape.enum ? fc.constantFrom(...shape.enum) : fc.string({ maxLength: 40 }),
        fc.constantFrom(...ids),
        fc.string({ unit: 'binary', maxLength: 120 }),
      );
      break;
    case 'boolean':
      right = fc.boolean();
      break;
    case 'timestamp':
    case 'double':
    case 'float':
      right = fc.double();
      break;
    default:
      right = fc.integer();
  }
  return fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

describe('fuzzed requests never crash or wedge the server', () => {
  let local: LocalCodeDeploy;
  const ids: string[] = [];
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    const done = await local.deployLambda({ functionName: 'fn', currentVersion: '1', targetVersion: '2' });
    const waiting = await local.deployLambda({
      functionName: 'fn2',
      currentVersion: '1',
      targetVersion: '2',
      hooks: { BeforeAllowTraffic: 'manual' },
    });
    const ecs = await local.deployEcs({ cluster: 'c', service: 's', hooks: { AfterInstall: 'manual' } });
    await done.done;
    const hook = await waiting.nextHookEvent();
    ids.push(done.deploymentId, waiting.deploymentId, ecs.deploymentId, hook.LifecycleEventHookExecutionId);
    ids.push(
      'fn',
      'c:s',
      'd-AAAAAAAAA',
      'greenlight-local',
      'fn-group',
      'CodeDeployDefault.LambdaAllAtOnce',
      'AppSpecContent',
    );
  });
  afterAll(async () => {
    await local.close();
  });

  it('answers random bodies, targets and headers with an AWS-shaped answer', async () => {
    const target = fc.oneof(
      fc.constantFrom(...IMPLEMENTED_OPERATIONS.map((op) => `CodeDeploy_20141006.${op}`)),
      fc.string({ maxLength: 60 }).map((s) => `CodeDeploy_20141006.${s}`),
      fc.string({ maxLength: 60 }),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }),
    );
    const headers = fc.record(
      {
        'content-type': fc.oneof(fc.constant('application/x-amz-json-1.1'), fc.string({ maxLength: 40 })),
        authorization: fc.oneof(
          { weight: 4, arbitrary: fc.constant(DUMMY_AUTH) },
          { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
        ),
        'x-amz-date': fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(target, body, headers, async (t, b, h) => {
        expectAwsShaped(await send(local, t.trim(), b, h as Record<string, string>));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('answers model-shaped inputs with wrong and extreme values without an internal error', async () => {
    const input = fc
      .constantFrom(...IMPLEMENTED_OPERATIONS)
      .chain((op) => fc.tuple(fc.constant(op), shapeArb(MODEL.operations[op]!.input, ids)));
    await fc.assert(
      fc.asyncProperty(input, async ([op, value]) => {
        const res = await send(local, `CodeDeploy_20141006.${op}`, JSON.stringify(value), {
          'content-type': 'application/x-amz-json-1.1',
          authorization: DUMMY_AUTH,
        });
        expectAwsShaped(res);
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(local.requests.filter((r) => r.status >= 500)).toEqual([]);
  });

  it('survives raw garbage on the socket and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        await new Promise<void>((resolve) => {
          const url = new URL(local.endpoint);
          const socket = connect(Number(url.port), url.hostname, () => socket.end(Buffer.from(bytes)));
          socket.on('data', () => {});
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
          socket.setTimeout(2_000, () => socket.destroy());
        });
      }),
      { seed: SEED, numRuns: 50 },
    );
    const res = await send(local, 'CodeDeploy_20141006.ListDeployments', '{}', { authorization: DUMMY_AUTH });
    expect(res.status).toBe(200);
  });
});

describe('prototype pollution through awsQuery members', () => {
  const POLLUTING = [
    '__proto__.skip=1',
    'constructor.prototype.skip=1',
    'Targets.member.1.__proto__.skip=1',
    'prototype.skip=1',
  ];
  const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
  const polluted = () => ({}) as Record<string, unknown>;

  afterEach(() => {
    // Leave the realm clean for the next test even when the server under test is vulnerable.
    delete (Object.prototype as Record<string, unknown>).skip;
  });

  async function signedForm(local: LocalCodeDeploy, service: string, body: string, secret?: string) {
    const headers: Record<string, string> = {
      host: new URL(local.endpoint).host,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    };
    await signRequest(
      { method: 'POST', url: '/', headers, body },
      { ...credentials, secretAccessKey: secret ?? credentials.secretAccessKey },
      'us-east-1',
      service,
      Date.now(),
    );
    const res = await fetch(`${local.endpoint}/`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }

  it.each([
    ['ELBv2', 'elasticloadbalancing', 'Action=DescribeTargetHealth&Version=2015-12-01'],
    ['CloudWatch', 'monitoring', 'Action=DescribeAlarms&Version=2010-08-01'],
  ])('refuses __proto__, constructor and prototype member names (%s)', async (_, service, action) => {
    const local = await startLocalCodeDeploy({ timeScale: 0, credentials });
    try {
      for (const member of POLLUTING) {
        const res = await signedForm(local, service, `${action}&${member}`);
        expect(res.status).toBe(400);
        expect(res.text).toContain('<Code>MalformedQueryString</Code>');
        expect(polluted().skip).toBeUndefined();
      }
    } finally {
      await local.close();
    }
  });

  it('parses nothing before authentication: a refused request cannot touch Object.prototype', async () => {
    const local = await startLocalCodeDeploy({ timeScale: 0, credentials });
    try {
      for (const member of POLLUTING) {
        const body = `Action=DescribeTargetHealth&${member}`;
        const res = await signedForm(local, 'elasticloadbalancing', body, 'wrong-secret');
        expect(res.status).toBe(400);
        expect(res.text).toContain('<Code>InvalidSignature</Code>');
        expect(polluted().skip).toBeUndefined();
      }
      expect(local.requests.map((r) => r.operation)).toEqual(POLLUTING.map(() => 'unknown'));
    } finally {
      await local.close();
    }
  });
});
