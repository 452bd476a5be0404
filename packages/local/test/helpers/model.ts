import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root (the folder with pnpm-workspace.yaml), from the current directory up. */
export function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above the current directory');
    dir = parent;
  }
  return dir;
}

/** The official CodeDeploy model (botocore's copy, Apache-2.0: see model/NOTICE), kept in the repository. */
export const MODEL_PATH = path.join(repoRoot(), 'packages', 'local', 'model', 'codedeploy-2014-10-06.json');

export interface RawShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
}
export interface RawModel {
  metadata: { targetPrefix: string; protocol: string; jsonVersion: string };
  operations: Record<
    string,
    { input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }
  >;
  shapes: Record<string, RawShape>;
}

/** Reads the official model; throws a clear error when it is missing (the conformance test must fail, not skip). */
export function loadOfficialModel(): RawModel {
  if (!existsSync(MODEL_PATH)) {
    throw new Error(
      `The official CodeDeploy model is missing at ${MODEL_PATH}; the conformance test needs it.`,
    );
  }
  return JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as RawModel;
}

/** Problems with `value` as an instance of output shape `shapeName` (unknown members, types, enums). */
export function outputProblems(model: RawModel, shapeName: string, value: unknown, at = '$'): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${at}: unknown shape ${shapeName}`];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${at}: expected object`];
      const problems: string[] = [];
      for (const [key, v] of Object.entries(value)) {
        const member = shape.members?.[key];
        if (!member) problems.push(`${at}.${key}: not a member of ${shapeName}`);
        else problems.push(...outputProblems(model, member.shape, v, `${at}.${key}`));
      }
      return problems;
    }
    case 'list':
      if (!Array.isArray(value)) return [`${at}: expected list`];
      return value.flatMap((v, i) => outputProblems(model, shape.member!.shape, v, `${at}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || value === null) return [`${at}: expected map`];
      return Object.entries(value).flatMap(([k, v]) =>
        outputProblems(model, shape.value!.shape, v, `${at}.${k}`),
      );
    case 'string':
      if (typeof value !== 'string') return [`${at}: expected string`];
      return shape.enum && !shape.enum.includes(value) ? [`${at}: ${value} not in enum ${shapeName}`] : [];
    case 'timestamp':
      return typeof value === 'number' ? [] : [`${at}: expected epoch-seconds number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected boolean`];
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? [] : [`${at}: expected integer`];
    case 'double':
    case 'float':
      return typeof value === 'number' ? [] : [`${at}: expected number`];
    default:
      return [];
  }
}
