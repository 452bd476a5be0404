import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deployment id as CodeDeploy makes them: `d-` and 9 upper-case letters or digits. */
export function newDeploymentId(): string {
  const bytes = randomBytes(9);
  let id = 'd-';
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

/** Whether `id` has the shape of a CodeDeploy deployment id. */
export function isDeploymentId(id: string): boolean {
  return /^d-[A-Z0-9]{9}$/.test(id);
}

/** An opaque, long, base64 hook execution id shaped like the real ones (base64 of encrypted JSON). */
export function newExecutionId(): string {
  const inner = {
    encryptedData: randomBytes(96).toString('base64'),
    ivParameterSpec: randomBytes(16).toString('base64'),
    materialSetSerial: 1,
  };
  return Buffer.from(JSON.stringify(inner)).toString('base64');
}

/** A request id as AWS sends in `x-amzn-requestid`. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * A small seeded pseudo-random generator (mulberry32) so fault rates are reproducible.
 *
 * @example
 * ```ts
 * const next = seededRandom(42); next(); // 0.6011037519201636, every time
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
