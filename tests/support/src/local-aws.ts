import { execFile } from 'node:child_process';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
/**
 * What this helper needs of a running local CodeDeploy (a `LocalCodeDeploy` of `@greenlight/local` fits). It is
 * structural so that this package does not depend on `@greenlight/local`, whose own tests use it.
 */
export interface LocalCodeDeployLike {
  readonly endpoint: string;
  readonly region: string;
  readonly env: { readonly AWS_ACCESS_KEY_ID: string; readonly AWS_SECRET_ACCESS_KEY: string };
  /** The AWS service slices mounted on the endpoint (started with `services` other than `false`). */
  readonly services?: unknown;
  close(): Promise<void>;
}

/** A local CodeDeploy with its service slices, and what SDK clients need to reach it. */
export interface LocalAws<L extends LocalCodeDeployLike = LocalCodeDeployLike> {
  readonly local: L;
  readonly services: NonNullable<L['services']>;
  /** `endpoint`, `region` and dummy `credentials` for any SDK v3 client. */
  readonly config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  };
  close(): Promise<void>;
}

/**
 * The slices and the SDK client configuration of a running local CodeDeploy, e.g.
 * `localAws(await startLocalCodeDeploy({ timeScale: 0 }))`.
 */
export function localAws<L extends LocalCodeDeployLike>(local: L): LocalAws<L> {
  if (local.services === undefined || local.services === null) {
    throw new Error('localAws: the local CodeDeploy was started with `services: false`');
  }
  return {
    local,
    services: local.services as NonNullable<L['services']>,
    config: {
      endpoint: local.endpoint,
      region: local.region,
      credentials: {
        accessKeyId: local.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: local.env.AWS_SECRET_ACCESS_KEY,
      },
      maxAttempts: 1,
    },
    close: () => local.close(),
  };
}

/** What one `aws` CLI run printed. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON, when it is JSON. */
  readonly json: unknown;
}

let present: Promise<boolean> | undefined;

/** Whether the AWS CLI is installed (checked once). */
export function hasAwsCli(): Promise<boolean> {
  present ??= new Promise((resolve) => {
    execFile('aws', ['--version'], { timeout: 20_000 }, (error) => resolve(!error));
  });
  return present;
}

/**
 * Runs the AWS CLI against `endpoint` with dummy credentials and no config file. Resolves `undefined` (and
 * says so) when the CLI is not installed, so CLI tests pass on machines without it.
 */
export async function awsCli(endpoint: string, args: readonly string[]): Promise<CliResult | undefined> {
  if (!(await hasAwsCli())) {
    console.log(`aws CLI not installed: not run: aws ${args.join(' ')}`);
    return undefined;
  }
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  return new Promise((resolve) => {
    execFile(
      'aws',
      [...args, '--endpoint-url', endpoint, '--output', 'json'],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, json });
      },
    );
  });
}

/** A real CodeDeploy SDK client for the local CodeDeploy (for hooks made with createHook in tests). */
export function codeDeployClient(aws: LocalAws): CodeDeployClient {
  return new CodeDeployClient(aws.config);
}
