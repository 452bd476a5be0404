import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A project template: one of the repository's examples. */
export interface Template {
  /** The example's folder name, e.g. `lambda-before-allow-traffic`. */
  readonly name: string;
  readonly dir: string;
  /** From the example's package.json. */
  readonly description: string;
}

/**
 * Where the templates are: the repository's `examples/` when the CLI runs from a checkout (so a change to an
 * example is what `init` scaffolds at once), else the `templates/` folder the build copies into the package.
 *
 * @example
 * templatesRoot('/repo/packages/cli'); // '/repo/examples'
 */
export function templatesRoot(packageRoot: string): string {
  const repoExamples = resolve(packageRoot, '..', '..', 'examples');
  if (inCheckout(packageRoot) && existsSync(repoExamples)) return repoExamples;
  return join(packageRoot, 'templates');
}

/**
 * Whether the CLI runs from a checkout of the greenlight repository (its workspace packages have their
 * TypeScript sources, reachable through the `@greenlight/source` export condition), rather than from an
 * installed package.
 *
 * @example
 * inCheckout('/repo/packages/cli'); // true
 */
export function inCheckout(packageRoot: string): boolean {
  return (
    existsSync(resolve(packageRoot, '..', '..', 'pnpm-workspace.yaml')) &&
    existsSync(join(packageRoot, 'src'))
  );
}

/**
 * Every template, sorted by name: each folder of {@link templatesRoot} with a package.json and src/handler.ts.
 *
 * @example
 * (await listTemplates('/repo/packages/cli')).map((t) => t.name); // ['ecs-after-allow-test-traffic', …]
 */
export async function listTemplates(packageRoot: string): Promise<Template[]> {
  const root = templatesRoot(packageRoot);
  if (!existsSync(root)) return [];
  const out: Template[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const dir = join(root, entry.name);
    if (!entry.isDirectory() || !existsSync(join(dir, 'src', 'handler.ts'))) continue;
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { description?: string };
    out.push({ name: entry.name, dir, description: pkg.description ?? '' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
