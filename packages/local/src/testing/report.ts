import type { DeploymentOutcome, TimelineEntry } from '../engine/types.js';

/** What one invocation of an in-process hook returned or threw. */
export interface HookAnswer {
  readonly lifecycleEvent: string;
  /** `returned`: the handler resolved (with `result`); `threw`: it threw or rejected (with `error`). */
  readonly kind: 'returned' | 'threw';
  readonly result?: unknown;
  readonly error?: string;
}

/** A hook's verdict as createHook returns it: status, reason and each check. */
interface VerdictLike {
  readonly status?: unknown;
  readonly reason?: unknown;
  readonly checks?: readonly {
    readonly name?: unknown;
    readonly status?: unknown;
    readonly reason?: unknown;
  }[];
}

const asVerdict = (value: unknown): VerdictLike | undefined =>
  typeof value === 'object' && value !== null ? (value as VerdictLike) : undefined;

/** One line per check of a hook's answer, or the error it threw. */
function answerLines(answer: HookAnswer): string[] {
  if (answer.kind === 'threw') return [`    threw: ${answer.error}`];
  const verdict = asVerdict(answer.result);
  if (!verdict || verdict.status === undefined) return [`    returned: ${JSON.stringify(answer.result)}`];
  const lines = [`    ${String(verdict.status)}${verdict.reason ? `: ${String(verdict.reason)}` : ''}`];
  for (const c of verdict.checks ?? []) {
    const mark = c.status === 'Succeeded' ? '✓' : '✗';
    lines.push(`      ${mark} ${String(c.name)}${c.reason ? `: ${String(c.reason)}` : ''}`);
  }
  return lines;
}

/**
 * A deployment's story in plain text, for failure messages: how it ended, then each lifecycle event with its
 * status, duration and diagnostics, each in-process hook's answer under its event, and any rollback.
 *
 * @example
 * describeRun('d-1', outcome, timeline, answers);
 * // 'deployment d-1 ended Failed (HOOK_EXECUTION_FAILURE: …)\n  BeforeAllowTraffic  Failed  12 ms …'
 */
export function describeRun(
  deploymentId: string,
  outcome: DeploymentOutcome,
  timeline: readonly TimelineEntry[],
  answers: readonly HookAnswer[],
): string {
  const error = outcome.errorInformation
    ? ` (${outcome.errorInformation.code}: ${outcome.errorInformation.message})`
    : '';
  const lines = [`deployment ${deploymentId} ended ${outcome.status}${error}`];
  const width = Math.max(0, ...timeline.map((e) => e.lifecycleEvent.length));
  for (const entry of timeline) {
    const ms =
      entry.startTime && entry.endTime ? `  ${entry.endTime.getTime() - entry.startTime.getTime()} ms` : '';
    const why =
      entry.diagnostics?.message && entry.status !== 'Succeeded' ? `  ${entry.diagnostics.message}` : '';
    lines.push(`  ${entry.lifecycleEvent.padEnd(width)}  ${entry.status}${ms}${why}`);
    for (const answer of answers.filter((a) => a.lifecycleEvent === entry.lifecycleEvent))
      lines.push(...answerLines(answer));
  }
  if (outcome.rollbackDeploymentId)
    lines.push(`  rolled back by ${outcome.rollbackDeploymentId} (${outcome.rollbackStatus ?? 'unknown'})`);
  return lines.join('\n');
}
