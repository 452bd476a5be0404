import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// Every export of @greenlight/cdk carries TSDoc with an @example, and every optional member of its option
// interfaces states its @default (TypeDoc only checks that a comment exists).
// Only the package's own sources and the contract's (which it re-exports) are read (noResolve):
// documentation needs no aws-cdk-lib types, and skipping them keeps this test fast.
const src = join(__dirname, '..', 'src');
const contract = join(__dirname, '..', '..', 'contract', 'src');
const entry = join(src, 'index.ts');
const program = ts.createProgram(
  [src, contract].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  ),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noResolve: true,
    customConditions: ['@greenlight/source'],
  },
);
const checker = program.getTypeChecker();
const source = program.getSourceFile(entry);
if (!source) throw new Error(`cannot read ${entry}`);
const moduleSymbol = checker.getSymbolAtLocation(source);
if (!moduleSymbol) throw new Error(`${entry} is not a module`);
const exports = checker.getExportsOfModule(moduleSymbol);

const tags = (symbol: ts.Symbol) => symbol.getJsDocTags(checker).map((t) => t.name);
const resolved = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
const OPTIONS = [
  'HookFunctionProps',
  'HookUses',
  'HookBundlingOptions',
  'AttachToEcsOptions',
  'AttachToEcsServiceOptions',
];

describe("@greenlight/cdk's public API documentation", () => {
  it('has exports to check', () => {
    expect(exports.length).toBeGreaterThan(40);
  });

  it.each(exports.map((e) => [e.getName(), e] as const))('%s has TSDoc with an @example', (_, symbol) => {
    const target = resolved(symbol);
    expect(ts.displayPartsToString(target.getDocumentationComment(checker)).length).toBeGreaterThan(10);
    expect(tags(target)).toContain('example');
  });

  it.each(OPTIONS)('every optional member of %s states its @default', (name) => {
    const symbol = exports.find((e) => e.getName() === name);
    if (!symbol) throw new Error(`${name} is not exported`);
    const members = checker.getDeclaredTypeOfSymbol(resolved(symbol)).getProperties();
    const optional = members.filter((m) => (m.flags & ts.SymbolFlags.Optional) !== 0);
    expect(optional.length).toBeGreaterThan(0);
    for (const member of optional) {
      expect([member.getName(), tags(member)]).toEqual([
        member.getName(),
        expect.arrayContaining(['default']),
      ]);
    }
  });
});
