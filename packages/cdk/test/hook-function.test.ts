import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultReserve } from '@greenlight/contract';
import { AssetStaging, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  checkTimeBudget,
  HOOK_TIMEOUT_MAX_SECONDS,
  HOOK_TIMEOUT_MIN_SECONDS,
  HookFunction,
  type HookFunctionProps,
  reportReserve,
} from '../src/index.js';
import {
  arnOf,
  FIXTURE_HOOK,
  logicalId,
  newStack,
  OTHER_FIXTURE_HOOK,
  statementsOfRole,
} from './helpers/template.js';

function hook(stack: Stack, props: Partial<HookFunctionProps> = {}, id = 'Hook'): HookFunction {
  return new HookFunction(stack, id, { entry: FIXTURE_HOOK, ...props });
}

/** The directory CDK staged the function's bundle in. */
function assetDir(fn: HookFunction): string {
  const staging = fn.node.findAll().find((c): c is AssetStaging => c instanceof AssetStaging);
  if (!staging) throw new Error('no asset staging');
  return staging.absoluteStagedPath;
}

describe('HookFunction', () => {
  it('runs on nodejs22.x on ARM64 from the bundle handler index.handler', () => {
    const stack = newStack();
    hook(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
    });
  });

  it('bundles the entry with esbuild into a minified index.js with an external source map', () => {
    const stack = newStack();
    const fn = hook(stack);
    const dir = assetDir(fn);
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    expect(code).toContain('sourceMappingURL=index.js.map');
    expect(code).toContain('FixtureHookError'); // class names survive minification
    expect(code).not.toContain('interface HookEvent'); // compiled, not copied
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(3); // minified
    const map = JSON.parse(readFileSync(join(dir, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources).toEqual(['hook.ts']); // relative to the project root, not the temp dir
  });

  it('ships a bundle that runs on Node.js and maps errors back to the TypeScript source', () => {
    const dir = assetDir(hook(newStack()));
    const run = (event: object) =>
      spawnSync(
        process.execPath,
        [
          '--enable-source-maps',
          '-e',
          `require(${JSON.stringify(join(dir, 'index.js'))}).handler(${JSON.stringify(event)}).then((r) => console.log(JSON.stringify(r)))`,
        ],
        { encoding: 'utf8' },
      );
    const ok = run({ DeploymentId: 'd-123', LifecycleEventHookExecutionId: 'x' });
    expect(JSON.parse(ok.stdout)).toEqual({ status: 'Succeeded', deploymentId: 'd-123' });
    const failed = run({ LifecycleEventHookExecutionId: 'x' });
    expect(failed.stderr).toContain('FixtureHookError: missing DeploymentId');
    expect(failed.stderr).toMatch(/hook\.ts:\d+/); // the source map points at the TypeScript line
  });

  it('gives two entries in the same folder two different bundles', () => {
    const stack = newStack();
    const first = hook(stack, {}, 'First');
    const second = hook(stack, { entry: OTHER_FIXTURE_HOOK }, 'Second');
    expect(readFileSync(join(assetDir(second), 'index.js'), 'utf8')).toContain('other-hook-ran');
    expect(assetDir(first)).not.toEqual(assetDir(second));
  });

  it('leaves the bundle readable when minify and source maps are turned off', () => {
    const stack = newStack();
    const fn = hook(stack, { bundling: { minify: false, sourceMap: false } });
    const dir = assetDir(fn);
    expect(readFileSync(join(dir, 'index.js'), 'utf8').split('\n').length).toBeGreaterThan(5);
    expect(existsSync(join(dir, 'index.js.map'))).toBe(false);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: Match.absent(),
    });
  });

  it('defaults to a five-minute timeout that leaves the checks 4 min 30 s after the report reserve', () => {
    const stack = newStack();
    const fn = hook(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Timeout: 300 });
    expect(fn.timeout?.toSeconds()).toBe(300);
    expect(reportReserve(Duration.minutes(5)).toSeconds()).toBe(30);
    expect(checkTimeBudget(Duration.minutes(5)).toSeconds()).toBe(270);
  });

  it('accepts the minimum timeout of one minute, which leaves the checks 48 s', () => {
    const stack = newStack();
    hook(stack, { timeout: Duration.seconds(HOOK_TIMEOUT_MIN_SECONDS) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Timeout: 60 });
    expect(checkTimeBudget(Duration.seconds(60)).toSeconds()).toBe(48);
  });

  it.each([
    [Duration.seconds(HOOK_TIMEOUT_MIN_SECONDS - 1), /between 60 s and 900 s, got 59 s/],
    [Duration.seconds(HOOK_TIMEOUT_MAX_SECONDS + 1), /between 60 s and 900 s, got 901 s/],
    [Duration.millis(90_500), /whole number of seconds/],
  ])('rejects a timeout of %s that leaves no room to report', (timeout, message) => {
    expect(() => hook(newStack(), { timeout })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'timeout',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('keeps its logs in its own log group with a retention, and may write only there', () => {
    const stack = newStack();
    const fn = hook(stack, {
      logRetention: RetentionDays.TWO_WEEKS,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    const template = Template.fromStack(stack);
    const logs = template.findResources('AWS::Logs::LogGroup');
    expect(Object.values(logs)).toEqual([
      expect.objectContaining({ Properties: { RetentionInDays: 14 }, DeletionPolicy: 'Delete' }),
    ]);
    const logGroupId = Object.keys(logs)[0] as string;
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
    });
    expect(statementsOfRole(template, logicalId(fn.hookRole))).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [arnOf(logGroupId)],
      },
    ]);
  });

  it('keeps logs for a month and retains them by default', () => {
    const stack = newStack();
    hook(stack);
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
    });
  });

  it('sets the asynchronous invoke retries and event age explicitly', () => {
    const stack = newStack();
    hook(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      Qualifier: '$LATEST',
    });
  });

  it('has a role of its own with no managed policy', () => {
    const stack = newStack();
    const fn = hook(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      },
      ManagedPolicyArns: Match.absent(),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Role: arnOf(logicalId(fn.hookRole)),
    });
  });

  it('accepts any function name', () => {
    const stack = newStack();
    hook(stack, { functionName: 'orders-pre-traffic' });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'orders-pre-traffic',
    });
  });

  it('rejects an unknown option by name', () => {
    expect(() => hook(newStack(), { timout: Duration.minutes(1) } as Partial<HookFunctionProps>)).toThrow(
      /Unknown option `timout`/,
    );
    expect(() => hook(newStack(), { uses: { alarm: [] } } as unknown as Partial<HookFunctionProps>)).toThrow(
      /Unknown option `uses.alarm`/,
    );
  });

  it('rejects retry counts Lambda does not accept', () => {
    expect(() => hook(newStack(), { retryAttempts: 3 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        option: 'retryAttempts',
        message: 'Expected `retryAttempts` to be one of 0, 1, 2, got 3',
      }),
    );
  });
});

describe('the report reserve', () => {
  it.each([60, 61, 120, 149, 150, 151, 300, 899, 900])(
    "is the contract's default reserve (what the hook keeps at run time) for a %i s timeout",
    (seconds) => {
      expect(reportReserve(Duration.seconds(seconds)).toMilliseconds()).toBe(
        Math.floor(defaultReserve(seconds * 1000)),
      );
    },
  );
});
