import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** A module to bundle into a hook entry. */
export interface BundleInput {
  /** A name for the output file (letters, digits, `-`, `_`). */
  readonly name: string;
  /** Absolute path of the TypeScript or JavaScript module. */
  readonly module: string;
  /** The export holding the handler. */
  readonly exportName: string;
}

/** Bundled hooks: one CommonJS file per input, in a temp dir that {@link Bundles.dispose} removes. */
export interface Bundles {
  readonly dir: string;
  /** Output file by input name. */
  readonly files: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

const NAMESPACE = 'greenlight-hook';

/**
 * The entry esbuild bundles for each hook: it re-exports the module's handler as `handler`, keeps the process
 * alive while it runs (as Lambda's runtime does), and appends what the handler returned (or threw) as one
 * JSON line to `$GREENLIGHT_RESULTS_FILE`, so the timeline can show the hook's own reason and checks.
 */
function wrapperSource(module: string, exportName: string): string {
  // A named import: esbuild fails the bundle when an ES module (or TypeScript) has no such export, so a
  // misspelt export is reported at once (see missingExport) instead of when the hook first runs.
  return `import { ${JSON.stringify(exportName)} as inner } from ${JSON.stringify(module)};
import { appendFileSync } from 'node:fs';
function record(event, entry) {
  const file = process.env.GREENLIGHT_RESULTS_FILE;
  if (!file) return;
  const line = { deploymentId: event && event.DeploymentId, executionId: event && event.LifecycleEventHookExecutionId, at: Date.now(), ...entry };
  try { appendFileSync(file, JSON.stringify(line) + '\\n'); } catch {}
}
export async function handler(event, context) {
  if (typeof inner !== 'function') {
    throw new Error(${JSON.stringify(`${module} has no function export named ${exportName}`)});
  }
  // Lambda's runtime keeps the process alive while the handler runs; a bare node process would exit (code 13)
  // when the handler's only pending work is an unref'd timer, such as a check's wait between two requests.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    const result = await inner(event, context);
    record(event, { ok: true, result });
    return result;
  } catch (err) {
    record(event, { ok: false, error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    clearInterval(keepAlive);
  }
}
`;
}

function wrapperPlugin(inputs: readonly BundleInput[]): Plugin {
  const byName = new Map(inputs.map((i) => [i.name, i]));
  return {
    name: NAMESPACE,
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) =>
        args.kind === 'entry-point' && byName.has(args.path)
          ? { path: args.path, namespace: NAMESPACE }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const input = byName.get(args.path)!;
        return {
          contents: wrapperSource(input.module, input.exportName),
          loader: 'js',
          resolveDir: dirname(input.module),
        };
      });
    },
  };
}

/** The exports esbuild finds in a module (its own, and what it re-exports from files it bundles). */
async function exportsOf(module: string): Promise<string[] | undefined> {
  try {
    const result = await build({
      entryPoints: [module],
      bundle: true,
      packages: 'external',
      write: false,
      outdir: 'out',
      platform: 'node',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.values(result.metafile.outputs)[0]?.exports;
  } catch {
    // The bundle itself reports why the module cannot be read; the list of exports is only a hint.
    return undefined;
  }
}

/**
 * The message for esbuild's "No matching export" error of a hook's entry: which module lacks which export,
 * and the exports it has, so the user can name the right one.
 */
async function missingExport(inputs: readonly BundleInput[], text: string): Promise<string | undefined> {
  const match = /^No matching export in "(.+)" for import "(.+)"$/.exec(text);
  if (!match) return undefined;
  // esbuild names the module relative to its working directory, the process's.
  const input = inputs.find((i) => i.exportName === match[2] && i.module === resolve(match[1]!));
  if (!input) return undefined;
  const found = await exportsOf(input.module);
  const list =
    found === undefined ? '' : found.length ? ` (it exports: ${found.join(', ')})` : ' (it has no exports)';
  return `${input.module} has no export named '${input.exportName}'${list}`;
}

/**
 * Bundles hook modules with esbuild (platform node, CommonJS, everything inlined) into a fresh temp dir. With
 * `sourceCondition` (in a checkout of the repository), `@greenlight/*` resolve to their TypeScript sources
 * through the `@greenlight/source` export condition, so nothing needs building; an installed CLI leaves it
 * off, as published packages ship `dist` only. Build errors reject with esbuild's messages.
 *
 * @example
 * const bundles = await bundleHooks([{ name: 'BeforeAllowTraffic', module: '/abs/src/handler.ts', exportName: 'handler' }]);
 * // bundles.files.BeforeAllowTraffic === '/tmp/greenlight-XXXX/BeforeAllowTraffic.cjs'
 */
export async function bundleHooks(
  inputs: readonly BundleInput[],
  { sourceCondition = true }: { readonly sourceCondition?: boolean } = {},
): Promise<Bundles> {
  const dir = await mkdtemp(join(tmpdir(), 'greenlight-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: inputs.map((i) => ({ in: i.name, out: i.name })),
      outdir: dir,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      conditions: sourceCondition ? ['@greenlight/source'] : [],
      logLevel: 'silent',
      plugins: [wrapperPlugin(inputs)],
    });
  } catch (err) {
    await dispose();
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
      .errors;
    if (errors?.length) {
      const lines = await Promise.all(
        errors.map(
          async (e) =>
            (await missingExport(inputs, e.text)) ??
            (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text),
        ),
      );
      throw new Error(`could not bundle the hooks:\n  ${lines.join('\n  ')}`);
    }
    throw err;
  }
  const files = Object.fromEntries(inputs.map((i) => [i.name, join(dir, `${i.name}.cjs`)]));
  return { dir, files, dispose };
}
