import type { LaneRun } from './lane.js';

/**
 * What must hold for a hook run under faults, as the Lambda runtime runs it: the verdict reported once by
 * the hook itself (never the hour-long timeout), no invocation ended by an emptied event loop, a crash or the
 * function timeout, and nothing left behind when an invocation settled. With `firstInvocation`, the first
 * invocation must have reported (the faults left it enough time).
 *
 * @returns the broken rules, in words (empty when all hold)
 */
export function violations(
  run: LaneRun,
  expected: 'Succeeded' | 'Failed',
  { firstInvocation }: { readonly firstInvocation: boolean },
): string[] {
  const broken: string[] = [];
  const { hookEvent, accepted, invocations } = run;
  if (hookEvent.status !== expected) {
    const why = hookEvent.diagnostics?.message ?? hookEvent.hookReason ?? 'no reason';
    broken.push(`the hook event ended ${hookEvent.status}, expected ${expected}: ${why}`);
  }
  if (accepted.length !== 1) broken.push(`${accepted.length} accepted reports, expected 1`);
  else if (accepted[0]?.status !== expected) broken.push(`the accepted report says ${accepted[0]?.status}`);
  for (const [n, invocation] of invocations.entries()) {
    const which = `invocation ${n + 1} (${invocation.coldStart ? 'cold' : 'warm'})`;
    if (!['returned', 'error'].includes(invocation.outcome)) {
      broken.push(`${which} ended '${invocation.outcome}': ${invocation.error}\n${invocation.logTail}`);
    }
    if (invocation.leftBehind.length > 0) {
      broken.push(`${which} left ${invocation.leftBehind.join(', ')} behind`);
    }
  }
  if (firstInvocation) {
    const first = invocations[0];
    if (invocations.length !== 1 || first?.outcome !== 'returned') {
      broken.push(
        `the first invocation did not report: ${invocations.length} invocation(s), the first ${first?.outcome}: ${first?.error ?? ''}`,
      );
    }
  }
  return broken;
}
