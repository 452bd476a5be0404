import {
  type DeploymentEvent,
  type DeploymentOutcome,
  describeResources,
  type EcsNativeOutcome,
  LOOP_EMPTIED,
  type ModuleInvocation,
  parseResponse,
  type TimelineEntry,
} from '@greenlight/local';
import type { Paint } from '../style.js';
import { type HookVerdict, verdictOf } from './verdict.js';

/** What the header of a deployment's timeline shows. */
export interface DeploymentHeader {
  readonly deploymentId: string;
  /** e.g. `Lambda orders-api:live 1 → 2` or `ECS demo:orders blue → green`. */
  readonly what: string;
  readonly deploymentConfig: string;
  /** `rollback of d-…` for a rollback deployment. */
  readonly note?: string;
  /** What production traffic moves to, e.g. `version 2` or `green`. @default 'the new version' */
  readonly targetLabel?: string;
  /** An Amazon ECS native deployment: hooks answer by returning `hookStatus`, and a function error rolls back. */
  readonly ecsNative?: boolean;
}

const EVENT_WIDTH = 22;
/** ECS native stage names are longer (`POST_PRODUCTION_TRAFFIC_SHIFT`). */
const NATIVE_EVENT_WIDTH = 31;

/**
 * Milliseconds as `840 ms`, `2.3 s` or `5 min 0 s`.
 *
 * @example
 * formatDuration(2300); // '2.3 s'
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * Prints a deployment's timeline as it happens, one line per change: lifecycle events with their status,
 * duration and the hook's reason, traffic weights as they move, and the outcome. Plain text unless `paint`
 * colours it.
 *
 * @example
 * const printer = new TimelinePrinter((s) => process.stdout.write(s), painter(true));
 * printer.header({ deploymentId: 'd-1', what: 'Lambda f:live 1 → 2', deploymentConfig: 'CodeDeployDefault.LambdaAllAtOnce' });
 * for await (const ev of deployment.events()) printer.event(ev);
 */
export class TimelinePrinter {
  readonly #write: (text: string) => void;
  readonly #paint: Paint;
  readonly #lastStatus = new Map<string, string>();
  readonly #start = new Map<string, number>();
  readonly #targets = new Map<string, string>();
  readonly #explained = new Set<string>();
  readonly #ecsNative = new Set<string>();

  constructor(write: (text: string) => void, paint: Paint) {
    this.#write = write;
    this.#paint = paint;
  }

  /** A title line above a scenario (the demo's "Lambda canary: good release"). */
  title(text: string): void {
    this.#write(`\n${this.#paint('bold', `━━ ${text} ━━`)}\n`);
  }

