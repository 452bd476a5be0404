import { join } from 'node:path';
import { logicalId, testApp } from '@greenlight/test-support/cdk-app';
import { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';

/** The fixture hook handlers (plain TypeScript, no workspace imports). */
export const FIXTURE_HOOK = join(__dirname, '..', 'fixtures', 'hook.ts');
export const OTHER_FIXTURE_HOOK = join(__dirname, '..', 'fixtures', 'other-hook.ts');

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export { logicalId, testApp };

/** A stack with a concrete environment, so ARNs built with formatArn are literal strings. */
export function newStack(id = 'Test', app = testApp()): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region: REGION } });
}

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface RawPolicy {
  PolicyDocument: { Statement: RawStatement[] };
}
interface RawResource {
  Type: string;
  Properties?: { Roles?: unknown[]; PolicyDocument?: RawPolicy['PolicyDocument']; Policies?: RawPolicy[] };
}

/** The template's resources, typed for the IAM fields these helpers read. */
export function resourcesOf(template: Template): Record<string, RawResource> {
  return (template.toJSON() as { Resources: Record<string, RawResource> }).Resources;
}

/** One IAM statement in a comparable shape: sorted action list, resource list. */
export interface NormalStatement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: unknown[];
}

/** Every statement that applies to a role: its inline policies and every AWS::IAM::Policy attached to it. */
export function statementsOfRole(template: Template, roleLogicalId: string): NormalStatement[] {
  const resources = resourcesOf(template);
  const out: NormalStatement[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type === 'AWS::IAM::Policy') {
      const roles = resource.Properties?.Roles ?? [];
      if (roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId }))) {
        out.push(...(resource.Properties?.PolicyDocument?.Statement ?? []).map(normalise));
      }
    }
  }
  const role = resources[roleLogicalId];
  for (const policy of role?.Properties?.Policies ?? [])
    out.push(...policy.PolicyDocument.Statement.map(normalise));
  return out;
}

/** Every IAM statement in the template, wherever it lives. */
export function allStatements(template: Template): NormalStatement[] {
  const out: NormalStatement[] = [];
  for (const resource of Object.values(resourcesOf(template))) {
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      out.push(...(resource.Properties?.PolicyDocument?.Statement ?? []).map(normalise));
    }
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of resource.Properties?.Policies ?? []) {
        out.push(...policy.PolicyDocument.Statement.map(normalise));
      }
    }
  }
  return out;
}

function normalise(statement: {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}): NormalStatement {
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  return { Effect: statement.Effect, Action: [...actions].sort(), Resource: resources };
}

/** Sorts statements so two lists compare equal regardless of order. */
export function sortStatements(statements: readonly NormalStatement[]): NormalStatement[] {
  return [...statements].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` */
export function arnOf(id: string): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

/** `<arn>:*` as CDK renders it. */
export function versionsOf(id: string): unknown {
  return { 'Fn::Join': ['', [arnOf(id), ':*']] };
}
