// `prepack`: copies the repository's examples into templates/, so the published package has them for
// `greenlight init` and `greenlight demo`; `postpack` (--clean) removes the copy again. It is not part of
// the build: a templates/ folder inside packages/ would be picked up by the workspace's jest run. From a
// checkout, `init` and `demo` read examples/ directly (see src/init/templates.ts). Each template's
// package.json gets the published ranges of greenlight's packages (`^0.1.0`, never `workspace:*`), by the
// same rule `init` applies (src/init/project.ts, from the build: pack after `pnpm build`).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const examples = join(packageRoot, '..', '..', 'examples');
const templates = join(packageRoot, 'templates');
if (process.argv.includes('--clean')) {
  rmSync(templates, { recursive: true, force: true });
  process.exit(0);
}
if (!existsSync(examples)) {
  console.log(`copy-templates: no ${examples}; keeping templates/ as it is`);
  process.exit(0);
}
rmSync(templates, { recursive: true, force: true });
const project = join(packageRoot, 'dist', 'init', 'project.js');
if (!existsSync(project)) {
  console.error(`copy-templates: ${project} is missing; run the build first`);
  process.exit(1);
}
const { published } = await import(project);
const skip = new Set(['node_modules', 'dist', 'coverage']);
let count = 0;
for (const entry of readdirSync(examples, { withFileTypes: true })) {
  if (!entry.isDirectory() || !existsSync(join(examples, entry.name, 'src', 'handler.ts'))) continue;
  cpSync(join(examples, entry.name), join(templates, entry.name), {
    recursive: true,
    filter: (src) => !src.split(/[\\/]/).some((part) => skip.has(part)),
  });
  const manifest = join(templates, entry.name, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) if (pkg[field]) pkg[field] = published(pkg[field]);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
  count += 1;
}
console.log(`copy-templates: ${count} templates in ${templates}`);
