import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The stand-in hook every stack under test bundles. */
export const FIXTURE_HOOK = join(__dirname, 'fixtures', 'hook.ts');

/**
 * An app for tests: CDK's built-in CloudFormation schema validation (a WASM engine that costs about 3 s of
 * CPU per synth) is off here; `app-synth.test.ts` runs the real app with it on.
 */
export function testApp(): App {
  return new App({ builtinCloudFormationValidation: false });
}

/** The logical ID of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(cfn instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(cfn).resolve(cfn.logicalId) as string;
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` */
export function arnOf(id: string): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

/** One IAM statement with its actions sorted. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: unknown[];
}

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface RawResource {
  Type: string;
  Properties?: { Roles?: unknown[]; PolicyDocument?: { Statement: RawStatement[] } };
}

/** Every statement of every AWS::IAM::Policy attached to a role, sorted for comparison. */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  const resources = (template.toJSON() as { Resources: Record<string, RawResource> }).Resources;
  const out: Statement[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = resource.Properties?.Roles ?? [];
    if (!roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }))) continue;
    for (const s of resource.Properties?.PolicyDocument?.Statement ?? []) {
      const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
      out.push({
        Effect: s.Effect,
        Action: [...actions].sort(),
        Resource: Array.isArray(s.Resource) ? s.Resource : [s.Resource],
      });
    }
  }
  return sorted(out);
}

/** Statements in a stable order. */
export function sorted(statements: readonly Statement[]): Statement[] {
  return [...statements].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Synthesizes with cdk-nag's AwsSolutions pack and returns the unacknowledged findings. */
export function awsSolutionsViolations(app: App): { rule: string; path: string }[] {
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
    const found = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath })),
      ),
    );
    if (found.length === 0) throw error;
    return found;
  }
}

/** Every acknowledgment recorded under a scope: rule id -> reason. */
export function acknowledgements(scope: IConstruct): Record<string, string> {
  const out: Record<string, string> = {};
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) Object.assign(out, entry.data);
    }
  }
  return out;
}
