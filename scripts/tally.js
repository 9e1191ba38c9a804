#!/usr/bin/env node
// Prints one plain "N passed, N failed" line from jest JSON reports (and e2e reports of the same shape).
// Every file named must exist and hold tests: a missing, unreadable or empty report is a failure, and so is a suite
// that failed outside its tests (a load error, an afterAll hook). With --no-skips, a skipped test is a failure too.
// --failed-steps N counts N failed CI steps (install, build, lint, scan, demo, benchmarks), which have no report.
// --red-report FILE (repeatable): the step that wrote FILE failed; counted when FILE itself shows no failure (the
// step crashed after writing it), so that a failed step is counted once, by its report or by this.
const { readFileSync } = require('node:fs');

const args = process.argv.slice(2);
let noSkips = false;
let failedStepsText = '0';
const redReports = new Set();
const files = [];
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (let index = 0; index < args.length; index++) {
	const option = args[index];
	if (option === '--no-skips') noSkips = true;
	else if ((option === '--failed-steps' || option === '--red-report') && index + 1 >= args.length) {
		problems.push(`${option} takes a value`);
		failed += 1;
	} else if (option === '--failed-steps') failedStepsText = args[++index];
	else if (option === '--red-report') redReports.add(args[++index]);
	else files.push(option);
}
const failedSteps = Number(failedStepsText);

if (!Number.isInteger(failedSteps) || failedSteps < 0) {
	problems.push(`--failed-steps takes a count (got ${failedStepsText})`);
	failed += 1;
} else if (failedSteps > 0) {
	problems.push(`${failedSteps} CI step${failedSteps === 1 ? '' : 's'} failed (see ::: FAILED above)`);
	failed += failedSteps;
}

function readReport(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		problems.push(`${file}: no report (${error.code ?? error.message})`);
		return undefined;
	}
}

if (files.length === 0) problems.push('no report named');
for (const file of files) {
	const report = readReport(file);
	if (!report) {
		failed += 1;
		continue;
	}
	const failedBefore = failed;
	passed += report.numPassedTests ?? 0;
	failed += report.numFailedTests ?? 0;
	skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
	if (!((report.numTotalTests ?? 0) > 0)) {
		problems.push(`${file}: no tests ran`);
		failed += 1;
	}
	// A suite that failed with none of its tests failing: it did not load, or a hook threw.
	const suiteFailures = (report.testResults ?? []).filter(
		(suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed'),
	);
	for (const suite of suiteFailures) problems.push(`${file}: ${suite.name} failed outside its tests`);
	failed += suiteFailures.length;
	if (report.success === false && (report.numFailedTests ?? 0) === 0 && suiteFailures.length === 0) {
		problems.push(`${file}: jest reported failure`);
		failed += 1;
	}
	if (redReports.has(file) && failed === failedBefore) {
		problems.push(`${file}: its step failed though the report shows no failure`);
		failed += 1;
	}
}
if (noSkips && skipped > 0) {
	problems.push(`${skipped} skipped (every test must run here)`);
	failed += skipped;
}
for (const problem of problems) console.log(`::: ${problem}`);
if (skipped > 0 && !noSkips) console.log(`::: ${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
