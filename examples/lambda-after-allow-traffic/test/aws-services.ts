import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalCodeDeploy } from '@greenlight/local';
import * as localPackage from '@greenlight/local';

/**
 * The handles of @greenlight/local's AWS service slices this test uses (a structural subset of its
 * `AwsServices`): set alarm states, put metric data, set target health, change a task set.
 */
export interface AwsServices {
  readonly cloudwatch: {
    setAlarm(name: string, state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA', reason?: string): void;
    putMetricData(data: {
      namespace: string;
      metricName: string;
      dimensions?: Record<string, string>;
      points: { timestamp: Date | number; value: number }[];
    }): void;
  };
  readonly elbv2: {
    setTargetHealth(
      targetGroup: string,
      targets: { id: string; port?: number; state: string; reason?: string }[],
    ): void;
  };
  readonly ecs: {
    updateTaskSet(
      cluster: string,
      service: string,
      taskSet: string,
      patch: { runningCount?: number; pendingCount?: number; desiredCount?: number },
    ): void;
  };
}

type Mount = (local: LocalCodeDeploy) => AwsServices;

/**
 * Mounts @greenlight/local's Lambda Invoke, CloudWatch, ELBv2 and ECS slices on a running local CodeDeploy, so
 * the checks' SDK clients reach them at `local.endpoint`. It uses the package's `mountAwsServices` export, or,
 * while the package entry does not export it yet, the package's own services module.
 */
export function mountAwsServices(local: LocalCodeDeploy): AwsServices {
  const exported = (localPackage as unknown as { mountAwsServices?: Mount }).mountAwsServices;
  if (typeof exported === 'function') return exported(local);
  const root = dirname(require.resolve('@greenlight/local/package.json'));
  const file = ['src/services/index.ts', 'dist/services/index.js']
    .map((f) => join(root, f))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`@greenlight/local at ${root} has no services module`);
  return (require(file) as { mountAwsServices: Mount }).mountAwsServices(local);
}
