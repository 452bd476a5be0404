import type { Scheduler } from '../clock.js';
import type { EngineState } from './state.js';
import type { ErrorInformation } from './types.js';

/** The engine's settings. */
export interface EngineOptions {
  readonly region: string;
  readonly accountId: string;
  /** Lambda async retries after an error (0..2). */
  readonly hookRetries: number;
  /** The fraction (0..1) of successful hook invocations delivered a second time. */
  readonly hookDuplicateRate: number;
  /** Seed of the random used for duplicate deliveries. */
  readonly seed: number;
  /** CodeDeploy's hook timeout, service time (scaled by the time scale). */
  readonly hookTimeoutMs: number;
  /** A hook function's own timeout, real time. */
  readonly functionTimeoutMs: number;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The env a hook needs to reach this local CodeDeploy. */
  readonly env: () => Readonly<Record<string, string>>;
  /** The most entries `reports` keeps (the oldest are dropped). @default Infinity */
  readonly logLimit?: number;
}

/** What the lifecycle steps see of the engine. */
export interface EngineContext {
  readonly state: EngineState;
  readonly scheduler: Scheduler;
  readonly options: EngineOptions;
  /** Aborted when the local CodeDeploy closes. */
  readonly closeSignal: AbortSignal;
  now(): number;
  /** Whether to deliver a successful hook invocation once more (Lambda's at-least-once delivery). */
  duplicateDelivery(): boolean;
}

/** The result of one lifecycle step. */
export type StepResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly error?: ErrorInformation;
      /** The deployment was stopped (StopDeployment or close) during the step. */
      readonly stopped?: boolean;
      /** The failure stops (rather than fails) the deployment, e.g. an alarm. */
      readonly asStopped?: boolean;
      /** The auto-rollback event this failure counts as. @default 'DEPLOYMENT_FAILURE' */
      readonly rollbackEvent?: string;
    };
