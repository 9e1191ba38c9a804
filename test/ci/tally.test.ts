// scripts/tally.js: the one "N passed, N failed" line CI prints. It must never read "0 failed" for a failed run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'tally-'));
function report(name: string, fields: Record<string, unknown>): string {
	const file = join(folder, name);
	writeFileSync(file, JSON.stringify({ success: true, numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 3, testResults: [], ...fields }));
	return file;
}
function tally(...args: string[]) {
	const run = spawnSync(process.execPath, [join(__dirname, '../../scripts/tally.js'), ...args], { encoding: 'utf8' });
	return { status: run.status, lastLine: run.stdout.trim().split('\n').at(-1), stdout: run.stdout };
}

it('adds the reports up', () => {
	expect(tally(report('a.json', {}), report('b.json', { numPassedTests: 2, numTotalTests: 2 }))).toMatchObject({ status: 0, lastLine: '5 passed, 0 failed' });
});

it('counts failed CI steps, which have no report, as failures', () => {
	const run = tally('--no-skips', '--failed-steps', '2', report('c.json', {}));
	expect(run).toMatchObject({ status: 1, lastLine: '3 passed, 2 failed' });
	expect(run.stdout).toContain('::: 2 CI steps failed');
	expect(tally('--failed-steps', '0', report('d.json', {}))).toMatchObject({ status: 0, lastLine: '3 passed, 0 failed' });
	expect(tally('--failed-steps', 'x', report('e.json', {}))).toMatchObject({ status: 1, lastLine: '3 passed, 1 failed' });
	// An option left without its value is a failure, not silently nothing.
	for (const option of ['--failed-steps', '--red-report']) {
		const run = tally(report('k.json', {}), option);
		expect(run).toMatchObject({ status: 1, lastLine: '3 passed, 1 failed' });
		expect(run.stdout).toContain(`${option} takes a value`);
	}
});

it('counts a step that failed with a report once: by the report, or, when the report shows no failure, by --red-report', () => {
	const failing = report('h.json', { success: false, numPassedTests: 2, numFailedTests: 1 });
	expect(tally('--red-report', failing, failing)).toMatchObject({ status: 1, lastLine: '2 passed, 1 failed' });
	// Jest wrote a clean report, then the process crashed (a leaked handle): the step's failure still shows.
	const clean = report('i.json', {});
	const run = tally('--red-report', clean, clean, report('j.json', {}));
	expect(run).toMatchObject({ status: 1, lastLine: '6 passed, 1 failed' });
	expect(run.stdout).toContain('its step failed though the report shows no failure');
});

it('counts a missing report, a skipped test under --no-skips and a suite failed outside its tests', () => {
	expect(tally(join(folder, 'missing.json'))).toMatchObject({ status: 1, lastLine: '0 passed, 1 failed' });
	expect(tally('--no-skips', report('f.json', { numPendingTests: 1, numTotalTests: 4 }))).toMatchObject({ status: 1, lastLine: '3 passed, 1 failed' });
	const broken = report('g.json', { success: false, testResults: [{ name: 'x.test.ts', status: 'failed', assertionResults: [] }] });
	expect(tally(broken)).toMatchObject({ status: 1, lastLine: '3 passed, 1 failed' });
});
