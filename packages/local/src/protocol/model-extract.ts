import type { CompactModel, CompactOperation, CompactShape } from './model-types.js';

interface RawShape {
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

interface RawModel {
  metadata: { targetPrefix: string };
  operations: Record<
    string,
    { input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }
  >;
  shapes: Record<string, RawShape>;
}

function compact(raw: RawShape): CompactShape {
  const out: Record<string, unknown> = { type: raw.type };
  if (raw.type === 'structure') {
    out.members = Object.fromEntries(Object.entries(raw.members ?? {}).map(([k, v]) => [k, v.shape]));
    if (raw.required?.length) out.required = [...raw.required];
  }
  if (raw.member) out.member = raw.member.shape;
  if (raw.key) out.key = raw.key.shape;
  if (raw.value) out.value = raw.value.shape;
  if (raw.enum) out.enum = [...raw.enum];
  if (raw.min !== undefined) out.min = raw.min;
  if (raw.max !== undefined) out.max = raw.max;
  return out as CompactShape;
}

/**
 * Extracts the implemented operations and the closure of their input shapes from the official service
 * model (botocore JSON). `model.generated.ts` is this function's output; the conformance test checks
 * that it still is.
 */
export function extractModel(model: unknown, operations: readonly string[]): CompactModel {
  const raw = model as RawModel;
  const shapes: Record<string, CompactShape> = {};
  const visit = (name: string) => {
    if (shapes[name]) return;
    const shape = raw.shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the model`);
    shapes[name] = compact(shape);
    for (const m of Object.values(shape.members ?? {})) visit(m.shape);
    for (const ref of [shape.member, shape.key, shape.value]) if (ref) visit(ref.shape);
  };
  const ops: Record<string, CompactOperation> = {};
  for (const name of operations) {
    const op = raw.operations[name];
    if (!op?.input) throw new Error(`operation ${name} is not in the model`);
    visit(op.input.shape);
    ops[name] = {
      input: op.input.shape,
      ...(op.output ? { output: op.output.shape } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
  }
  const sorted = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { targetPrefix: raw.metadata.targetPrefix, operations: ops, shapes: sorted };
}
