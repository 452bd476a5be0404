import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook, HookReportError, InvalidHookEventError } from '@greenlight/core';
import { MAX_ID_LENGTH } from '@greenlight/core/internal';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import { captureLogger, lambdaContext } from '@greenlight/test-support/codedeploy-server';
import * as fc from 'fast-check';

// biome-ignore lint/suspicious/noControlCharactersInRegex: an ID with control characters is invalid by definition.
const CONTROL = /[\u0000-\u001f\u007f]/;
const valid = (v: unknown) =>
  typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID_LENGTH && !CONTROL.test(v);

describe('fuzzed hook events', () => {
  let local: LocalCodeDeploy;
  let client: CodeDeployClient;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
  });
  afterAll(() => local.close());

  const id = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constant('x'.repeat(MAX_ID_LENGTH + 1)),
    fc.constant('d-ABCDEF123'),
    fc.constantFrom('__proto__', 'constructor', 'toString'),
    fc.jsonValue(),
  );
  const event = fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    fc.record({ DeploymentId: id, LifecycleEventHookExecutionId: id }, { requiredKeys: [] }),
    fc.dictionary(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'DeploymentId',
        'LifecycleEventHookExecutionId',
      ),
      id,
    ),
  );

  it('throw InvalidHookEventError or are handled; never a report with invalid IDs, never another error', async () => {
    const handler = createHook(() => true, {
      client,
      logger: captureLogger().logger,
      retry: { maxAttempts: 1 },
    });
    let invalid = 0;
    let handled = 0;
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const before = local.requests.length;
        try {
          await handler(e as never, lambdaContext(5_000));
          handled++;
        } catch (error) {
          if (error instanceof InvalidHookEventError) {
            invalid++;
            expect(local.requests.length).toBe(before);
            return;
          }
          // A well-formed event for a deployment that does not exist: reported, and refused by CodeDeploy.
          expect(error).toBeInstanceOf(HookReportError);
          handled++;
        }
        const r = e as Record<string, unknown>;
        expect(valid(r.DeploymentId) && valid(r.LifecycleEventHookExecutionId)).toBe(true);
      }),
      { numRuns: 1000, seed: 7 },
    );
    for (const r of local.reports)
      expect(valid(r.deploymentId) && valid(r.lifecycleEventHookExecutionId)).toBe(true);
    expect(invalid).toBeGreaterThan(100);
    expect(handled).toBeGreaterThan(10);
  }, 120_000);
});
