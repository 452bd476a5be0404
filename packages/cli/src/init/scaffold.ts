import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { eventFromPath, platformFromPath } from '../simulate/hooks.js';
import {
  type ExamplePackage,
  PROJECT_GITIGNORE,
  PROJECT_JEST_CONFIG,
  PROJECT_JEST_SETUP,
  PROJECT_TSCONFIG,
  projectPackageJson,
} from './project.js';
import type { Template } from './templates.js';

/**
 * Thrown when the target directory has files and overwriting was not asked for.
 *
 * @example
 * catch (err) { if (err instanceof DirectoryNotEmptyError) console.error(err.message); }
 */
export class DirectoryNotEmptyError extends Error {
  override readonly name = 'DirectoryNotEmptyError';
}

/** Options of {@link scaffold}. */
export interface ScaffoldOptions {
  readonly template: Template;
  /** Absolute path of the project directory (created when missing). */
  readonly dir: string;
  /** The package name. @default the directory's name */
  readonly name?: string;
  /** Write into a non-empty directory, overwriting files of the same name. @default false */
  readonly force?: boolean;
}

/** What the example folders hold that a project should not copy. */
const SKIP = new Set([
  'node_modules',
  'dist',
  'coverage',
  'package.json',
  'tsconfig.json',
  'jest.config.cjs',
  'jest.setup.cjs',
]);

/**
 * Whether a path inside a template is copied: not inside a `node_modules`, `dist` or `coverage` folder *of
 * the template*. The template itself may well live under a `node_modules` (an installed CLI's templates
 * always do), so only the path relative to the template counts.
 *
 * @example
 * copied('/p/node_modules/greenlight/templates/x', '/p/node_modules/greenlight/templates/x/src/handler.ts'); // true
 */
export function copied(templateDir: string, path: string): boolean {
  return !relative(templateDir, path)
    .split(/[\\/]/)
    .some((part) => part === 'node_modules' || part === 'dist' || part === 'coverage');
}

/**
 * The `simulate` script of a project from a template, when the template's name tells the lifecycle event
 * (e.g. `greenlight simulate --hook AfterInstall=src/handler.ts --platform ecs`).
 *
 * @example
 * simulateScript('middy-powertools'); // undefined: the name tells no lifecycle event
 */
export function simulateScript(templateName: string): string | undefined {
  const event = eventFromPath(templateName);
  if (!event) return undefined;
  const platform = platformFromPath(templateName);
  return `greenlight simulate --hook ${event}=src/handler.ts${platform ? ` --platform ${platform}` : ''}`;
}

/**
 * A valid npm package name from a directory name.
 *
 * @example
 * packageName('/work/Orders Hook'); // 'orders-hook'
 */
export function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'greenlight-hook';
}

/**
 * Writes a new hook project from a template: its src/ and test/ and README as they are, a package.json with
 * published versions, a tsconfig.json, a jest.config.cjs and a .gitignore. Returns the files written.
 * Refuses (with {@link DirectoryNotEmptyError}) a directory that has files, unless `force`.
 *
 * @example
 * await scaffold({ template, dir: '/work/orders-hook' }); // ['package.json', 'tsconfig.json', …]
 */
export async function scaffold(options: ScaffoldOptions): Promise<string[]> {
  const { template, dir } = options;
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !options.force) {
      throw new DirectoryNotEmptyError(
        `${dir} is not empty (${entries.length} entries); pass --force to write into it anyway`,
      );
    }
  }
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const entry of await readdir(template.dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    await cp(join(template.dir, entry.name), join(dir, entry.name), {
      recursive: true,
      force: true,
      filter: (src) => copied(template.dir, src),
    });
    written.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  const example = JSON.parse(await readFile(join(template.dir, 'package.json'), 'utf8')) as ExamplePackage;
  // The example's own `simulate` script (with the flags it needs to run green), else one from its name.
  const simulate = example.scripts?.simulate ?? simulateScript(template.name);
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(projectPackageJson(options.name ?? packageName(dir), example, simulate), null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(PROJECT_TSCONFIG, null, 2)}\n`,
    'jest.config.cjs': PROJECT_JEST_CONFIG,
    'jest.setup.cjs': PROJECT_JEST_SETUP,
    '.gitignore': PROJECT_GITIGNORE,
  };
  for (const [file, content] of Object.entries(files)) {
    await writeFile(join(dir, file), content);
    written.push(file);
  }
  const missing = ['src/handler.ts', 'README.md'].filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0)
    throw new Error(`the ${template.name} template in ${template.dir} lacks ${missing.join(', ')}`);
  const readme = join(dir, 'README.md');
  if (existsSync(readme)) {
    const preface = `> Scaffolded with \`greenlight init --template ${template.name}\`. Run \`npm install && npm test\`${
      simulate ? '; `npm run simulate` runs a whole deployment of the hook on the local CodeDeploy' : ''
    }.\n\n`;
    await writeFile(readme, preface + (await readFile(readme, 'utf8')));
  }
  return written.sort();
}
