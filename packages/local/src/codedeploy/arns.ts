import { ApiError } from '../errors.js';

/** The CodeDeploy resource types an ARN can name, as AWS spells them. */
export type ArnResourceType = 'application' | 'deploymentgroup' | 'deploymentconfig' | 'instance';

/** `arn:aws:codedeploy:REGION:ACCOUNT:application:NAME` */
export const applicationArn = (region: string, account: string, name: string) =>
  `arn:aws:codedeploy:${region}:${account}:application:${name}`;

/** `arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP` (the form IAM policies name). */
export const groupArn = (region: string, account: string, app: string, group: string) =>
  `arn:aws:codedeploy:${region}:${account}:deploymentgroup:${app}/${group}`;

/** `arn:aws:codedeploy:REGION:ACCOUNT:deploymentconfig:NAME` */
export const configArn = (region: string, account: string, name: string) =>
  `arn:aws:codedeploy:${region}:${account}:deploymentconfig:${name}`;

/** A parsed CodeDeploy ARN. */
export interface ParsedArn {
  readonly region: string;
  readonly account: string;
  readonly type: string;
  /** What follows the type: `NAME`, or `APPLICATION/GROUP` for a deployment group. */
  readonly resource: string;
}

/**
 * Parses a CodeDeploy resource ARN. Anything that is not `arn:<partition>:codedeploy:…` with a resource is
 * `InvalidArnException`.
 */
export function parseArn(arn: string): ParsedArn {
  const parts = arn.split(':');
  const [prefix, partition, service, region, account, typed = ''] = parts;
  // `…:application:NAME`, or `…:instance/NAME_ID` (the form on-premises instance ARNs take)
  const slash = parts.length === 6 ? typed.indexOf('/') : -1;
  const type = slash > 0 ? typed.slice(0, slash) : typed;
  const resource = slash > 0 ? typed.slice(slash + 1) : parts.slice(6).join(':');
  if (
    prefix !== 'arn' ||
    !partition?.startsWith('aws') ||
    service !== 'codedeploy' ||
    !region ||
    !account ||
    !type ||
    resource.length === 0
  ) {
    throw new ApiError('InvalidArnException', `The specified ARN is not valid: ${arn.slice(0, 200)}`);
  }
  return { region, account, type, resource };
}
