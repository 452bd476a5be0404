import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const SRC = fileURLToPath(new URL('.', import.meta.url));

/** A bundle on disk and its size. */
export interface Bundle {
  readonly file: string;
  readonly minifiedBytes: number;
  readonly gzippedBytes: number;
}

/**
 * Bundles an entry as a Lambda deployment would: esbuild, minified, Node 20, CommonJS, every dependency
 * inlined. greenlight's packages resolve to their TypeScript sources (`@greenlight/source`), so no build is
 * needed (`minify: false` keeps names, for profiles). Sizes: the minified file, and the same gzipped at level 9.
 */
export async function bundle(entry: string, outfile: string, minify = true): Promise<Bundle> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    conditions: ['@greenlight/source'],
    legalComments: 'none',
    logLevel: 'error',
  });
  const bytes = readFileSync(outfile);
  return { file: outfile, minifiedBytes: bytes.length, gzippedBytes: gzipSync(bytes, { level: 9 }).length };
}

/** Bundles a helper script (the driver, the load generator) as an ES module. */
export async function bundleTool(name: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${name}.mjs`);
  await build({
    entryPoints: [join(SRC, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}
