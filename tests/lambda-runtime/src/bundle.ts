import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** Hook bundles, one CommonJS file per entry, in a temp dir that {@link Bundles.dispose} removes. */
export interface Bundles {
  /** The bundle of each entry, by its name. */
  readonly files: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

/** The directory of the harness's hook sources. */
export const HOOKS_DIR = path.resolve(__dirname, '..', 'hooks');

/**
 * Bundles hook sources as they are deployed: esbuild, CommonJS, platform node, target node20, everything
 * inlined (the SDK clients too). `@greenlight/*` resolve to this checkout's TypeScript sources through the
 * `@greenlight/source` condition, so what runs is the code under test, with nothing built first.
 *
 * @example
 * const bundles = await bundleHooks({ codedeploy: 'codedeploy-hook.ts' });
 */
export async function bundleHooks(entries: Readonly<Record<string, string>>): Promise<Bundles> {
  const dir = await mkdtemp(path.join(tmpdir(), 'greenlight-lambda-runtime-'));
  try {
    await build({
      entryPoints: Object.entries(entries).map(([out, file]) => ({ in: path.join(HOOKS_DIR, file), out })),
      outdir: dir,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      conditions: ['@greenlight/source'],
      logLevel: 'silent',
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const files = Object.fromEntries(Object.keys(entries).map((name) => [name, path.join(dir, `${name}.cjs`)]));
  return { files, dispose: () => rm(dir, { recursive: true, force: true }) };
}
