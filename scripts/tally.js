#!/usr/bin/env node
// Prints one plain "N passed, N failed" line from jest JSON reports (and e2e reports of the same shape).
const { readFileSync, existsSync } = require('node:fs');

let passed = 0;
let failed = 0;
let broken = 0;
for (const file of process.argv.slice(2)) {
	if (!existsSync(file)) continue;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	passed += report.numPassedTests ?? 0;
	failed += report.numFailedTests ?? 0;
	// A suite that fails to load has no tests to count: count it as a failure.
	broken += (report.testResults ?? []).filter((suite) => suite.status === 'failed' && suite.assertionResults?.length === 0).length;
}
failed += broken;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
