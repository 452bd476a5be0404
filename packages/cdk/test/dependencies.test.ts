import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A CDK app that uses the construct must not pull in the AWS SDK, Powertools or the hook's runtime: the only
// greenlight code @greenlight/cdk runs is the dependency-free contract (the lifecycle lists, the reserve
// formula, the error root and the option validator).
const PACKAGES = join(__dirname, '..', '..');
const manifest = (name: string) =>
  JSON.parse(readFileSync(join(PACKAGES, name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };

/** Every bare module a package's sources import (`node:` built-ins left out), file by file. */
function importsOf(name: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const source = readFileSync(path, 'utf8');
        const specifiers = [...source.matchAll(/^(?:import|export)[^;]*?from '([^'.][^']*)'/gms)]
          .map((m) => m[1] as string)
          .filter((s) => !s.startsWith('node:'));
        found.set(path.slice(PACKAGES.length + 1), specifiers);
      }
    }
  };
  walk(join(PACKAGES, name, 'src'));
  return found;
}

describe("@greenlight/cdk's run-time dependencies", () => {
  it('are the contract alone among greenlight packages, and the contract has none', () => {
    expect(manifest('cdk').dependencies).toEqual({ '@greenlight/contract': 'workspace:^' });
    expect(manifest('contract').dependencies).toBeUndefined();
  });

  it('import neither @greenlight/core, the AWS SDK nor Powertools, directly or through the contract', () => {
    const imported = [...importsOf('cdk'), ...importsOf('contract')].flatMap(([file, specifiers]) =>
      specifiers.map((s) => `${file}: ${s}`),
    );
    expect(imported.length).toBeGreaterThan(10); // the scan found the construct's imports
    expect(
      imported.filter((line) =>
        /: (@aws-sdk\/|@aws-lambda-powertools\/|@greenlight\/(?!contract$))/.test(line),
      ),
    ).toEqual([]);
    expect(importsOf('contract').size).toBeGreaterThan(5);
    expect([...importsOf('contract').values()].flat()).toEqual([]); // the contract imports nothing at all
  });
});
