import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/** A module to bundle as a hook function's code. */
export interface BundleInput {
  /** A name for the output file (letters, digits, `-`, `_`). */
  readonly name: string;
  /** Absolute path of the TypeScript or JavaScript module. */
  readonly module: string;
  /** The export holding the handler (the bundle keeps the module's exports as they are). */
  readonly exportName: string;
}

/** Bundled hooks: one CommonJS file per input, in a temp dir that {@link Bundles.dispose} removes. */
export interface Bundles {
  readonly dir: string;
  /** Output file by input name. */
  readonly files: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

/** The esbuild options simulate, serve and the demo bundle with: what a deployed Node.js 20 function runs. */
const NODE_BUNDLE: BuildOptions = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' };

/**
 * The export names esbuild finds in each input, by input name: `undefined` for a CommonJS module (its exports
 * are known only when it runs; the function runtime then says what is missing) or a module esbuild cannot read
 * (the bundle itself reports why). With `packages: 'external'` it takes milliseconds, but cannot see names
 * re-exported from a package.
 */
async function exportsOf(
  inputs: readonly BundleInput[],
  options: BuildOptions,
): Promise<Map<string, readonly string[] | undefined>> {
  const found = new Map<string, readonly string[] | undefined>();
  const dir = tmpdir();
  try {
    const { metafile } = await build({
      ...NODE_BUNDLE,
      ...options,
      entryPoints: inputs.map((i) => ({ in: i.module, out: i.name })),
      absWorkingDir: dir,
      outdir: join(dir, 'greenlight-exports'),
      format: 'esm',
      write: false,
      metafile: true,
    });
    for (const output of Object.values(metafile.outputs)) {
      const entry = output.entryPoint;
      const input = inputs.find((i) => join(dir, entry ?? '') === i.module);
      if (input && entry)
        found.set(input.name, metafile.inputs[entry]?.format === 'cjs' ? undefined : output.exports);
    }
  } catch (err) {
    // The bundle itself reports why a module cannot be read; the check of export names is a head start.
    if (!(err as { errors?: unknown }).errors) throw err;
  }
  return found;
}

/**
 * For each input whose module lacks its export, the message: which module lacks which export, and the exports
 * it has, so the user can name the right one. A quick look (packages left out) finds the suspects; a full one
 * confirms them, so a name re-exported from a package is not taken for missing.
 */
async function missingExports(
  inputs: readonly BundleInput[],
  conditions: readonly string[],
): Promise<string[]> {
  const lacks = (found: Map<string, readonly string[] | undefined>) => (i: BundleInput) => {
    const names = found.get(i.name);
    return names !== undefined && !names.includes(i.exportName);
  };
  const quick = await exportsOf(inputs, { packages: 'external', conditions: [...conditions] });
  const suspects = inputs.filter(lacks(quick));
  if (suspects.length === 0) return [];
  const full = await exportsOf(suspects, { conditions: [...conditions] });
  return suspects.filter(lacks(full)).map((i) => {
    const names = full.get(i.name) ?? [];
    const list = names.length ? ` (it exports: ${names.join(', ')})` : ' (it has no exports)';
    return `${i.module} has no export named '${i.exportName}'${list}`;
  });
}

/** esbuild's errors as lines: `file:line: text`. */
function buildErrors(err: unknown): string[] | undefined {
  const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
    .errors;
  return errors?.length
    ? errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
    : undefined;
}

/**
 * Bundles hook modules with esbuild (platform node, CommonJS, everything inlined) into a fresh temp dir, one
 * file per module with the module's own exports, as a function is deployed; the function runner calls the
 * export each input names. A misspelt export name fails here, listing the module's exports, before any
 * deployment waits on a hook that cannot run. With `sourceCondition` (in a checkout of the repository),
 * `@greenlight/*` resolve to their TypeScript sources through the `@greenlight/source` export condition, so
 * nothing needs building; an installed CLI leaves it off, as published packages ship `dist` only. Build errors
 * reject with esbuild's messages.
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
  const conditions = sourceCondition ? ['@greenlight/source'] : [];
  const [bundled, missing] = await Promise.all([
    build({
      ...NODE_BUNDLE,
      entryPoints: inputs.map((i) => ({ in: i.module, out: i.name })),
      outdir: dir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      conditions,
    }).then(
      () => undefined,
      (err: unknown) => buildErrors(err) ?? Promise.reject(err),
    ),
    missingExports(inputs, conditions),
  ]).catch(async (err: unknown) => {
    await dispose();
    throw err;
  });
  const problems = [...missing, ...(bundled ?? [])];
  if (problems.length > 0) {
    await dispose();
    throw new Error(`could not bundle the hooks:\n  ${problems.join('\n  ')}`);
  }
  const files = Object.fromEntries(inputs.map((i) => [i.name, join(dir, `${i.name}.cjs`)]));
  return { dir, files, dispose };
}
