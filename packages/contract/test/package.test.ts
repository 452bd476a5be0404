import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  sideEffects?: boolean;
};

/** Bundles `code` (which imports the contract) as a Lambda bundle would be made, and returns the output. */
async function bundled(code: string): Promise<string> {
  const out = await build({
    stdin: { contents: code, resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'node',
    conditions: ['@greenlight/source'],
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

describe('@greenlight/contract as a package', () => {
  it('has no dependency and no side effect, so a CDK app, the emulator and a hook may all import it', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.sideEffects).toBe(false);
  });

  it('tree-shakes: a hook that needs the reserve formula carries neither the lists nor the error root', async () => {
    const text = await bundled(
      "import { defaultReserve } from '@greenlight/contract'; console.log(defaultReserve(60_000));",
    );
    expect(text).toContain('3e4'); // the formula is there (30_000, minified)
    for (const absent of [
      'RECONCILE_SERVICE',
      'BeforeInstall',
      'GreenlightError',
      'REDACTED',
      'Unknown option',
    ])
      expect([absent, text.includes(absent)]).toEqual([absent, false]);
  });

  it('tree-shakes a list away from a module that uses only its neighbour', async () => {
    const text = await bundled(
      "import { LAMBDA_HOOK_EVENTS } from '@greenlight/contract'; console.log(LAMBDA_HOOK_EVENTS);",
    );
    expect(text).toContain('BeforeAllowTraffic');
    expect(text).not.toContain('BeforeInstall');
  });
});

describe("the contract's README", () => {
  it('shows the snippet the type-check compiles, as it is', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```ts\n(\/\/ (docs\/snippets\/[\w.-]+\.ts)\n[\s\S]*?)```/.exec(readme);
    expect(block?.[2]).toBe('docs/snippets/contract-readme.ts');
    expect(block?.[1]).toBe(readFileSync(join(ROOT, '..', '..', block?.[2] ?? ''), 'utf8'));
  });
});

describe("the contract's documentation", () => {
  const entry = join(ROOT, 'src', 'index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const exports = source ? checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol) : [];
  const resolved = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

  it('has exports to check', () => {
    expect(exports.length).toBeGreaterThan(40);
  });

  it.each(exports.map((e) => [e.getName(), e] as const))('%s has TSDoc with an @example', (_, symbol) => {
    const target = resolved(symbol);
    expect(ts.displayPartsToString(target.getDocumentationComment(checker)).length).toBeGreaterThan(10);
    expect(target.getJsDocTags(checker).map((t) => t.name)).toContain('example');
  });
});
