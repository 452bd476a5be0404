// `prepack`: copies the repository's examples into templates/, so the published package has them for
// `greenlight init` and `greenlight demo`; `postpack` (--clean) removes the copy again. It is not part of
// the build: a templates/ folder inside packages/ would be picked up by the workspace's jest run. From a
// checkout, `init` and `demo` read examples/ directly (see src/init/templates.ts).
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
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
const skip = new Set(['node_modules', 'dist', 'coverage']);
let count = 0;
for (const entry of readdirSync(examples, { withFileTypes: true })) {
  if (!entry.isDirectory() || !existsSync(join(examples, entry.name, 'src', 'handler.ts'))) continue;
  cpSync(join(examples, entry.name), join(templates, entry.name), {
    recursive: true,
    filter: (src) => !src.split(/[\\/]/).some((part) => skip.has(part)),
  });
  count += 1;
}
console.log(`copy-templates: ${count} templates in ${templates}`);
