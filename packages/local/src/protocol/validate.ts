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

function check(
  model: CompactModel,
  shapeName: string,
  value: unknown,
  path: string[],
): ValidationIssue | undefined {
  const shape = model.shapes[shapeName] as CompactShape | undefined;
  if (!shape) return undefined;
  const at = path.length > 0 ? path.join('.') : 'input';
  const typeIssue = (expected: string): ValidationIssue => ({
    kind: 'type',
    path,
    message: `Expected ${expected} at '${at}' but found ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
  });
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return typeIssue('an object');
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) {
          return {
            kind: 'required',
            path: [...path, name],
            message: `1 validation error detected: Value null at '${[...path, name].join('.')}' failed to satisfy constraint: Member must not be null`,
          };
        }
      }
      for (const [name, target] of Object.entries(shape.members)) {
        const member = record[name];
        if (member === undefined || member === null) continue;
        const issue = check(model, target, member, [...path, name]);
        if (issue) return issue;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return typeIssue('a list');
      const sizeIssue = bounds(shape, value.length, path, value, 'length');
      if (sizeIssue) return sizeIssue;
      for (let i = 0; i < value.length; i++) {
        const issue = check(model, shape.member, value[i], [...path, String(i)]);
        if (issue) return issue;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return typeIssue('a map');
      for (const [k, v] of Object.entries(value)) {
        const keyIssue = check(model, shape.key, k, [...path, k]);
        if (keyIssue) return keyIssue;
        const valueIssue = check(model, shape.value, v, [...path, k]);
        if (valueIssue) return valueIssue;
      }
      return undefined;
    }
    case 'string': {
      if (typeof value !== 'string') return typeIssue('a string');
      if (shape.enum && !shape.enum.includes(value)) {
        return {
          kind: 'enum',
          path,
          message: `1 validation error detected: Value '${describe(value)}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
        };
      }
      return bounds(shape, value.length, path, value, 'length');
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : typeIssue('a boolean');
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : typeIssue('a timestamp (epoch seconds)');
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return typeIssue('an integer');
      return bounds(shape, value, path, value, 'range');
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return typeIssue('a number');
      return bounds(shape, value, path, value, 'range');
    case 'blob':
      return typeof value === 'string' ? undefined : typeIssue('a base64 string');
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
  const at = path.length > 0 ? path.join('.') : 'input';
  const word = kind === 'length' ? 'length' : 'value';
  if (shape.min !== undefined && measure < shape.min) {
    return {
      kind,
      path,
      message: `1 validation error detected: Value '${describe(value)}' at '${at}' failed to satisfy constraint: Member must have ${word} greater than or equal to ${shape.min}`,
    };
  }
  if (shape.max !== undefined && measure > shape.max) {
    return {
      kind,
      path,
      message: `1 validation error detected: Value '${describe(value)}' at '${at}' failed to satisfy constraint: Member must have ${word} less than or equal to ${shape.max}`,
    };
  }
  return undefined;
}
