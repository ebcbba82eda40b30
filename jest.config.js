/**
 * One jest run for the whole suite: unit and property tests beside the code in src/, e2e tests in
 * test/ against a real PostgreSQL (DATABASE_URL or an embedded server started by globalSetup).
 * Type checking is done once by `npm run typecheck` (part of `npm test`), so ts-jest only transpiles.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|e2e-spec|medium-spec)\\.ts$',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
