// A small IAM evaluator for identity policies: enough to answer "may this role call this action on this
// ARN?" the way IAM does for Allow statements (case-insensitive actions, case-sensitive resources, `*` and
// `?` wildcards). Deny statements, conditions and NotAction are out of scope (greenlight writes none).

/** An Allow statement whose values are concrete strings. */
export interface ConcreteStatement {
  readonly Effect: string;
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/**
 * The statement of the AWS managed policies CodeDeploy's service roles get from CDK that concerns hook
 * invocation, as AWS publishes them (AWSCodeDeployRoleForLambdaLimited and AWSCodeDeployRoleForECS):
 * they allow invoking only functions whose name starts with `CodeDeployHook_`.
 */
export const MANAGED_HOOK_INVOKE: ConcreteStatement = {
  Effect: 'Allow',
  Action: ['lambda:InvokeFunction'],
  Resource: ['arn:aws:lambda:*:*:function:CodeDeployHook_*'],
};

/** Whether any Allow statement grants `action` on `resource`. */
export function allows(statements: readonly ConcreteStatement[], action: string, resource: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Action.some((a) => wildcard(a, action, true)) &&
      s.Resource.some((r) => wildcard(r, resource, false)),
  );
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/**
 * Turns a CloudFormation value into a concrete string, given what each `Fn::GetAtt`/`Ref` resolves to.
 * Throws on anything it cannot resolve, so a test never compares against a half-resolved value.
 */
export function concrete(value: unknown, refs: Readonly<Record<string, string>>): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map((p) => concrete(p, refs)).join(sep);
    }
    if (Array.isArray(o['Fn::GetAtt'])) {
      const key = (o['Fn::GetAtt'] as string[]).join('.');
      if (key in refs) return refs[key] as string;
    }
    if (typeof o.Ref === 'string') {
      if (o.Ref === 'AWS::Partition') return 'aws';
      if (o.Ref in refs) return refs[o.Ref] as string;
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}
