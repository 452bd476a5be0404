/** Readers for operation inputs that arrive as JSON, CBOR or awsQuery (where everything is a string). */
import { ApiError } from '../errors.js';

export type Input = Readonly<Record<string, unknown>>;

function bad(member: string, why: string): ApiError {
  return new ApiError('InvalidParameterValueException', `Invalid value for ${member}: ${why}`);
}

/** An optional string member. */
export function str(input: Input, member: string): string | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(member, 'expected a string');
  return v;
}

/** An optional number member (awsQuery sends numbers as text). */
export function num(input: Input, member: string): number | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(member, 'expected a number');
  return n;
}

/** An optional list member; items are returned as they are. */
export function list(input: Input, member: string): unknown[] {
  const v = input[member];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw bad(member, 'expected a list');
  return v;
}

/** An optional structure member. */
export function struct(input: Input, member: string): Input | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw bad(member, 'expected a structure');
  return v as Input;
}

/**
 * A timestamp member: epoch seconds (JSON), a CBOR tag-1 value or `Date`, or ISO 8601 text (awsQuery).
 */
export function timestamp(input: Input, member: string): Date | undefined {
  const v = input[member];
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000);
  if (typeof v === 'object' && typeof (v as { value?: unknown }).value === 'number') {
    return new Date((v as { value: number }).value * 1000);
  }
  if (typeof v === 'string') {
    const d = /^\d+(\.\d+)?$/.test(v) ? new Date(Number(v) * 1000) : new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw bad(member, 'expected a timestamp');
}

/** A string list member. */
export function strings(input: Input, member: string): string[] {
  return list(input, member).map((v) => {
    if (typeof v !== 'string') throw bad(member, 'expected a list of strings');
    return v;
  });
}
