import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// Each SDK client module is replaced by a factory that records when it is loaded: importing a check (or the
// barrel) must load none, and running a check must load only its own.
const loaded: string[] = [];
jest.mock('@aws-sdk/client-lambda', () => {
  loaded.push('lambda');
  return jest.requireActual('@aws-sdk/client-lambda');
});
jest.mock('@aws-sdk/client-cloudwatch', () => {
  loaded.push('cloudwatch');
  return jest.requireActual('@aws-sdk/client-cloudwatch');
});
jest.mock('@aws-sdk/client-elastic-load-balancing-v2', () => {
  loaded.push('elbv2');
  return jest.requireActual('@aws-sdk/client-elastic-load-balancing-v2');
});
jest.mock('@aws-sdk/client-ecs', () => {
  loaded.push('ecs');
  return jest.requireActual('@aws-sdk/client-ecs');
});

const SRC = resolve(__dirname, '../src');

/**
 * The `@aws-sdk/*` specifiers a source file imports statically (`import … from`; `import type`, erased at
 * build, loads nothing) and dynamically (`import()`).
 */
function sdkImports(file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(file, 'utf8');
  return {
    static: [...text.matchAll(/^\s*(?:import|export)\b(?!\s+type\b)[^;]*?from\s+'(@aws-sdk\/[^']+)'/gms)].map(
      (m) => m[1]!,
    ),
    dynamic: [...text.matchAll(/import\('(@aws-sdk\/[^']+)'\)/g)].map((m) => m[1]!),
  };
}

/** A source file and every relative module it imports, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g))
    closure(join(dirname(file), `${m[1]}.ts`), seen);
  return seen;
}

describe('lazy SDK clients', () => {
  const subpaths: Record<string, string[]> = {
    'http.ts': [],
    'poll.ts': [],
    'invoke-target.ts': ['@aws-sdk/client-lambda'],
    'alarms.ts': ['@aws-sdk/client-cloudwatch'],
    'metric.ts': ['@aws-sdk/client-cloudwatch'],
    'target-health.ts': ['@aws-sdk/client-elastic-load-balancing-v2'],
    'ecs-task-set.ts': ['@aws-sdk/client-ecs'],
  };

  it('has no static SDK import anywhere, and each subpath reaches only its own client', () => {
    for (const file of readdirSync(SRC, { recursive: true }) as string[]) {
      if (file.endsWith('.ts')) expect([file, sdkImports(join(SRC, file)).static]).toEqual([file, []]);
    }
    for (const [entry, clients] of Object.entries(subpaths)) {
      const reached = new Set<string>();
      for (const file of closure(join(SRC, entry))) for (const s of sdkImports(file).dynamic) reached.add(s);
      expect([entry, [...reached]]).toEqual([entry, clients]);
    }
  });

  it('loads no SDK client when the barrel and every subpath are imported', async () => {
    await import('@greenlight/checks');
    for (const sub of [
      'http',
      'poll',
      'invoke-target',
      'alarms',
      'metric',
      'target-health',
      'ecs-task-set',
    ]) {
      await import(`@greenlight/checks/${sub}`);
    }
    expect(loaded).toEqual([]);
  });

  it('loads only its own client when a check runs', async () => {
    const { invokeTarget } = await import('@greenlight/checks/invoke-target');
    const client = { send: async () => ({ StatusCode: 200, Payload: new TextEncoder().encode('{}') }) };
    const target = {
      kind: 'lambda',
      targetId: 'f',
      lifecycleEvents: [],
      functionName: 'f',
      targetVersion: '1',
    };
    const context = {
      deploymentId: 'd',
      lifecycleEventHookExecutionId: 'e',
      checkName: 'c',
      target: async () => target,
    };
    await invokeTarget({ client })({ ...context, signal: new AbortController().signal } as never);
    expect(loaded).toEqual(['lambda']);
  });

  it('declares no side effects, and a subpath export per check', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8'));
    expect(pkg.sideEffects).toBe(false);
    for (const entry of Object.keys(subpaths)) {
      expect(pkg.exports[`./${entry.replace('.ts', '')}`]['@greenlight/source']).toBe(`./src/${entry}`);
    }
  });
});
