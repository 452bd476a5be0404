import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '../src/index.js';
import { possibleValidationErrors } from '../src/protocol/error-mapping.js';
import { MODEL } from '../src/protocol/model.generated.js';
import { extractModel } from '../src/protocol/model-extract.js';
import { COMMON_ERRORS, IMPLEMENTED_OPERATIONS } from '../src/protocol/operations-list.js';
import { lambdaRevision } from './helpers/appspec.js';
import { loadOfficialModel, MODEL_PATH, outputProblems, type RawModel, repoRoot } from './helpers/model.js';
import { rawCall } from './helpers/raw.js';

const GENERATED = path.join(repoRoot(), 'packages/local/src/protocol/model.generated.ts');

describe('conformance with the official CodeDeploy model', () => {
  let model: RawModel;
  beforeAll(() => {
    model = loadOfficialModel(); // throws (fails every test) when the file is missing
  });

  it('reads the model from the repository (packages/local/model), with its notice beside it', () => {
    const root = repoRoot();
    expect(path.relative(root, MODEL_PATH)).toBe(
      path.join('packages', 'local', 'model', 'codedeploy-2014-10-06.json'),
    );
    expect(readFileSync(path.join(path.dirname(MODEL_PATH), 'NOTICE'), 'utf8')).toContain(
      'Apache License, Version 2.0',
    );
    expect(model.metadata).toMatchObject({
      protocol: 'json',
      jsonVersion: '1.1',
      targetPrefix: 'CodeDeploy_20141006',
    });
  });

  it('validates with exactly the model: the embedded shapes are extracted from the model file', () => {
    const extracted = extractModel(model, IMPLEMENTED_OPERATIONS);
    if (process.env.UPDATE_MODEL === '1') {
      const header = readFileSync(GENERATED, 'utf8').split('export const MODEL')[0];
      writeFileSync(
        GENERATED,
        `${header}export const MODEL: CompactModel = ${JSON.stringify(extracted, null, 2)};\n`,
      );
    }
    expect(MODEL).toEqual(extracted);
  });

  it('implements every operation it claims, with the model input, output and error list', () => {
    for (const op of IMPLEMENTED_OPERATIONS) {
      const official = model.operations[op];
      expect(official).toBeDefined();
      expect(MODEL.operations[op]?.input).toBe(official?.input?.shape);
      expect(MODEL.operations[op]?.output).toBe(official?.output?.shape);
      expect(MODEL.operations[op]?.errors).toEqual((official?.errors ?? []).map((e) => e.shape));
      for (const name of possibleValidationErrors(MODEL, op)) {
        expect([...MODEL.operations[op]!.errors, ...COMMON_ERRORS]).toContain(name);
      }
    }
  });

  it('only throws error names that the model defines (or the common AWS protocol errors)', () => {
    const allErrors = new Set([
      ...IMPLEMENTED_OPERATIONS.flatMap((op) => MODEL.operations[op]!.errors),
      ...COMMON_ERRORS,
    ]);
    const srcDir = path.join(repoRoot(), 'packages/local/src');
    const dirs = ['codedeploy', 'engine', 'protocol'];
    const thrown = new Set<string>();
    for (const dir of dirs) {
      for (const file of readdirSync(path.join(srcDir, dir), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts')) continue;
        const text = readFileSync(path.join(srcDir, dir, file), 'utf8');
        for (const m of text.matchAll(/new ApiError\(\s*'([A-Za-z]+)'/g)) thrown.add(m[1]!);
        for (const m of text.matchAll(/: '([A-Z][A-Za-z]+Exception)'/g)) thrown.add(m[1]!);
      }
    }
    expect(thrown.size).toBeGreaterThan(20);
    for (const name of thrown) {
      expect({ name, defined: allErrors.has(name) || name === 'ServiceUnavailable' }).toEqual({
        name,
        defined: true,
      });
      if (name.endsWith('Exception') && !COMMON_ERRORS.includes(name as never)) {
        expect(model.shapes[name]?.type).toBe('structure');
      }
    }
  });

  describe('over the wire', () => {
    let local: LocalCodeDeploy;
    beforeAll(async () => {
      local = await startLocalCodeDeploy({ timeScale: 0 });
    });
    afterAll(async () => {
      await local.close();
    });

    it('answers each operation only with errors the model lists for it, for missing, mistyped and bad members', async () => {
      for (const op of IMPLEMENTED_OPERATIONS) {
        const input = model.shapes[MODEL.operations[op]!.input]!;
        const bodies: unknown[] = [{}, '{"deploymentId": 7}', '[]', 'not json'];
        for (const [name, ref] of Object.entries(input.members ?? {})) {
          const shape = model.shapes[ref.shape]!;
          bodies.push({ [name]: shape.type === 'string' ? 42 : 'a-string' });
          if (shape.type === 'string')
            bodies.push({ [name]: 'x'.repeat((shape.max ?? 0) + 1) }, { [name]: '' });
          if (shape.enum) bodies.push({ [name]: 'NotAnEnumValue' });
        }
        const allowed = [...MODEL.operations[op]!.errors, ...COMMON_ERRORS];
        for (const body of bodies) {
          const res = await rawCall(local, op, body);
          if (res.status === 200) continue;
          expect(res.status).toBe(400);
          expect({ op, body, type: res.json.__type }).toEqual({ op, body, type: expect.any(String) });
          expect({ op, body, allowed: allowed.includes(res.json.__type as string) }).toEqual({
            op,
            body,
            allowed: true,
          });
          expect(typeof res.json.message).toBe('string');
        }
      }
    });

    it('returns only model members, enum values and epoch-second timestamps in every output', async () => {
      const check = async (op: string, body: unknown) => {
        const res = await rawCall(local, op, body);
        expect({ op, status: res.status, body: res.json }).toMatchObject({ op, status: 200 });
        expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
        const output = model.operations[op]?.output?.shape;
        expect({ op, problems: output ? outputProblems(model, output, res.json) : [] }).toEqual({
          op,
          problems: [],
        });
        return res.json;
      };
      await check('CreateApplication', { applicationName: 'app', computePlatform: 'Lambda' });
      await check('CreateDeploymentGroup', {
        applicationName: 'app',
        deploymentGroupName: 'g',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/r',
        alarmConfiguration: { enabled: true, alarms: [{ name: 'a' }] },
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      });
      await check('GetDeploymentGroup', { applicationName: 'app', deploymentGroupName: 'g' });
      local.registerFunction('CodeDeployHook_fail', 'manual');
      const revision = lambdaRevision([{ AfterAllowTraffic: 'CodeDeployHook_fail' }]);
      const { deploymentId } = (await check('CreateDeployment', {
        applicationName: 'app',
        deploymentGroupName: 'g',
        revision,
      })) as { deploymentId: string };
      const d = local.deployment(deploymentId)!;
      const hook = await d.nextHookEvent();
      await check('GetDeploymentTarget', { deploymentId, targetId: 'fn' });
      await check('PutLifecycleEventHookExecutionStatus', {
        deploymentId,
        lifecycleEventHookExecutionId: hook.LifecycleEventHookExecutionId,
        status: 'Failed',
      });
      const outcome = await d.done;
      expect(outcome.rollbackDeploymentId).toBeDefined();
      for (const id of [deploymentId, outcome.rollbackDeploymentId!]) {
        await check('GetDeployment', { deploymentId: id });
        await check('GetDeploymentTarget', { deploymentId: id, targetId: 'fn' });
      }
      await check('BatchGetDeployments', { deploymentIds: [deploymentId, outcome.rollbackDeploymentId] });
      await check('ListDeploymentTargets', { deploymentId });
      await check('BatchGetDeploymentTargets', { deploymentId, targetIds: ['fn'] });
      await check('ListDeployments', { applicationName: 'app', deploymentGroupName: 'g' });
      await check('GetApplicationRevision', { applicationName: 'app', revision });
      const ecs = await local.deployEcs({ cluster: 'c', service: 's', readyWait: { minutes: 1000 } });
      await new Promise<void>((resolve) => {
        ecs.on('event', (e) => {
          if (e.type === 'status' && e.status === 'Ready') resolve();
        });
      });
      await check('GetDeployment', { deploymentId: ecs.deploymentId });
      await check('GetDeploymentTarget', { deploymentId: ecs.deploymentId, targetId: 'c:s' });
      await check('ContinueDeployment', { deploymentId: ecs.deploymentId, deploymentWaitType: 'READY_WAIT' });
      await ecs.done;
      await check('GetDeploymentTarget', { deploymentId: ecs.deploymentId, targetId: 'c:s' });
      const manual = await local.deployLambda({
        functionName: 'x',
        currentVersion: '1',
        targetVersion: '2',
        hooks: { BeforeAllowTraffic: 'manual' },
      });
      await manual.nextHookEvent();
      await check('StopDeployment', { deploymentId: manual.deploymentId });
    });
  });
});
