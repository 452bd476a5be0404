/**
 * Marks the instant the verdict is known (epoch ms, sub-ms precision), for item 6 of the benchmark. The
 * driver installs the recorder; every candidate calls this once per invocation, at the same point: when its
 * check (or handler) has decided.
 */
export function markVerdict(): void {
  (globalThis as { __benchVerdict?: () => void }).__benchVerdict?.();
}
