import type { CompactModel, CompactShape } from './model-types.js';

/** One way an input breaks the model. */
export interface ValidationIssue {
  /** `type` mismatches are serialization errors on AWS; the rest are constraint violations. */
  readonly kind: 'type' | 'required' | 'enum' | 'length' | 'range';
  /** Member path from the input root, e.g. `['revision', 'appSpecContent', 'content']`. */
  readonly path: readonly string[];
  readonly message: string;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? String(value)).slice(0, 100);
}

/**
 * Checks `value` against `shapeName` in `model`: JSON types, required members, enums and the
 * min/max the model sets. Returns the first issue, or `undefined`. Unknown members are ignored, as AWS
 * does; `null` counts as absent.
 *
 * @example
 * ```ts
 * validate(MODEL, 'GetDeploymentInput', {}); // { kind: 'required', path: ['deploymentId'], … }
 * ```
 */
export function validate(
  model: CompactModel,
  shapeName: string,
  value: unknown,
): ValidationIssue | undefined {
  return check(model, shapeName, value, []);
}

/** Where `path` points, as the messages say it. */
function where(path: readonly string[]): string {
  return path.length > 0 ? path.join('.') : 'input';
}

function typeIssue(path: readonly string[], value: unknown, expected: string): ValidationIssue {
  const found = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return {
    kind: 'type',
    path: path.slice(),
    message: `Expected ${expected} at '${where(path)}' but found ${found}`,
  };
}

/**
 * Checks `value` at `path`, a stack the walk pushes member names onto and pops (copied only into an issue):
 * a valid input, the common case, allocates nothing.
 */
function check(
  model: CompactModel,
  shapeName: string,
  value: unknown,
  path: string[],
): ValidationIssue | undefined {
  const shape = model.shapes[shapeName] as CompactShape | undefined;
  if (!shape) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return typeIssue(path, value, 'an object');
      const record = value as Record<string, unknown>;
      if (shape.required) {
        for (const name of shape.required) {
          if (record[name] === undefined || record[name] === null) {
            const at = [...path, name];
            return {
              kind: 'required',
              path: at,
              message: `1 validation error detected: Value null at '${at.join('.')}' failed to satisfy constraint: Member must not be null`,
            };
          }
        }
      }
      const members = shape.members;
      for (const name in members) {
        const member = record[name];
        if (member === undefined || member === null) continue;
        path.push(name);
        const issue = check(model, members[name] as string, member, path);
        path.pop();
        if (issue) return issue;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return typeIssue(path, value, 'a list');
      const sizeIssue = bounds(shape, value.length, path, value, 'length');
      if (sizeIssue) return sizeIssue;
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        const issue = check(model, shape.member, value[i], path);
        path.pop();
        if (issue) return issue;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return typeIssue(path, value, 'a map');
      for (const [k, v] of Object.entries(value)) {
        path.push(k);
        const issue = check(model, shape.key, k, path) ?? check(model, shape.value, v, path);
        path.pop();
        if (issue) return issue;
      }
      return undefined;
    }
    case 'string': {
      if (typeof value !== 'string') return typeIssue(path, value, 'a string');
      if (shape.enum && !shape.enum.includes(value)) {
        return {
          kind: 'enum',
          path: path.slice(),
          message: `1 validation error detected: Value '${describe(value)}' at '${where(path)}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
        };
      }
      return bounds(shape, value.length, path, value, 'length');
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : typeIssue(path, value, 'a boolean');
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : typeIssue(path, value, 'a timestamp (epoch seconds)');
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return typeIssue(path, value, 'an integer');
      return bounds(shape, value, path, value, 'range');
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return typeIssue(path, value, 'a number');
      return bounds(shape, value, path, value, 'range');
    case 'blob':
      return typeof value === 'string' ? undefined : typeIssue(path, value, 'a base64 string');
    default:
      return undefined;
  }
}

function bounds(
  shape: { readonly min?: number; readonly max?: number },
  measure: number,
  path: readonly string[],
  value: unknown,
  kind: 'length' | 'range',
): ValidationIssue | undefined {
  const word = kind === 'length' ? 'length' : 'value';
  if (shape.min !== undefined && measure < shape.min) {
    return {
      kind,
      path: path.slice(),
      message: `1 validation error detected: Value '${describe(value)}' at '${where(path)}' failed to satisfy constraint: Member must have ${word} greater than or equal to ${shape.min}`,
    };
  }
  if (shape.max !== undefined && measure > shape.max) {
    return {
      kind,
      path: path.slice(),
      message: `1 validation error detected: Value '${describe(value)}' at '${where(path)}' failed to satisfy constraint: Member must have ${word} less than or equal to ${shape.max}`,
    };
  }
  return undefined;
}
