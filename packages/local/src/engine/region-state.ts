import type { TrafficRouting } from './configs.js';
import type { DeploymentRecord } from './state.js';
import type { DeploymentStatus } from './types.js';

/** A compute platform, as the model spells it. */
export type ComputePlatform = 'Server' | 'Lambda' | 'ECS';

/** A tag, as the model spells it (`Key`, `Value`). */
export interface Tag {
  readonly Key: string;
  readonly Value?: string;
}

/** A deployment as a deployment group remembers it (last attempted, last successful). */
export interface GroupDeploymentSummary {
  readonly deploymentId: string;
  readonly status: DeploymentStatus;
  readonly endTime?: number;
  readonly createTime: number;
}

/** A deployment group (the wire members CreateDeploymentGroup and UpdateDeploymentGroup stored). */
export interface DeploymentGroupRecord {
  /** Changes when the application is renamed (UpdateApplication). */
  applicationName: string;
  /** Changes with UpdateDeploymentGroup's `newDeploymentGroupName`. */
  deploymentGroupName: string;
  readonly deploymentGroupId: string;
  readonly computePlatform: ComputePlatform;
  /** The group's members as received (applicationName and the names excluded). */
  input: Readonly<Record<string, unknown>>;
  deploymentConfigName: string;
  lastAttemptedDeployment?: GroupDeploymentSummary;
  lastSuccessfulDeployment?: GroupDeploymentSummary;
  /** The revision of the group's latest deployment (`targetRevision` on the wire). */
  targetRevision?: Readonly<Record<string, unknown>>;
  /**
   * The deployments running in the group. CreateDeployment allows one at a time, as AWS does; the library's
   * `deployLambda` and `deployEcs` may run several side by side.
   */
  readonly active: Set<DeploymentRecord>;
}

/** A revision an application knows: registered (RegisterApplicationRevision) or used by a deployment. */
export interface RevisionRecord {
  /** The revision location as the wire shows it. */
  readonly revision: Readonly<Record<string, unknown>>;
  description?: string;
  /** The groups for which this is the current target revision. */
  readonly deploymentGroups: Set<string>;
  registerTime?: number;
  firstUsedTime?: number;
  lastUsedTime?: number;
}

/** A CodeDeploy application. */
export interface ApplicationRecord {
  /** Changes with UpdateApplication. */
  applicationName: string;
  readonly applicationId: string;
  readonly computePlatform: ComputePlatform;
  readonly createTime: number;
  /** Deployment groups by name. */
  readonly groups: Map<string, DeploymentGroupRecord>;
  /** Revisions by their identity (see `revisionKey`). */
  readonly revisions: Map<string, RevisionRecord>;
}

/** A deployment configuration: predefined (`CodeDeployDefault.*`) or made with CreateDeploymentConfig. */
export interface DeploymentConfigRecord {
  readonly deploymentConfigName: string;
  readonly deploymentConfigId: string;
  readonly computePlatform: ComputePlatform;
  readonly createTime: number;
  readonly predefined: boolean;
  /** Server configurations. */
  readonly minimumHealthyHosts?: { readonly type: string; readonly value: number };
  /** Lambda and ECS configurations, as the wire shows them. */
  readonly trafficRoutingConfig?: Readonly<Record<string, unknown>>;
  readonly zonalConfig?: Readonly<Record<string, unknown>>;
  /** How traffic moves (Lambda and ECS). */
  readonly routing?: TrafficRouting;
}

/** A registered on-premises instance. */
export interface OnPremisesInstanceRecord {
  readonly instanceName: string;
  readonly instanceArn: string;
  readonly iamSessionArn?: string;
  readonly iamUserArn?: string;
  readonly registerTime: number;
  deregisterTime?: number;
  tags: Tag[];
}

/**
 * What CodeDeploy keeps in one region. Every resource belongs to the region a request was signed for, so
 * the same application name in two regions names two applications.
 */
export class RegionState {
  readonly region: string;
  /** Applications by name. */
  readonly applications = new Map<string, ApplicationRecord>();
  /** Custom deployment configurations by name (the predefined ones live in `predefinedConfigs`). */
  readonly configs = new Map<string, DeploymentConfigRecord>();
  /** On-premises instances by name, registered or deregistered. */
  readonly instances = new Map<string, OnPremisesInstanceRecord>();
  /** Tags by resource ARN. */
  readonly tags = new Map<string, Tag[]>();
  /** Names of stored GitHub connections (made in the console on AWS; none locally unless added). */
  readonly gitHubTokens = new Set<string>();

  constructor(region: string) {
    this.region = region;
  }
}
