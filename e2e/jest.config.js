// Jest for the e2e scenarios: run by e2e/run.js against a live n8n, one file at a time.
/** @type {import('jest').Config} */
module.exports = {
	rootDir: __dirname,
	testEnvironment: 'node',
	roots: ['<rootDir>/scenarios'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 300000,
	maxWorkers: 1,
};
