/** Small readers for validated wire input (the model has checked types; these narrow for TypeScript). */

/** A JSON object member, or `{}`. */
export const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A non-empty string member, or `undefined`. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

/** A list member, or `[]`. */
export const list = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Epoch milliseconds → epoch seconds, as awsJson1_1 sends timestamps. */
export const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;

/** Drops `undefined` members so the JSON has only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
