import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaHandler, LocalCodeDeploy, LocalCodeDeployOptions } from '@greenlight/local';
import * as localPackage from '@greenlight/local';

/** An alarm state, as CloudWatch spells it. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/**
 * The handles of @greenlight/local's Lambda, CloudWatch, ELBv2 and ECS slices that the CLI uses (a structural
 * subset of its `AwsServices`).
 */
export interface AwsServices {
  readonly lambda: {
    registerFunction(
      name: string,
      versions: Readonly<Record<string, LambdaHandler | undefined>>,
      aliases?: Readonly<Record<string, string>>,
    ): unknown;
  };
  readonly cloudwatch: { setAlarm(name: string, state: AlarmState, reason?: string): void };
}

type Mount = (local: LocalCodeDeploy) => AwsServices;

let mountFn: Promise<Mount> | undefined;

/**
 * @greenlight/local's `mountAwsServices`: its export when the package's entry has it; otherwise its services
 * module, loaded from the installed package's folder (built `dist/services/index.js`, else the source).
 */
function loadMount(packageRoot: string): Promise<Mount> {
  mountFn ??= (async () => {
    const exported = (localPackage as unknown as Record<string, unknown>).mountAwsServices;
    if (typeof exported === 'function') return exported as Mount;
    const localRoot = dirname(
      createRequire(join(packageRoot, 'package.json')).resolve('@greenlight/local/package.json'),
    );
    const file = [
      join(localRoot, 'dist', 'services', 'index.js'),
      join(localRoot, 'src', 'services', 'index.ts'),
    ].find((f) => existsSync(f));
    if (!file) throw new Error(`@greenlight/local has no mountAwsServices (looked in ${localRoot})`);
    const mod = (await import(pathToFileURL(file).href)) as { mountAwsServices?: Mount };
    if (typeof mod.mountAwsServices !== 'function') throw new Error(`${file} has no mountAwsServices`);
    return mod.mountAwsServices;
  })();
  return mountFn;
}

/** A local CodeDeploy with the Lambda, CloudWatch, ELBv2 and ECS slices mounted on its endpoint. */
export interface LocalAws {
  readonly local: LocalCodeDeploy;
  readonly services: AwsServices;
  /** The env a hook needs: the local's own (CodeDeploy endpoint, region, credentials) plus `AWS_ENDPOINT_URL`. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Starts the local CodeDeploy and mounts the other services' slices on it, so every SDK client of a hook
 * (CodeDeploy, Lambda, CloudWatch, ELBv2, ECS) reaches one endpoint.
 *
 * @example
 * const { local, services, env } = await startLocalAws({ timeScale: 0.01 }, '/repo/packages/cli');
 */
export async function startLocalAws(options: LocalCodeDeployOptions, packageRoot: string): Promise<LocalAws> {
  const mount = await loadMount(packageRoot);
  const local = await localPackage.startLocalCodeDeploy(options);
  const services = mount(local);
  return { local, services, env: { ...local.env, AWS_ENDPOINT_URL: local.endpoint } };
}
