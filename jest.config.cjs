// One jest run for the whole workspace.
// Decision (written down in docs/contributing.md): jest runs in CommonJS mode. @swc/jest compiles our
// TypeScript (ESM syntax) and ESM-only dependencies such as @middy/* to CommonJS on the fly, so no
// --experimental-vm-modules flag is needed. Workspace packages resolve to their TypeScript sources
// through the "@greenlight/source" export condition, so tests never need a build first.
const { existsSync } = require('node:fs');
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/scripts/jest.setup.cjs'],
  testEnvironmentOptions: {
    customExportConditions: ['@greenlight/source', 'node', 'node-addons'],
  },
  roots: ['packages', 'examples', 'infra', 'docs', 'scripts']
    .filter((dir) => existsSync(path.join(__dirname, dir)))
    .map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdk.out/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.*/cdk.out/'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?@middy)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  maxWorkers: process.env.CI ? 2 : '50%',
  testTimeout: 30_000,
};
