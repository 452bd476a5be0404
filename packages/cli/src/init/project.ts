import { VERSION } from '../version.js';

/**
 * Versions of the tools a scaffolded project gets, equal to the workspace's own (a test keeps them equal
 * to the root package.json).
 */
export const TOOL_VERSIONS: Readonly<Record<string, string>> = {
  '@swc/core': '1.16.22',
  '@swc/jest': '0.2.39',
  '@types/jest': '30.0.0',
  '@types/node': '20.19.43',
  jest: '30.5.2',
  typescript: '5.9.3',
};

type Deps = Record<string, string>;

/** An example's package.json, as far as scaffolding reads it. */
export interface ExamplePackage {
  readonly name?: string;
  readonly description?: string;
  readonly dependencies?: Deps;
  readonly devDependencies?: Deps;
  readonly scripts?: Readonly<Record<string, string>>;
}

/**
 * Turns `workspace:*` and `workspace:^` into the published range of greenlight's packages (`^0.1.0`).
 *
 * @example
 * published({ '@greenlight/core': 'workspace:*', jest: '30.5.2' }); // { '@greenlight/core': '^0.1.0', jest: '30.5.2' }
 */
export function published(deps: Readonly<Deps> | undefined): Deps {
  const out: Deps = {};
  for (const [name, range] of Object.entries(deps ?? {})) {
    out[name] = range.startsWith('workspace:') ? `^${VERSION}` : range;
  }
  return out;
}

const sorted = (deps: Deps): Deps =>
  Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The scaffolded project's package.json: the example's dependencies with published versions, plus jest,
 * swc and TypeScript to run its tests, and this CLI (with a `simulate` script when one is given).
 *
 * @example
 * projectPackageJson('orders-hook', { dependencies: { '@greenlight/core': 'workspace:*' } }).dependencies;
 * // { '@greenlight/core': '^0.1.0' }
 */
export function projectPackageJson(name: string, example: ExamplePackage, simulate?: string) {
  const devDependencies = sorted({
    ...TOOL_VERSIONS,
    greenlight: `^${VERSION}`,
    ...published(example.devDependencies),
  });
  return {
    name,
    version: '0.1.0',
    private: true,
    description: example.description ?? 'A CodeDeploy lifecycle hook built with greenlight.',
    type: 'module',
    engines: { node: '>=20' },
    scripts: { test: 'jest', typecheck: 'tsc --noEmit', ...(simulate ? { simulate } : {}) },
    dependencies: sorted(published(example.dependencies)),
    devDependencies,
  };
}

/** The scaffolded project's tsconfig.json: strict, NodeNext, type-checks src and test. */
export const PROJECT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
  },
  include: ['src', 'test'],
};

/**
 * The scaffolded project's jest.config.cjs: TypeScript through @swc/jest, in CommonJS mode. greenlight's
 * packages ship CommonJS builds, which jest loads as they are; ESM-only packages (`@middy/core`) are compiled.
 */
export const PROJECT_JEST_CONFIG = `// jest runs the TypeScript tests through @swc/jest, compiled to CommonJS, so no
// --experimental-vm-modules flag is needed. @greenlight/* ship CommonJS builds that jest loads as they are;
// ESM-only packages such as @middy/core are compiled (transformIgnorePatterns lets them through).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/jest.setup.cjs'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\\\.(t|j|mj)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\\\.pnpm/)?@middy)'],
  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30000,
};
`;

/**
 * The scaffolded project's jest.setup.cjs: quiet test output, as in greenlight's own repository. The AWS
 * SDK's Node-version notice is silenced, and Powertools logs are off unless LOG_LEVEL or
 * POWERTOOLS_LOG_LEVEL asks for them.
 */
export const PROJECT_JEST_SETUP = `// Quiet test runs: no AWS SDK notice about the Node version, and no Powertools JSON log lines unless
// you ask for them (POWERTOOLS_LOG_LEVEL=INFO npm test).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!process.env.POWERTOOLS_LOG_LEVEL && !process.env.AWS_LAMBDA_LOG_LEVEL && !process.env.LOG_LEVEL) {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
}
`;

/** The scaffolded project's .gitignore. */
export const PROJECT_GITIGNORE = 'node_modules/\ndist/\ncoverage/\n';
