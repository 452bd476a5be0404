import { relative, resolve } from 'node:path';
import { parse, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { chooseTemplate } from '../init/prompt.js';
import { DirectoryNotEmptyError, scaffold } from '../init/scaffold.js';
import { listTemplates, type Template } from '../init/templates.js';
import { INTERRUPTED_EXIT, type Io } from '../io.js';

const HELP = `Usage: greenlight init [dir] [--template <name>] [--name <package>] [--force]

Scaffold a new CodeDeploy hook project from one of greenlight's examples: src/handler.ts,
a test that deploys it through the local CodeDeploy, package.json, tsconfig.json, jest config, README.

Arguments:
  dir                  Where to create the project (default: the current directory)

Options:
  -t, --template <n>   The example to start from (see --list). Without it, on a terminal,
                       you are asked; otherwise it is required.
      --name <pkg>     The package name (default: the directory's name)
  -f, --force          Write into a directory that is not empty
      --list           List the templates and exit
  -h, --help           Show this help

Then: cd <dir> && npm install && npm test
`;

/** The template asked for, or chosen at the prompt; `undefined` when the prompt was interrupted. */
async function pick(
  templates: readonly Template[],
  asked: string | undefined,
  io: Io,
): Promise<Template | undefined> {
  const names = templates.map((t) => t.name).join(', ');
  if (asked !== undefined) {
    const found = templates.find((t) => t.name === asked);
    if (!found) throw new UsageError(`unknown template '${asked}'. Templates: ${names}`, 'init');
    return found;
  }
  if (io.stdin?.isTTY && io.stdout.isTTY) {
    const chosen = await chooseTemplate(templates, io.stdin, io.stdout, io.signal);
    if (chosen || io.signal?.aborted) return chosen;
  }
  throw new UsageError(`--template is required when no terminal is attached. Templates: ${names}`, 'init');
}

/** `greenlight init`: scaffolds a hook project from an example. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Scaffold a new hook project from an example',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parse('init', args, {
      template: { type: 'string', short: 't' },
      name: { type: 'string' },
      force: { type: 'boolean', short: 'f' },
      list: { type: 'boolean' },
    });
    if (positionals.length > 1)
      throw new UsageError(`expected at most one directory, got ${positionals.length}`, 'init');
    const templates = await listTemplates(io.packageRoot);
    if (templates.length === 0) throw new Error(`no templates found under ${io.packageRoot}`);
    if (values.list) {
      const width = Math.max(...templates.map((t) => t.name.length));
      for (const t of templates) io.stdout.write(`${t.name.padEnd(width)}  ${t.description}\n`);
      return 0;
    }
    const template = await pick(templates, values.template, io);
    if (!template) {
      io.stderr.write('\ngreenlight init: interrupted; nothing was written.\n');
      return INTERRUPTED_EXIT;
    }
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    let files: string[];
    try {
      files = await scaffold({
        template,
        dir,
        force: values.force === true,
        ...(values.name ? { name: values.name } : {}),
      });
    } catch (err) {
      if (err instanceof DirectoryNotEmptyError) {
        io.stderr.write(`greenlight init: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    const shown = relative(io.cwd, dir) || '.';
    io.stdout.write(`Created ${shown} from the ${template.name} template:\n`);
    for (const f of files) io.stdout.write(`  ${f}\n`);
    const cd = shown === '.' ? '' : `cd ${shown} && `;
    io.stdout.write(`\nNext: ${cd}npm install && npm test\n`);
    return 0;
  },
};
