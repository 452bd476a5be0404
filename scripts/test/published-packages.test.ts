import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PACKAGES = ['contract', 'core', 'checks', 'middy', 'local', 'cli', 'cdk'];

const readme = (name: string) => readFileSync(join(ROOT, 'packages', name, 'README.md'), 'utf8');
const pkg = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
    license: string;
    exports: Record<string, unknown>;
    publishConfig?: { exports?: Record<string, unknown> };
    repository?: { url: string };
  };

/** The code blocks of a Markdown text with their language. */
const blocks = (text: string) =>
  [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '' }));

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('the published packages', () => {
  it('have the repository, homepage, bugs, keywords, exports and publishConfig the manifest script computes', () => {
    const check = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-manifest.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.each(PACKAGES)('%s publishes no workspace-only export condition', (name) => {
    const { publishConfig, repository } = pkg(name);
    expect(JSON.stringify(publishConfig?.exports ?? {})).not.toContain('@greenlight/source');
    expect(Object.keys(publishConfig?.exports ?? {})).toEqual(Object.keys(pkg(name).exports));
    expect(repository?.url).toMatch(/^git\+https:\/\/github\.com\//);
  });

  it.each(PACKAGES)('%s ships the Apache-2.0 LICENSE it declares', (name) => {
    expect(pkg(name).license).toBe('Apache-2.0');
    const license = readFileSync(join(ROOT, 'packages', name, 'LICENSE'), 'utf8');
    expect(license).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
  });

  it.each(PACKAGES)('%s README links work on a registry page (absolute URLs only)', (name) => {
    const relative = [...readme(name).matchAll(/\]\(([^)]+)\)/g)]
      .map((m) => m[1]!)
      .filter((href) => !/^(https?:|mailto:|#)/.test(href));
    expect(relative).toEqual([]);
  });

  it.each(PACKAGES)('%s README installs with npm, and installs what its examples import', (name) => {
    const text = readme(name);
    const shell = blocks(text).filter((b) => b.lang === 'sh' || b.lang === 'bash');
    const installLines = shell.flatMap((b) => b.code.split('\n')).filter((l) => /^(npm|pnpm|yarn) /.test(l));
    expect(installLines.filter((l) => !l.startsWith('npm install '))).toEqual([]);
    const installed = new Set(installLines.flatMap((l) => l.split(/\s+/).slice(2)));
    const imported = new Set(
      blocks(text)
        .filter((b) => b.lang === 'ts' || b.lang === 'typescript')
        .flatMap((b) => [...b.code.matchAll(/from '([^'.][^']*)'/g)].map((m) => packageOf(m[1]!)))
        .filter((p) => !p.startsWith('node:')),
    );
    const missing = [...imported].filter((p) => !installed.has(p));
    expect({ name, missing }).toEqual({ name, missing: [] });
  });
});
