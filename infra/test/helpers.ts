import { join } from 'node:path';
import { logicalId, testApp } from '@greenlight/test-support/cdk-app';
import type { Template } from 'aws-cdk-lib/assertions';

// cdk-nag's pack as a validation plugin and the acknowledgments are the shared test helpers
// (`@greenlight/test-support/cdk-nag`), the same ones @greenlight/cdk's tests use.

/** The stand-in hook every stack under test bundles. */
export const FIXTURE_HOOK = join(__dirname, 'fixtures', 'hook.ts');

export { logicalId, testApp };

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
