import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  ECS_HOOK_EVENTS,
  ECS_NATIVE_HOOK_STAGES,
  type EcsNativeStage,
  LAMBDA_HOOK_EVENTS,
} from '@greenlight/local';
import { UsageError } from '../args.js';

/** A lifecycle event (CodeDeploy) or stage (ECS native) a hook can serve. */
export type HookEvent = (typeof ECS_HOOK_EVENTS)[number] | EcsNativeStage;
/** The compute platform of a simulated deployment. */
export type Platform = 'lambda' | 'ecs' | 'ecs-native';

const ALL_EVENTS: readonly HookEvent[] = [...ECS_HOOK_EVENTS, ...ECS_NATIVE_HOOK_STAGES];

/** Whether an event is an ECS native stage. */
export const isEcsNativeStage = (event: string): event is EcsNativeStage =>
  (ECS_NATIVE_HOOK_STAGES as readonly string[]).includes(event);

/** A hook module and the lifecycle event it serves. */
export interface HookSpec {
  readonly event: HookEvent;
  /** Absolute path of the module (TypeScript or JavaScript) exporting the handler. */
  readonly module: string;
  /** @default 'handler' */
  readonly exportName: string;
  /** The platform the path suggests (a directory named `ecs-…` or `lambda-…`), if any. */
  readonly platformHint?: Platform;
}

const kebab = (name: string) =>
  isEcsNativeStage(name)
    ? name.toLowerCase().replace(/_/g, '-')
    : name.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());

/**
 * The names a path segment may use for an event: its kebab-case name and, for an ECS native traffic-shift stage,
 * the same without `-shift` (`ecs-native-post-test-traffic`).
 */
const pathNames = (event: HookEvent): string[] => {
  const k = kebab(event);
  return isEcsNativeStage(event) && k.endsWith('-traffic-shift') ? [k, k.slice(0, -'-shift'.length)] : [k];
};

/**
 * The lifecycle event a path names: its file name, or else the nearest directory name, containing an event
 * name in kebab-case (`after-allow-test-traffic.ts`, `examples/ecs-before-install/src/handler.ts`) or
 * PascalCase (`BeforeAllowTraffic.ts`). The longest match wins; `undefined` when none or two match.
 *
 * @example
 * eventFromPath('examples/lambda-before-allow-traffic/src/handler.ts'); // 'BeforeAllowTraffic'
 */
export function eventFromPath(path: string): HookEvent | undefined {
  const file = basename(path, extname(path));
  const dirs: string[] = [];
  for (let d = dirname(path), i = 0; i < 4 && d !== dirname(d); d = dirname(d), i++) dirs.push(basename(d));
  for (const segment of [file, ...dirs]) {
    const lower = segment.toLowerCase();
    // Each event with the length of the longest of its names the segment contains.
    const hits: [HookEvent, number][] = [];
    for (const e of ALL_EVENTS) {
      const lengths = [...pathNames(e), e]
        .filter((n) => lower.includes(n) || segment.includes(n) || lower === n.toLowerCase())
        .map((n) => n.length);
      if (lengths.length > 0) hits.push([e, Math.max(...lengths)]);
    }
    if (hits.length > 0) {
      const longest = Math.max(...hits.map(([, n]) => n));
      const best = hits.filter(([, n]) => n === longest);
      return best.length === 1 ? best[0]![0] : undefined;
    }
  }
  return undefined;
}

/**
 * The platform a path suggests: a file or directory name starting with `ecs-` or `lambda-`.
 *
 * @example
 * platformFromPath('examples/ecs-before-allow-traffic/src/handler.ts'); // 'ecs'
 */
export function platformFromPath(path: string): Platform | undefined {
  for (const segment of path.split(/[\\/]/).reverse()) {
    if (/^ecs[-_.]native([-_.]|$)/i.test(segment)) return 'ecs-native';
    if (/^ecs[-_.]/i.test(segment)) return 'ecs';
    if (/^lambda[-_.]/i.test(segment)) return 'lambda';
  }
  return undefined;
}

function asEvent(name: string): HookEvent {
  const match = ALL_EVENTS.find(
    (e) => e === name || kebab(e) === name.toLowerCase() || e.toLowerCase() === name.toLowerCase(),
  );
  if (!match)
    throw new UsageError(
      `'${name}' is not a hook lifecycle event (CodeDeploy: ${ECS_HOOK_EVENTS.join(', ')}; ECS native: ${ECS_NATIVE_HOOK_STAGES.join(', ')})`,
      'simulate',
    );
  return match;
}

/**
 * Splits `path#export` (the export defaults to `handler`).
 *
 * @example
 * splitExport('src/hooks.ts#preTraffic'); // { path: 'src/hooks.ts', exportName: 'preTraffic' }
 */
export function splitExport(path: string): { path: string; exportName: string } {
  const hash = path.lastIndexOf('#');
  return hash > 0
    ? { path: path.slice(0, hash), exportName: path.slice(hash + 1) }
    : { path, exportName: 'handler' };
}

/** Where a folder given as a hook keeps its handler, in the order looked for. */
export const HANDLER_FILES = [
  'src/handler.ts',
  'handler.ts',
  'src/index.ts',
  'index.ts',
  'handler.js',
  'index.js',
];

