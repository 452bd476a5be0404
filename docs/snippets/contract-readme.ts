// docs/snippets/contract-readme.ts
import {
  defaultReserve,
  ECS_HOOK_EVENTS,
  isGreenlightError,
  type LambdaLifecycleEvent,
  validateOptions,
} from '@greenlight/contract';

// The same list CodeDeploy's ECS AppSpec accepts, the local CodeDeploy runs and the CDK construct wires.
export const hookNames: readonly string[] = ECS_HOOK_EVENTS;

// The same reserve a hook keeps back at run time: a 60 s invocation keeps 12 s to report.
export const reserveMs = defaultReserve(60_000);

export const event: LambdaLifecycleEvent = 'BeforeAllowTraffic';

export function explain(error: unknown): string {
  // Every greenlight package throws GreenlightErrors with a code from one closed union.
  if (isGreenlightError(error, 'INVALID_OPTIONS')) return `fix the option: ${error.message}`;
  return isGreenlightError(error) ? error.code : 'not a greenlight error';
}

export const checked = validateOptions('example', { retries: 2 }, { retries: () => {} });
