import type { Engine } from '../engine/engine.js';
import type { RegionState } from '../engine/region-state.js';

/** What an operation sees: the engine, and the region the request was signed for. */
export interface OperationContext {
  readonly engine: Engine;
  /** The region of the request's SigV4 credential scope (the local CodeDeploy's region when unsigned). */
  readonly region: string;
  /** CodeDeploy's resources in that region. */
  readonly regional: RegionState;
  /** The account id in ARNs. */
  readonly accountId: string;
  /** Service time now, epoch milliseconds. */
  now(): number;
}

/** An operation's implementation: validated input in, output members out (or an ApiError thrown). */
export type Operation = (input: Record<string, unknown>, ctx: OperationContext) => unknown;

/** Operations by name. */
export type OperationTable = Readonly<Record<string, Operation>>;
