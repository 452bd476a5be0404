import { describeThrown, ECS_HOOK_EVENTS, LAMBDA_HOOK_EVENTS } from '@greenlight/contract';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../errors.js';

/** A parsed Lambda AppSpec. */
export interface LambdaAppSpec {
  readonly kind: 'Lambda';
  readonly functionName: string;
  readonly alias: string;
  readonly currentVersion: string;
  readonly targetVersion: string;
  /** Lifecycle event → hook function name. */
  readonly hooks: Readonly<Record<string, string>>;
}

/** A parsed ECS AppSpec. */
export interface EcsAppSpec {
  readonly kind: 'ECS';
  readonly taskDefinition: string;
  readonly containerName: string | undefined;
  readonly containerPort: number | undefined;
  readonly hooks: Readonly<Record<string, string>>;
}

/**
 * An EC2/on-premises revision: its AppSpec lives in the S3 bundle or GitHub commit, which the local CodeDeploy
 * does not fetch (there is no instance to run it on either).
 */
export interface ServerAppSpec {
  readonly kind: 'Server';
  readonly hooks: Readonly<Record<string, string>>;
}

const invalid = (message: string) => new ApiError('InvalidRevisionException', `Invalid AppSpec: ${message}`);

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function parseHooks(value: unknown, allowed: readonly string[]): Record<string, string> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw invalid('Hooks must be a list');
  const hooks: Record<string, string> = {};
  for (const item of value) {
    for (const [event, fn] of Object.entries(asRecord(item, 'each Hooks entry'))) {
      if (!allowed.includes(event))
        throw invalid(`${event} is not a hook of this compute platform (${allowed.join(', ')})`);
      if (typeof fn !== 'string' || fn.length === 0) throw invalid(`the ${event} hook must name a function`);
      hooks[event] = fn;
    }
  }
  return hooks;
}

/** An AppSpec document: JSON, or YAML (AWS's own tutorials write `appspec.yaml`). */
function parseDocument(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    // not JSON: YAML below (JSON is YAML too, but JSON.parse is faster and its errors are clearer)
  }
  try {
    return parseYaml(content, { maxAliasCount: 100 });
  } catch (err) {
    throw invalid(
      `neither JSON nor YAML (${describeThrown(err instanceof Error ? err.message.split('\n')[0] : err)})`,
    );
  }
}

/**
 * Parses an AppSpec (JSON or YAML) for the given compute platform.
 *
 * @example
 * ```ts
 * parseAppSpec(JSON.stringify({ version: 0.0, Resources: [{ fn: { Type: 'AWS::Lambda::Function',
 *   Properties: { Name: 'f', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' } } }],
 *   Hooks: [{ BeforeAllowTraffic: 'CodeDeployHook_pre' }] }), 'Lambda');
 * ```
 */
export function parseAppSpec(content: string, platform: 'Lambda' | 'ECS'): LambdaAppSpec | EcsAppSpec {
  const root = asRecord(parseDocument(content), 'the AppSpec');
  if (!Array.isArray(root.Resources) || root.Resources.length !== 1)
    throw invalid('Resources must list exactly one resource');
  const [resource] = Object.values(asRecord(root.Resources[0], 'the resource'));
  const { Type, Properties } = asRecord(resource, 'the resource');
  const props = asRecord(Properties, 'Properties');
  const str = (name: string) => {
    const v = props[name];
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || v.length === 0) throw invalid(`Properties.${name} is required`);
    return v;
  };
  if (platform === 'Lambda') {
    if (Type !== 'AWS::Lambda::Function')
      throw invalid(`a Lambda deployment needs Type AWS::Lambda::Function, got ${String(Type)}`);
    return {
      kind: 'Lambda',
      functionName: str('Name'),
      alias: str('Alias'),
      currentVersion: str('CurrentVersion'),
      targetVersion: str('TargetVersion'),
      hooks: parseHooks(root.Hooks, LAMBDA_HOOK_EVENTS),
    };
  }
  if (Type !== 'AWS::ECS::Service')
    throw invalid(`an ECS deployment needs Type AWS::ECS::Service, got ${String(Type)}`);
  const lb = props.LoadBalancerInfo === undefined ? {} : asRecord(props.LoadBalancerInfo, 'LoadBalancerInfo');
  return {
    kind: 'ECS',
    taskDefinition: str('TaskDefinition'),
    containerName: typeof lb.ContainerName === 'string' ? lb.ContainerName : undefined,
    containerPort: typeof lb.ContainerPort === 'number' ? lb.ContainerPort : undefined,
    hooks: parseHooks(root.Hooks, ECS_HOOK_EVENTS),
  };
}
