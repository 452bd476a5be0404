import {
  type AwsServices,
  type LocalCodeDeploy,
  type LocalCodeDeployOptions,
  mountAwsServices,
  startLocalCodeDeploy,
} from '@greenlight/local';

/** A local CodeDeploy with the Lambda, CloudWatch, ELBv2 and ECS slices on its endpoint. */
export interface LocalAws {
  readonly local: LocalCodeDeploy;
  readonly services: AwsServices;
  /** The env a hook needs: endpoints (`AWS_ENDPOINT_URL` and the CodeDeploy one), region, dummy credentials. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Starts the local CodeDeploy with the service slices every hook check calls (Lambda Invoke, CloudWatch,
 * ELBv2, ECS), so every SDK client of a hook reaches one endpoint.
 *
 * @example
 * const { local, services, env } = await startLocalAws({ timeScale: 0.01 });
 */
export async function startLocalAws(options: LocalCodeDeployOptions): Promise<LocalAws> {
  const local = await startLocalCodeDeploy(options);
  // The slices are mounted by default; mountAwsServices returns them (and mounts them if they were not).
  const services = mountAwsServices(local);
  return { local, services, env: { ...local.env } };
}
