// Shared jest settings: TypeScript through swc (type checking is `tsc -b`'s job),
// workspace imports mapped to each lib's source so tests need no build.
'use strict';
const path = require('node:path');

const root = __dirname;

/** Returns a jest project config for unit (`*.spec.ts`) or integration (`*.int.spec.ts`) tests. */
function project(kind) {
  const isInt = kind === 'integration';
  return {
    displayName: kind,
    rootDir: root,
    roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/infra'],
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    moduleNameMapper: {
      '^@log-sentinel/([a-z0-9-]+)$':
        '<rootDir>/libs/$1/src/index.ts',
    },
    testMatch: isInt ? ['**/*.int.spec.ts'] : ['**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(isInt ? [] : ['\\.int\\.spec\\.ts$'])],
    // Both set-ups compile the libs' WebAssembly kernels (infra/scripts/wasm-build.js).
    ...(isInt
      ? {
          globalSetup: path.join(root, 'infra/testing/global-setup.js'),
          globalTeardown: path.join(root, 'infra/testing/global-teardown.js'),
        }
      : { globalSetup: path.join(root, 'infra/testing/wasm-setup.js') }),
  };
}

module.exports = { project };
