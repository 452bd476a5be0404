import { createRequire } from 'node:module';
import type { CodeDeployLike } from '@greenlight/core';

// The scripted CodeDeploy and the capturing logger are the workspace's shared test helpers (one source).
export {
  captureLogger,
  lambdaContext,
  type Recorded,
  type Scripted,
  TestCodeDeploy as ScriptedCodeDeploy,
} from '@greenlight/test-support/codedeploy-server';

/**
 * Points the SDK's default CodeDeploy client at `endpoint` through the environment, as on a developer's machine
 * (AWS_ENDPOINT_URL_CODEDEPLOY, a region, dummy credentials). Returns a function restoring the environment.
 */
export function useEndpoint(endpoint: string): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CODEDEPLOY: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

let n = 0;
/** A fresh hook event: each has its own execution ID. */
export const hookEvent = () => ({
  DeploymentId: 'd-75I7MBT7C',
  LifecycleEventHookExecutionId: `eyJleGVjdXRpb24iOiJpZC0${++n}In0=`,
});

/** The part of `@aws-sdk/client-codedeploy` the tests use. */
interface CodeDeploySdk {
  CodeDeployClient: new (config: object) => CodeDeployLike & { destroy(): void };
}

/**
 * A real SDK client (`@aws-sdk/client-codedeploy`) for `endpoint`, with `maxAttempts: 1`. This package has no
 * dependency of its own on the SDK (it comes with @greenlight/core), so it is loaded from the core's
 * dependencies.
 */
export function sdkClient(endpoint: string) {
  const fromCore = createRequire(require.resolve('@greenlight/core/package.json'));
  const { CodeDeployClient } = fromCore('@aws-sdk/client-codedeploy') as CodeDeploySdk;
  return new CodeDeployClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}
