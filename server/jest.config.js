/** Server tests: supertest against app.callback(), on a fresh SQLite file per test file,
 *  or on TEST_DATABASE_URL (MariaDB in CI). */
const sharedDatabase = Boolean(process.env.TEST_DATABASE_URL) && !process.env.TEST_DATABASE_URL.startsWith('sqlite:');

module.exports = {
  testEnvironment: 'node',
  // SQLite: a file per test file, two at a time; MariaDB: one database, one test file at a time
  maxWorkers: sharedDatabase ? 1 : 2,
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // every answer a test receives is checked against the OpenAPI document (test/helpers/contract.ts)
  setupFilesAfterEnv: ['<rootDir>/test/helpers/contractSetup.ts'],
  // after the suite: no raw ID number used by any test in any database, dump or log (test/helpers/privacyScan.ts)
  globalSetup: '<rootDir>/test/helpers/privacySetup.ts',
  globalTeardown: '<rootDir>/test/helpers/privacyScan.ts',
  testTimeout: 60000,
};
