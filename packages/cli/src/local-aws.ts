import {
  type AwsServices,
  type LocalCodeDeploy,
  type LocalCodeDeployOptions,
  mountAwsServices,
  startLocalCodeDeploy,
} from '@greenlight/local';

export type { AwsServices };

/** A local CodeDeploy with the Lambda, CloudWatch, ELBv2 and ECS slices mounted on its endpoint. */
export interface LocalAws {
  readonly local: LocalCodeDeploy;
  readonly services: AwsServices;
  /** The env a hook needs: the local's own (CodeDeploy endpoint, region, credentials) plus `AWS_ENDPOINT_URL` for the other services. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Starts the local CodeDeploy and mounts the other services' slices on it, so every SDK client of a hook
 * (CodeDeploy, Lambda, CloudWatch, ELBv2, ECS) reaches one endpoint.
 *
 * @example
 * const { local, services, env } = await startLocalAws({ timeScale: 0.01 });
 */
export async function startLocalAws(options: LocalCodeDeployOptions): Promise<LocalAws> {
  const local = await startLocalCodeDeploy(options);
  const services = mountAwsServices(local);
  return { local, services, env: { ...local.env, AWS_ENDPOINT_URL: local.endpoint } };
}
