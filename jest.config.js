/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|contract-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@mandate-ledger/domain$': '<rootDir>/libs/domain/src',
    '^@mandate-ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@mandate-ledger/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
    '^@mandate-ledger/projections$': '<rootDir>/libs/projections/src',
    '^@mandate-ledger/audit$': '<rootDir>/libs/audit/src',
    '^@mandate-ledger/storage$': '<rootDir>/libs/storage/src',
    '^@mandate-ledger/access$': '<rootDir>/libs/access/src',
    '^@mandate-ledger/application$': '<rootDir>/libs/application/src',
    '^@mandate-ledger/reports$': '<rootDir>/libs/reports/src',
    '^@mandate-ledger/audit/portable$': '<rootDir>/libs/audit/src/portable',
  },
  testTimeout: 30000,
};