/**
 * A module path, or for a folder (a hook project, e.g. `examples/ecs-after-install`) its handler file
 * ({@link HANDLER_FILES}); unchanged when there is none, so bundling reports it.
 *
 * @example
 * moduleOf('/repo/examples/ecs-after-install'); // '/repo/examples/ecs-after-install/src/handler.ts'
 */
export function moduleOf(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  return HANDLER_FILES.map((f) => join(path, f)).find((f) => existsSync(f)) ?? path;
}

function withHint(spec: HookSpec): HookSpec {
  const hint = platformFromPath(spec.module);
  return hint ? { ...spec, platformHint: hint } : spec;
}

/**
 * Maps the command line to hooks: `--hook Event=path[#export]` flags name the event explicitly; a bare
 * path's event comes from its file or directory name ({@link eventFromPath}).
 *
 * @example
 * mapHooks(['examples/ecs-after-install/src/handler.ts'], ['BeforeInstall=./check-deps.ts'], '/repo');
 */
export function mapHooks(paths: readonly string[], hookFlags: readonly string[], cwd: string): HookSpec[] {
  const specs: HookSpec[] = [];
  for (const flag of hookFlags) {
    const eq = flag.indexOf('=');
    if (eq <= 0 || eq === flag.length - 1) {
      throw new UsageError(
        `--hook expects Event=path, e.g. BeforeAllowTraffic=src/handler.ts; got '${flag}'`,
        'simulate',
      );
    }
    const { path, exportName } = splitExport(flag.slice(eq + 1));
    specs.push(
      withHint({ event: asEvent(flag.slice(0, eq)), module: moduleOf(resolve(cwd, path)), exportName }),
    );
  }
  for (const raw of paths) {
    const { path, exportName } = splitExport(raw);
    const event = eventFromPath(path);
    if (!event) {
      throw new UsageError(
        `cannot tell which lifecycle event ${raw} serves: name the file after it (e.g. before-allow-traffic.ts) or pass --hook BeforeAllowTraffic=${raw}`,
        'simulate',
      );
    }
    specs.push(withHint({ event, module: moduleOf(resolve(cwd, path)), exportName }));
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.event))
      throw new UsageError(
        `two hooks for ${s.event}; a deployment runs one hook per lifecycle event`,
        'simulate',
      );
    seen.add(s.event);
  }
  return specs;
}

/**
 * The platform to simulate: the one asked for, else ECS native when a hook serves an ECS native stage
 * (`POST_TEST_TRAFFIC_SHIFT`…) or a path names an `ecs-native-…` folder, else ECS when a hook serves an
 * ECS-only event (BeforeInstall, AfterInstall, AfterAllowTestTraffic) or a hook's path suggests ECS
 * ({@link platformFromPath}), else Lambda. Throws a {@link UsageError} when hooks do not fit the platform.
 *
 * @example
 * platformFor([{ event: 'AfterInstall', module: '/h.js', exportName: 'handler' }], undefined); // 'ecs'
 * platformFor([{ event: 'POST_TEST_TRAFFIC_SHIFT', module: '/h.js', exportName: 'handler' }], undefined); // 'ecs-native'
 */
export function platformFor(hooks: readonly HookSpec[], asked: string | undefined): Platform {
  if (asked !== undefined && asked !== 'lambda' && asked !== 'ecs' && asked !== 'ecs-native') {
    throw new UsageError(`--platform must be lambda, ecs or ecs-native, got '${asked}'`, 'simulate');
  }
  const native = hooks.filter((h) => isEcsNativeStage(h.event));
  const codeDeploy = hooks.filter((h) => !isEcsNativeStage(h.event));
  if (native.length > 0 && codeDeploy.length > 0) {
    throw new UsageError(
      `${native.map((h) => h.event).join(', ')} (ECS native) and ${codeDeploy.map((h) => h.event).join(', ')} (CodeDeploy) cannot run in one deployment`,
      'simulate',
    );
  }
  if (asked === 'ecs-native' && codeDeploy.length > 0) {
    throw new UsageError(
      `${codeDeploy.map((h) => h.event).join(', ')} is a CodeDeploy lifecycle event; ECS native deployments have the stages ${ECS_NATIVE_HOOK_STAGES.join(', ')}`,
      'simulate',
    );
  }
  if ((asked === 'lambda' || asked === 'ecs') && native.length > 0) {
    throw new UsageError(
      `${native.map((h) => h.event).join(', ')} is an ECS native stage: use --platform ecs-native`,
      'simulate',
    );
  }
  const ecsOnly = hooks.filter((h) => !(LAMBDA_HOOK_EVENTS as readonly string[]).includes(h.event));
  if (asked === 'lambda' && ecsOnly.length > 0) {
    throw new UsageError(
      `${ecsOnly.map((h) => h.event).join(', ')} is not a Lambda lifecycle event (Lambda has ${LAMBDA_HOOK_EVENTS.join(', ')})`,
      'simulate',
    );
  }
  if (asked) return asked;
  if (native.length > 0) return 'ecs-native';
  return ecsOnly.length > 0 || hooks.some((h) => h.platformHint === 'ecs' || h.platformHint === 'ecs-native')
    ? 'ecs'
    : 'lambda';
}
