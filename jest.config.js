// CommonJS jest with swc: the ESM-only packages below are compiled too, so chalk,
// @inquirer/* and p-limit load without --experimental-vm-modules.
const esmOnly = [
  'chalk',
  '@inquirer',
  'p-limit',
  'yocto-queue',
  'env-paths',
  'ansi-regex',
  'strip-ansi',
  // @inquirer/core's text wrapping
  'fast-wrap-ansi',
  'fast-string-width',
  'fast-string-truncated-width',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
