import { between, is, type OptionSpec, oneOf, required, validateOptions } from '@greenlight/contract';
import { seededRandom } from '../ids.js';

/** A fault the server injects instead of (or before) answering a call. */
export interface Fault {
  /**
   * - `throttle`: HTTP 400 `ThrottlingException` (the SDK retries it as throttling)
   * - `error5xx`: HTTP 500 `InternalFailure` or 503 `ServiceUnavailable` (transient for the SDK)
   * - `reset`: the connection is destroyed without an answer (`ECONNRESET` for the client)
   * - `delay`: the answer is delayed by `delayMs` real milliseconds, then served normally
   */
  readonly kind: 'throttle' | 'error5xx' | 'reset' | 'delay';
  /** For `error5xx`. @default 500 */
  readonly status?: 500 | 503;
  /** For `delay`, in real milliseconds (not scaled). @default 1000 */
  readonly delayMs?: number;
  /** Apply to the next N matching calls only. @default unlimited (or until cleared) */
  readonly times?: number;
  /** Apply to this fraction (0..1) of matching calls, drawn from a seeded random. @default 1 */
  readonly rate?: number;
}

const FAULT_SPEC: OptionSpec<Fault> = {
  kind: required(oneOf(['throttle', 'error5xx', 'reset', 'delay'])),
  status: oneOf([500, 503]),
  delayMs: is.nonNegative,
  times: is.positiveInteger,
  rate: between(0, 1),
};

interface Rule {
  readonly operation: string;
  readonly fault: Fault;
  remaining: number;
}

/**
 * Fault injection per operation name (any service), or `'*'` for all.
 *
 * @example
 * ```ts
 * local.faults.inject('PutLifecycleEventHookExecutionStatus', { kind: 'throttle', times: 2 });
 * local.faults.inject('*', { kind: 'error5xx', status: 503, rate: 0.1 });
 * local.faults.clear();
 * ```
 */
export class FaultInjector {
  readonly #rules: Rule[] = [];
  readonly #random: () => number;

  constructor(seed = 42) {
    this.#random = seededRandom(seed);
  }

  /**
   * Adds a fault for `operation` (an operation name such as `GetDeployment`, or `'*'`).
   *
   * @throws InvalidOptionsError naming the fault's unknown or invalid member
   */
  inject(operation: string, fault: Fault): void {
    validateOptions<Fault>('faults.inject', fault ?? {}, FAULT_SPEC);
    this.#rules.push({ operation, fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every fault. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** The fault to apply to this call, if any (consumes one of its `times`). */
  pick(operation: string): Fault | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining <= 0) continue;
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.fault.rate !== undefined && this.#random() >= rule.fault.rate) continue;
      rule.remaining -= 1;
      return rule.fault;
    }
    return undefined;
  }
}