  /** The first lines of a deployment's timeline. */
  header(h: DeploymentHeader): void {
    if (h.targetLabel) this.#targets.set(h.deploymentId, h.targetLabel);
    if (h.ecsNative) this.#ecsNative.add(h.deploymentId);
    const note = h.note ? this.#paint('yellow', `  (${h.note})`) : '';
    this.#write(
      `${this.#paint('bold', `deployment ${h.deploymentId}`)}  ${h.what}  ${this.#paint('gray', h.deploymentConfig)}${note}\n`,
    );
  }

  /** One live event. */
  event(ev: DeploymentEvent): void {
    if (!this.#start.has(ev.deploymentId)) this.#start.set(ev.deploymentId, ev.at.getTime());
    if (ev.type === 'lifecycle') {
      this.#lifecycle(ev.deploymentId, ev.entry, ev.at);
    } else if (ev.type === 'traffic') {
      const listener = ev.listener === 'test' ? 'test traffic' : 'traffic';
      const bar = this.#bar(ev.targetWeight);
      this.#line(
        ev.deploymentId,
        ev.at,
        this.#paint('cyan', '⇄'),
        this.#name(ev.deploymentId, listener),
        `${bar} ${String(ev.targetWeight).padStart(3)}% → ${this.#targets.get(ev.deploymentId) ?? 'the new version'}`,
      );
    } else if (ev.type === 'invocation' && ev.result === 'error') {
      this.#line(
        ev.deploymentId,
        ev.at,
        this.#paint('yellow', '!'),
        this.#name(ev.deploymentId, ev.lifecycleEvent),
        this.#paint('yellow', `invocation ${ev.attempt} failed: ${ev.error ?? 'unknown error'}`),
      );
      const key = `${ev.deploymentId}/${ev.lifecycleEvent}`;
      if (ev.error === LOOP_EMPTIED && !this.#explained.has(`${key}/emptied`)) {
        this.#explained.add(`${key}/emptied`);
        this.#note(
          "nothing the handler was waiting on kept the process alive (an unref'd timer or socket, or a promise nothing settles): on Lambda the process is frozen here, and what was pending runs only if a later invocation thaws it",
        );
      }
      if (!this.#explained.has(key) && !this.#ecsNative.has(ev.deploymentId)) {
        this.#explained.add(key);
        this.#note(
          'no report from this invocation: Lambda retries it (1 and 2 minutes later) and CodeDeploy waits up to the hook timeout (1 hour) for a report',
        );
      }
    }
  }

  /**
   * What an ECS native hook invocation answered: its `hookStatus` (SUCCEEDED, FAILED, or IN_PROGRESS and when
   * ECS calls again), or why the answer is not one ECS accepts (@greenlight/local's `parseResponse`).
   */
  hookAnswer(
    ev: {
      readonly deploymentId: string;
      readonly lifecycleEvent: string;
      readonly attempt: number;
      readonly at: Date;
    },
    response: unknown,
  ): void {
    const answer = parseResponse(response);
    const status = answer.ok ? answer.hookStatus : undefined;
    const mark =
      status === 'SUCCEEDED'
        ? this.#paint('green', '↳')
        : status === 'IN_PROGRESS'
          ? this.#paint('cyan', '↻')
          : this.#paint('red', '↳');
    const text = !answer.ok
      ? this.#paint('red', `not an answer ECS accepts: ${answer.reason}`)
      : answer.hookStatus === 'SUCCEEDED'
        ? this.#paint('green', answer.hookStatus)
        : answer.hookStatus === 'IN_PROGRESS'
          ? `${this.#paint('cyan', answer.hookStatus)}${this.#paint('gray', `  (ECS calls again in ${answer.callBackDelay} s)`)}`
          : this.#paint('red', answer.hookStatus);
    this.#line(
      ev.deploymentId,
      ev.at,
      mark,
      this.#name(ev.deploymentId, ev.lifecycleEvent),
      `invocation ${ev.attempt}: ${text}`,
    );
  }

  /**
   * How a hook invocation ended, under its lifecycle event: the checks of the verdict it returned (or what else it
   * returned), and what it left behind. A failed invocation is shown by its own line ({@link event}).
   */
  invocation(lifecycleEvent: string, invocation: ModuleInvocation): void {
    if (!invocation.failed) {
      const verdict = verdictOf(invocation.result);
      if (verdict) this.verdict(verdict);
      else this.#note(`${lifecycleEvent} hook returned ${JSON.stringify(invocation.result ?? null)}`);
    }
    this.leftBehind(invocation.leftBehind);
  }

  /** A hook's verdict: its mode when not normal, each check with its reason (or the verdict's reason). */
  verdict(verdict: HookVerdict): void {
    const pad = ' '.repeat(12);
    if (verdict.mode && verdict.mode !== 'normal')
      this.#write(`${pad}${this.#paint('yellow', `mode: ${verdict.mode}`)}\n`);
    for (const check of verdict.checks ?? []) {
      const mark =
        check.status === 'Succeeded'
          ? this.#paint('green', '✓')
          : check.status === 'Failed'
            ? this.#paint('red', '✗')
            : this.#paint('gray', '–');
      const took =
        check.durationMs !== undefined ? this.#paint('gray', ` (${formatDuration(check.durationMs)})`) : '';
      const reason = check.reason ? `: ${check.reason}` : '';
      this.#write(`${pad}${mark} ${check.name}${took}${reason}\n`);
    }
    if ((verdict.checks ?? []).length === 0 && verdict.reason) this.#write(`${pad}${verdict.reason}\n`);
  }

  /** What a handler left running when it settled (timers, sockets), which a warm container inherits. */
  leftBehind(names: readonly string[]): void {
    if (names.length === 0) return;
    this.#write(
      `${' '.repeat(12)}${this.#paint('yellow', `⚠ the handler settled but left ${describeResources(names)} behind: on Lambda the next invocation of this warm container inherits ${names.length === 1 ? 'it' : 'them'}; clear timers and abort abandoned requests before returning`)}\n`,
    );
  }

  /** The last line of a deployment: its outcome and, when there was one, its rollback. */
  outcome(deploymentId: string, outcome: DeploymentOutcome | EcsNativeOutcome, elapsedMs: number): void {
    const colour = outcome.status === 'Succeeded' ? 'green' : 'red';
    const native = 'serviceDeploymentStatus' in outcome ? outcome.serviceDeploymentStatus : undefined;
    const ecs = native ? ` (${native})` : '';
    const error = outcome.errorInformation
      ? `: ${outcome.errorInformation.code}: ${outcome.errorInformation.message}`
      : '';
    this.#write(
      `  ${this.#paint(colour, this.#paint('bold', `${deploymentId} ${outcome.status}${ecs}`))} in ${formatDuration(elapsedMs)}${error}\n`,
    );
    if (native && outcome.rollbackStatus) {
      this.#write(`  ${this.#paint('yellow', '↩ rolled back to blue')} (${outcome.rollbackStatus})\n`);
    }
    if (outcome.rollbackDeploymentId) {
      const status = outcome.rollbackStatus ?? 'in progress';
      this.#write(
        `  ${this.#paint('yellow', `↩ rolled back by ${outcome.rollbackDeploymentId}`)} (${status})\n`,
      );
    }
  }

  #lifecycle(deploymentId: string, entry: TimelineEntry, at: Date): void {
    const key = `${deploymentId}/${entry.lifecycleEvent}`;
    if (this.#lastStatus.get(key) === entry.status) return;
    this.#lastStatus.set(key, entry.status);
    const name = this.#name(deploymentId, entry.lifecycleEvent);
    if (entry.status === 'InProgress') {
      const hook = entry.hookFunction ? this.#paint('gray', `hook ${entry.hookFunction}`) : '';
      this.#line(deploymentId, at, this.#paint('cyan', '▸'), name, `${'started'.padEnd(10)}${hook}`);
      return;
    }
    if (entry.status === 'Pending') return;
    const took =
      entry.status !== 'Skipped' && entry.startTime && entry.endTime
        ? formatDuration(entry.endTime.getTime() - entry.startTime.getTime())
        : '';
    const mark =
      entry.status === 'Succeeded'
        ? this.#paint('green', '✓')
        : entry.status === 'Skipped'
          ? this.#paint('gray', '–')
          : this.#paint('red', '✗');
    const status =
      entry.status === 'Succeeded'
        ? this.#paint('green', entry.status)
        : entry.status === 'Skipped'
          ? this.#paint('gray', entry.status)
          : this.#paint('red', entry.status);
    // A hook that reported Failed explains itself in the lines below (its checks); other failures say why here.
    const explained = entry.diagnostics?.errorCode === 'ScriptFailed';
    // ECS native stages have no diagnostics: their reason is `hookReason`.
    const message = entry.diagnostics ? entry.diagnostics.message : entry.hookReason;
    const why = entry.status === 'Failed' && message && !explained ? `  ${message}` : '';
    this.#line(
      deploymentId,
      at,
      mark,
      name,
      `${status}${' '.repeat(Math.max(1, 10 - entry.status.length))}${took}${why}`,
    );
  }

  /** A gray line under the timeline's entries. */
  #note(text: string): void {
    this.#write(`${' '.repeat(12)}${this.#paint('gray', text)}\n`);
  }

  /** A lifecycle event's name in its column, with at least one space after it. */
  #name(deploymentId: string, name: string): string {
    const width = this.#ecsNative.has(deploymentId) ? NATIVE_EVENT_WIDTH : EVENT_WIDTH;
    return name.length >= width ? `${name} ` : name.padEnd(width);
  }

  #bar(weight: number): string {
    const filled = Math.round(weight / 10);
    return this.#paint('cyan', '█'.repeat(filled)) + this.#paint('gray', '░'.repeat(10 - filled));
  }

  #line(deploymentId: string, at: Date, mark: string, name: string, rest: string): void {
    const offset = (at.getTime() - (this.#start.get(deploymentId) ?? at.getTime())) / 1000;
    const time = this.#paint('gray', `+${offset.toFixed(2)}s`.padStart(8));
    this.#write(`  ${time} ${mark} ${name}${rest.trimEnd()}\n`);
  }
}
