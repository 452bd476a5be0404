import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Every TypeScript block in the README and docs/ is a file under docs/snippets/ or docs/test/ (named on its
// first line), so the type-check compiles it and jest runs the ones under docs/test/. This test keeps the two identical.
const root = resolve(__dirname, '..', '..');
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('code snippets in the docs', () => {
  const all = docs.flatMap((doc) =>
    blocks(readFileSync(join(root, doc), 'utf8')).map((code) => [doc, code] as const),
  );

  it('finds snippets to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map(([doc, code]) => [doc, code.split('\n')[0], code]))(
    '%s: %s is the file it names',
    (_, first, code) => {
      const named = /^\/\/ (docs\/(?:snippets|test)\/[\w./-]+\.ts)$/.exec(first ?? '');
      expect(named?.[1]).toBeDefined();
      expect(readFileSync(join(root, named![1]!), 'utf8')).toBe(code);
    },
  );
});
