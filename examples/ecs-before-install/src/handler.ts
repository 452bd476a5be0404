import { http } from '@greenlight/checks/http';
import { createHook } from '@greenlight/core';

/** Reads a required environment variable when the check runs, so a missing one fails with its name. */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set in the hook's environment`);
  return value;
}

/**
 * ECS `BeforeInstall` hook: before CodeDeploy starts the replacement task set, make sure the dependency the
 * new tasks need (here a payments API's health endpoint, `DEPENDENCY_HEALTH_URL`) answers `{"status":"ok"}`
 * three times in a row. Nothing is installed yet, so a failure stops the deployment with nothing to roll back.
 *
 * @example
 * // Lambda configuration: DEPENDENCY_HEALTH_URL=https://payments.internal.example.com/health
 * // AppSpec: Hooks: [{ BeforeInstall: CodeDeployHook_orders_before_install }]
 */
export const handler = createHook(
  {
    dependency: http({
      url: () => env('DEPENDENCY_HEALTH_URL'),
      expectBody: { status: 'ok' },
      successes: 3,
      intervalMs: 200,
      timeoutMs: 2000,
    }),
  },
  { timeout: 30_000 },
);
