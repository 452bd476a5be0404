import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Every TypeScript block in a package's, an example's or infra's README is code that compiles: either it names
// its file on its first line (`// path/to/file.ts`, identical to the block), or it is a verbatim excerpt
// (white space aside) of a TypeScript file of that package, which the type-check compiles and its tests run.
const root = resolve(__dirname, '..', '..');
const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const readmes = [
  ...listDir(join(root, 'packages')).map((p) => `packages/${p}/README.md`),
  ...listDir(join(root, 'examples')).map((p) => `examples/${p}/README.md`),
  'infra/README.md',
  'packages/local/src/services/README.md',
].filter((f) => existsSync(join(root, f)));

function tsFiles(dir: string): string[] {
  return listDir(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name === 'cdk.out') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}
const squash = (code: string) => code.replace(/\s+/g, ' ').trim();
const packageOf = (readme: string) =>
  readme.startsWith('packages/local/src/') ? 'packages/local' : dirname(readme);

const blocks = readmes.flatMap((readme) =>
  [...readFileSync(join(root, readme), 'utf8').matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map(
    (m, i) => [readme, i + 1, m[1] ?? ''] as const,
  ),
);

describe('README code blocks', () => {
  it('finds blocks in the READMEs', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it.each(blocks)('%s, block %i, is compiled code', (readme, _, code) => {
    const named = /^\/\/ ([\w./@-]+\.ts)$/.exec(code.split('\n')[0] ?? '');
    if (named) {
      expect(readFileSync(join(root, named[1]!), 'utf8')).toBe(code);
      return;
    }
    const files = tsFiles(join(root, packageOf(readme)));
    const found = files.find((f) => squash(readFileSync(f, 'utf8')).includes(squash(code)));
    expect({ readme, excerptOf: found && relative(root, found) }).toEqual({
      readme,
      excerptOf: expect.any(String),
    });
  });
});
