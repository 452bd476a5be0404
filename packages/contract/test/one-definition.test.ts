import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CODEDEPLOY_SERVICE_EVENTS,
  ECS_HOOK_EVENTS,
  ECS_HOOK_STATUSES,
  ECS_LIFECYCLE_ORDER,
  ECS_LIFECYCLE_STAGES,
  ECS_NATIVE_LIFECYCLE_ORDER,
  ECS_NATIVE_SERVICE_STEPS,
  LAMBDA_HOOK_EVENTS,
  LAMBDA_LIFECYCLE_ORDER,
} from '@greenlight/contract';
import ts from 'typescript';

// One source for every rule: the lists of lifecycle stage and hook-event names are defined in
// packages/contract and imported everywhere else. This test reads every source file of the repository (not
// the tests, which assert values) and fails when one restates a list: an array or a union type holding three
// or more names of one list (or all of a shorter list), or a string that names three or more of them in a row
// (help text, an error message).
const ROOT = join(__dirname, '..', '..', '..');
const LISTS: Readonly<Record<string, readonly string[]>> = {
  LAMBDA_HOOK_EVENTS,
  ECS_HOOK_EVENTS,
  LAMBDA_LIFECYCLE_ORDER,
  ECS_LIFECYCLE_ORDER,
  CODEDEPLOY_SERVICE_EVENTS,
  ECS_LIFECYCLE_STAGES,
  ECS_NATIVE_LIFECYCLE_ORDER,
  ECS_NATIVE_SERVICE_STEPS,
  ECS_HOOK_STATUSES,
};
const NAMES = new Set(Object.values(LISTS).flat());
const SKIP = new Set([
  'node_modules',
  'dist',
  'cdk.out',
  '.bench-out',
  'test',
  'fixtures',
  'reference',
  '.git',
]);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** The repository's source files outside packages/contract. */
function sources(dir = ROOT, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && relative(ROOT, path) !== join('packages', 'contract')) sources(path, out);
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Which list a run of names restates, if any: three or more of its names, or all of a list of two. */
function restated(run: readonly string[]): string | undefined {
  const matches = Object.entries(LISTS)
    .map(([name, list]) => ({ name, size: new Set(run.filter((n) => list.includes(n))).size, list }))
    .filter(({ size, list }) => size >= Math.min(3, list.length))
    .sort((a, b) => b.size - a.size || a.list.length - b.list.length);
  return matches[0]?.name;
}

/** Runs of stage or event names in `text`, bare (`A, B or C`) or quoted. */
function proseRuns(text: string): string[][] {
  const word = `(?:${[...NAMES].join('|')})`;
  const run = new RegExp(`${word}(?:(?:\\s*[,|/]\\s*(?:or\\s+|and\\s+)?|\\s+(?:or|and)\\s+)${word})+`, 'g');
  return [...text.matchAll(run)].map((m) => m[0].split(/[^A-Za-z_]+/).filter((w) => NAMES.has(w)));
}

/** Every restated list in one file: `line: what`. */
function restatements(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, run: readonly string[]) => {
    const list = restated(run);
    if (!list) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${relative(ROOT, file)}:${line + 1}: ${list} (${run.join(', ')})`);
  };
  const literal = (node: ts.Node) =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) {
      report(
        node,
        node.elements.map(literal).filter((n): n is string => n !== undefined && NAMES.has(n)),
      );
    } else if (ts.isUnionTypeNode(node)) {
      const names = node.types.map((t) => (ts.isLiteralTypeNode(t) ? literal(t.literal) : undefined));
      report(
        node,
        names.filter((n): n is string => n !== undefined && NAMES.has(n)),
      );
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateLiteralToken(node)
    ) {
      for (const run of proseRuns(node.text)) report(node, run);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one definition of each lifecycle list', () => {
  const files = sources();

  it('reads the sources of every package, example, the infra, the bench and the scripts', () => {
    const where = new Set(files.map((f) => relative(ROOT, f).split('/').slice(0, 2).join('/')));
    for (const dir of [
      'packages/core',
      'packages/local',
      'packages/cli',
      'packages/cdk',
      'infra/lib',
      'bench/src',
    ])
      expect(where).toContain(dir);
    expect([...where].some((w) => w.startsWith('packages/contract'))).toBe(false);
  });

  it('finds a restated list, written any of the ways a copy is written', () => {
    const copies = [
      "export const HOOKS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic'] as const;",
      "type Lambda = 'BeforeAllowTraffic' | 'AfterAllowTraffic';",
      'const help = `the stages RECONCILE_SERVICE, PRE_SCALE_UP,\n POST_SCALE_UP and TEST_TRAFFIC_SHIFT`;',
      "throw new Error('Expected `event` to be BeforeInstall, AfterInstall or AfterAllowTestTraffic');",
      "const ok = new Set(['SUCCEEDED', 'FAILED', 'IN_PROGRESS']);",
    ];
    for (const copy of copies) expect([copy, restatements('copy.ts', copy).length]).toEqual([copy, 1]);
    const uses = [
      "hook.attachToEcsService(service, ['PRE_SCALE_UP', 'POST_SCALE_UP']);",
      'const hooks = { BeforeInstall: a, AfterInstall: b, AfterAllowTestTraffic: c };',
      '// BeforeInstall, AfterInstall and AfterAllowTestTraffic run first (a comment)',
      "if (stage === 'PRE_SCALE_UP' || stage === 'POST_SCALE_UP' || stage === 'TEST_TRAFFIC_SHIFT') {}",
    ];
    for (const use of uses) expect([use, restatements('use.ts', use)]).toEqual([use, []]);
  });

  it('finds none outside packages/contract', () => {
    const found = files.flatMap((file) => restatements(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
