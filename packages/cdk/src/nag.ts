import { InvalidOptionsError } from '@greenlight/contract';
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Renders a resource string the way cdk-nag names it in an `AwsSolutions-IAM5[Resource::…]` finding:
 * `{ "Fn::GetAtt": [id, "Arn"] }` becomes `<id.Arn>`, `{ Ref: x }` becomes `<x>`, joins are joined.
 * References to other stacks are rendered as they resolve here (before CDK turns them into imports),
 * so acknowledge findings on cross-stack targets yourself.
 *
 * @param scope any construct in the stack that holds the policy
 * @param value a string, possibly holding tokens
 * @example
 * nagResourceFinding(stack, `${fn.functionArn}:*`); // 'Resource::<Fn9270CBC0.Arn>:*'
 */
export function nagResourceFinding(scope: IConstruct, value: string): string {
  return `Resource::${flatten(Stack.of(scope).resolve(value))}`;
}

/**
 * Acknowledges a cdk-nag AwsSolutions finding on a construct (and everything under it) with a written
 * reason, through CDK's validation acknowledgments (cdk-nag v3 reads them). Needs nothing from cdk-nag at
 * run time. The id is recorded with the plugin prefix CDK expects: `AwsSolutions::<rule>`.
 *
 * @param scope the construct the finding is reported on, or one of its ancestors
 * @param rule the rule id, with the finding in brackets for granular rules
 * @param reason why the finding is acceptable
 * @throws InvalidOptionsError (`reason`) when the reason is blank
 * @example
 * acknowledgeNag(role, 'AwsSolutions-IAM5[Resource::*]', 'GetMetricData has no resource-level permissions');
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  if (reason.trim().length === 0)
    throw new InvalidOptionsError('reason', `Expected a written reason to acknowledge ${rule}`);
  const id = rule.startsWith('AwsSolutions::') ? rule : `AwsSolutions::${rule}`;
  Validations.of(scope).acknowledge({ id, reason });
}

function flatten(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (Array.isArray(node)) return JSON.stringify(node);
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}
