import type { EcsHookResponse, HookResult } from '@greenlight/core';

/**
 * What a greenlight hook says about one invocation, as the timeline shows it: the status, reason, mode and checks
 * of the `HookResult` a `createHook` handler returns, or of the verdict line a `createEcsHook` handler logs (with
 * its `hookStatus`). Any member may be missing: a hand-written hook returns what it likes.
 *
 * @example
 * const verdict: HookVerdict = { status: 'Failed', reason: 'smoke: returned false', checks: [] };
 */
export type HookVerdict = Partial<Pick<HookResult, 'status' | 'reason' | 'checks' | 'mode'>> &
  Partial<Pick<EcsHookResponse, 'hookStatus'>>;

/**
 * The verdict in a value, when it is one (an object with a `checks` list), else `undefined`.
 *
 * @example
 * verdictOf(await handler(event, context))?.checks; // the HookResult's checks
 * verdictOf(null); // undefined
 */
export function verdictOf(value: unknown): HookVerdict | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return Array.isArray((value as { checks?: unknown }).checks) ? (value as HookVerdict) : undefined;
}

/**
 * The last verdict a `createEcsHook` handler logged (a JSON line with `checks`), from an invocation's log tail.
 * An ECS native hook answers ECS with its `hookStatus` only; the reason and the checks are in its log.
 *
 * @example
 * verdictFromLog('{"message":"greenlight ECS hook verdict","hookStatus":"FAILED","checks":[]}\n')?.hookStatus; // 'FAILED'
 */
export function verdictFromLog(log: string): HookVerdict | undefined {
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{') || !line.includes('"checks"')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // not a JSON line, or cut by the log tail: look further back
    }
    const verdict = verdictOf(parsed);
    if (verdict) return verdict;
  }
  return undefined;
}
