#!/usr/bin/env node
// The published packages' package.json fields that follow from one rule each, written in one place:
// the repository links, the `exports` map with its conditions, the fallbacks for older resolvers, and the
// `publishConfig` that drops the workspace-only `@greenlight/source` condition from what is published.
//
//   node scripts/package-manifest.mjs --check   fails, naming the field, when a package.json differs
//   node scripts/package-manifest.mjs --write   rewrites those fields
//
// The entry points are the ones each package's `exports` maps through `@greenlight/source` to `src/*.ts`;
// add a subpath there (with any value for the other conditions) and run --write.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the project lives; README links on a registry page and the package metadata point here. */
export const REPOSITORY = 'https://github.com/greenlight-hooks/greenlight';
/** A README link to a file of the repository, absolute so that it works on a registry page. */
export const repoLink = (path) => `${REPOSITORY}/blob/main/${path}`;

/** Every published package: its folder, whether it ships CommonJS beside ES modules, its keywords. */
export const PUBLISHED = [
  { dir: 'packages/contract', dual: true, keywords: ['lifecycle-hook', 'contract', 'types'] },
  { dir: 'packages/core', dual: true, keywords: ['lifecycle-hook', 'deployment', 'canary'] },
  { dir: 'packages/checks', dual: true, keywords: ['lifecycle-hook', 'health-check', 'smoke-test'] },
  { dir: 'packages/middy', dual: true, keywords: ['middy', 'middleware', 'lifecycle-hook'] },
  { dir: 'packages/local', dual: true, keywords: ['emulator', 'local', 'testing', 'simulator'] },
  { dir: 'packages/cdk', dual: true, keywords: ['cdk', 'aws-cdk', 'construct', 'iam'] },
  { dir: 'packages/cli', dual: false, keywords: ['cli', 'scaffold', 'simulate', 'emulator'] },
];

const COMMON_KEYWORDS = ['aws', 'codedeploy', 'lambda', 'ecs', 'blue-green'];
const SOURCE = '@greenlight/source';

const distFile = (src, dir, ext) => `./${dir}/${src.replace(/^\.\/src\//, '').replace(/\.ts$/, ext)}`;

/** The conditions of one entry point: source (workspace only), then import and require, types first. */
function entry(src, dual) {
  if (!dual) return { types: distFile(src, 'dist', '.d.ts'), default: distFile(src, 'dist', '.js') };
  return {
    import: { types: distFile(src, 'dist/esm', '.d.ts'), default: distFile(src, 'dist/esm', '.js') },
    require: { types: distFile(src, 'dist/cjs', '.d.ts'), default: distFile(src, 'dist/cjs', '.js') },
  };
}

/** The fields this script owns, computed for one package. */
export function expectedFields(pkg, spec) {
  const sources = Object.entries(pkg.exports ?? {}).filter(
    ([, v]) => typeof v === 'object' && v !== null && typeof v[SOURCE] === 'string',
  );
  const published = {};
  const workspace = {};
  for (const [subpath, conditions] of sources) {
    const src = conditions[SOURCE];
    published[subpath] = entry(src, spec.dual);
    workspace[subpath] = { [SOURCE]: src, ...published[subpath] };
  }
  published['./package.json'] = './package.json';
  workspace['./package.json'] = './package.json';
  const root = sources.find(([subpath]) => subpath === '.')?.[1][SOURCE];
  const dist = spec.dual ? 'dist/cjs' : 'dist';
  // `moduleResolution: node10` ignores `exports`: `main`, `types` and, for subpaths, `typesVersions`.
  const fallbacks = {
    ...(root ? { main: distFile(root, dist, '.js'), types: distFile(root, dist, '.d.ts') } : {}),
    ...(root && spec.dual ? { module: distFile(root, 'dist/esm', '.js') } : {}),
  };
  const subpaths = sources.filter(([subpath]) => subpath !== '.');
  const typesVersions =
    subpaths.length > 0
      ? {
          '*': Object.fromEntries(
            subpaths.map(([subpath, c]) => [subpath.slice(2), [distFile(c[SOURCE], dist, '.d.ts')]]),
          ),
        }
      : undefined;
  return {
    keywords: [...COMMON_KEYWORDS, ...spec.keywords],
    homepage: `${REPOSITORY}/tree/main/${spec.dir}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: spec.dir },
    ...fallbacks,
    ...(typesVersions ? { typesVersions } : {}),
    exports: workspace,
    publishConfig: { access: 'public', exports: published },
  };
}

/** The order fields are written in. */
const ORDER = [
  'name',
  'version',
  'description',
  'keywords',
  'homepage',
  'bugs',
  'repository',
  'license',
  'type',
  'sideEffects',
  'engines',
  'bin',
  'main',
  'module',
  'types',
  'typesVersions',
  'exports',
  'files',
  'publishConfig',
];

function ordered(pkg) {
  const out = {};
  for (const key of ORDER) if (key in pkg) out[key] = pkg[key];
  for (const key of Object.keys(pkg)) if (!(key in out)) out[key] = pkg[key];
  return out;
}

/** Each package whose fields differ, with the names of those fields. */
export function differences() {
  const out = [];
  for (const spec of PUBLISHED) {
    const file = join(ROOT, spec.dir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const want = expectedFields(pkg, spec);
    const fields = Object.keys(want).filter((k) => JSON.stringify(pkg[k]) !== JSON.stringify(want[k]));
    if (fields.length > 0) out.push({ dir: spec.dir, file, pkg, want, fields });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  const diffs = differences();
  for (const d of diffs) {
    if (write) {
      writeFileSync(d.file, `${JSON.stringify(ordered({ ...d.pkg, ...d.want }), null, 2)}\n`);
      console.log(`${d.dir}/package.json: wrote ${d.fields.join(', ')}`);
    } else {
      console.error(
        `${d.dir}/package.json: ${d.fields.join(', ')} differ (node scripts/package-manifest.mjs --write)`,
      );
    }
  }
  if (!write && diffs.length > 0) process.exit(1);
}
