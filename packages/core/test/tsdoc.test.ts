import { join } from 'node:path';
import ts from 'typescript';

// Every export of @greenlight/core (and of its internal subpath, which other packages build on) carries TSDoc
// with an @example; every option (HookOptions, RetryOptions, EcsHookOptions member) states its @default.
const entries = ['index.ts', 'internal.ts'].map((f) => join(__dirname, '..', 'src', f));
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  // Workspace packages (the contract) resolve to their sources, as in the type-check.
  customConditions: ['@greenlight/source'],
});
const checker = program.getTypeChecker();
const exportsOf = (entry: string) =>
  checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
const exports = exportsOf(entries[0]!);
const internals = exportsOf(entries[1]!);

const tags = (symbol: ts.Symbol) => symbol.getJsDocTags(checker).map((t) => t.name);
const resolved = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

describe("core's public API documentation", () => {
  it('has exports to check', () => {
    expect(exports.length).toBeGreaterThan(20);
    expect(internals.length).toBeGreaterThan(40);
  });

  it.each(
    [...exports, ...internals.filter((i) => !exports.some((e) => e.getName() === i.getName()))].map(
      (e) => [e.getName(), e] as const,
    ),
  )('%s has TSDoc with an @example', (_, symbol) => {
    const target = resolved(symbol);
    expect(ts.displayPartsToString(target.getDocumentationComment(checker)).length).toBeGreaterThan(10);
    expect(tags(target)).toContain('example');
  });

  it.each(['HookOptions', 'RetryOptions', 'EcsHookOptions'])(
    'every member of %s states its @default',
    (name) => {
      const symbol = resolved(exports.find((e) => e.getName() === name)!);
      const members = checker.getDeclaredTypeOfSymbol(symbol).getProperties();
      expect(members.length).toBeGreaterThan(0);
      for (const member of members)
        expect([member.getName(), tags(member)]).toEqual([
          member.getName(),
          expect.arrayContaining(['default']),
        ]);
    },
  );
});
