import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Every TypeScript block of the README is one of the files in test/readme/, which tsc compiles with the
// workspace (so a README example that no longer builds fails the type check).
describe('README examples', () => {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const dir = resolve(__dirname, 'readme');
  const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  it('has one compiled example file per TypeScript block, and one block per file', () => {
    const unmatched = blocks.filter((b) => ![...files.values()].includes(b));
    expect(unmatched).toEqual([]);
    expect(blocks).toHaveLength(files.size);
  });

  it('shows an example for every check', () => {
    for (const check of ['http', 'invokeTarget', 'alarms', 'targetHealth', 'ecsTaskSet', 'metric', 'poll']) {
      expect(blocks.some((b) => b.includes(`${check}(`))).toBe(true);
    }
  });
});
