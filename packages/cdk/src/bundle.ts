import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { AssetHashType, type ILocalBundling } from 'aws-cdk-lib';
import { Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

/**
 * How a hook's handler module is bundled. esbuild runs in-process (its JavaScript API): no Docker, and
 * no package-manager binary on the PATH (CDK's `NodejsFunction` shells out to `pnpm exec esbuild` when
 * the lock file is pnpm's, which fails wherever pnpm is not on the PATH).
 *
 * @example
 * const bundling: HookBundlingOptions = { conditions: ['@greenlight/source'], minify: false };
 */
export interface HookBundlingOptions {
  /**
   * Minify the bundle (identifiers, whitespace, syntax). Class and function names are kept, so typed
   * errors keep their names in logs.
   * @default true
   */
  readonly minify?: boolean;
  /**
   * Emit an external source map (`index.js.map`, without sources content) and run the function with
   * `NODE_OPTIONS=--enable-source-maps`, so stack traces point at the TypeScript lines.
   * @default true
   */
  readonly sourceMap?: boolean;
  /**
   * Modules left out of the bundle because the runtime provides them.
   * @default ['@aws-sdk/*'] (the AWS SDK v3 that ships with the nodejs22.x runtime)
   */
  readonly externalModules?: readonly string[];
  /**
   * Extra package.json `exports` conditions to resolve with, e.g. `['@greenlight/source']` to bundle
   * workspace packages from their TypeScript sources without building them first.
   * @default [] (esbuild's defaults only)
   */
  readonly conditions?: readonly string[];
  /**
   * Identifiers replaced by constant expressions at build time (esbuild `define`).
   * @default {}
   */
  readonly define?: Readonly<Record<string, string>>;
  /**
   * The directory source-map paths are relative to. Keep it stable (the repository root) so the asset
   * hash does not depend on where the repository is checked out.
   * @default the directory of the entry file
   */
  readonly projectRoot?: string;
}

/** The bundle file the Lambda handler setting points at. */
const OUT_FILE = 'index.js';

/**
 * Bundles a hook's handler module into `outputDir/index.js` (plus `index.js.map` with source maps):
 * one CommonJS file for Node.js 22, built in-process with esbuild. {@link bundleHookCode} uses it at
 * synth time; call it directly to prepare code for other tools (e.g. a SAM `CodeUri`).
 *
 * @param entry path to the handler module (TypeScript or JavaScript)
 * @param outputDir the directory to write to (created when missing)
 * @param options bundling options
 * @returns the names of the files written into `outputDir`
 * @throws esbuild's error, listing every build error, when the entry does not build
 * @example
 * buildHookBundle('/repo/examples/lambda-before-allow-traffic/src/handler.ts', '/tmp/pre-traffic', {
 *   projectRoot: '/repo',
 * }); // ['index.js.map', 'index.js']
 */
export function buildHookBundle(
  entry: string,
  outputDir: string,
  options: HookBundlingOptions = {},
): string[] {
  const entryPath = resolve(entry);
  const settings = bundleSettings(options);
  const projectRoot = resolve(options.projectRoot ?? dirname(entryPath));
  const result = buildSync({
    entryPoints: [entryPath],
    // Paths in the source map are relative to this (virtual) location, never to the output directory.
    outfile: join(projectRoot, OUT_FILE),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: settings.minify,
    keepNames: true,
    sourcemap: settings.sourceMap,
    sourcesContent: false,
    legalComments: 'none',
    external: settings.external,
    conditions: settings.conditions,
    define: settings.define,
    logLevel: 'silent',
  });
  mkdirSync(outputDir, { recursive: true });
  return result.outputFiles.map((file) => {
    const name = basename(file.path);
    writeFileSync(join(outputDir, name), file.contents);
    return name;
  });
}

/**
 * The Lambda code of a hook: `entry` bundled by {@link buildHookBundle} at synth time. The asset hash is
 * the hash of the bundle, so an unchanged hook is not redeployed.
 *
 * @param entry path to the handler module (TypeScript or JavaScript)
 * @param options bundling options
 * @example
 * const code = bundleHookCode('/repo/examples/lambda-before-allow-traffic/src/handler.ts', {
 *   projectRoot: '/repo',
 * });
 */
export function bundleHookCode(entry: string, options: HookBundlingOptions = {}): Code {
  const entryPath = resolve(entry);
  const projectRoot = resolve(options.projectRoot ?? dirname(entryPath));
  const local: ILocalBundling = {
    tryBundle(outputDir: string): boolean {
      buildHookBundle(entryPath, outputDir, options);
      return true;
    },
  };
  return Code.fromAsset(dirname(entryPath), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local,
      // Never used: local bundling either succeeds or throws. It is here because CDK requires an image.
      image: Runtime.NODEJS_22_X.bundlingImage,
      // Part of CDK's in-process asset cache key: two entries in one folder must not share a bundle.
      command: [
        'greenlight-esbuild',
        relative(projectRoot, entryPath),
        JSON.stringify(bundleSettings(options)),
      ],
    },
  });
}

/**
 * The Lambda `handler` setting for a bundle made by {@link buildHookBundle}.
 *
 * @param exportName the handler's export name
 * @example
 * hookHandlerSetting('handler'); // 'index.handler'
 */
export function hookHandlerSetting(exportName: string): string {
  return `${OUT_FILE.replace(/\.js$/, '')}.${exportName}`;
}

function bundleSettings(options: HookBundlingOptions) {
  return {
    minify: options.minify ?? true,
    sourceMap: options.sourceMap ?? true,
    external: [...(options.externalModules ?? ['@aws-sdk/*'])],
    conditions: [...(options.conditions ?? [])],
    define: { ...(options.define ?? {}) },
  };
}
