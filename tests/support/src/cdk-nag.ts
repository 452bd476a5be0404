import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** One unacknowledged cdk-nag finding. */
export interface NagViolation {
  readonly rule: string;
  readonly path: string;
}

/**
 * Synthesizes the app with cdk-nag's AwsSolutions pack as a CDK validation plugin and returns every
 * unacknowledged finding (an empty list when the pack passes).
 */
export function awsSolutionsViolations(app: App): NagViolation[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return [];
  } catch (error) {
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
      }[];
    };
    const violations = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath })),
      ),
    );
    if (violations.length === 0) throw error;
    return violations;
  }
}

/** The rules acknowledged on a construct and its children, with their reasons. */
export function acknowledgedRules(scope: IConstruct): Record<string, string> {
  const out: Record<string, string> = {};
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) Object.assign(out, entry.data);
    }
  }
  return out;
}
