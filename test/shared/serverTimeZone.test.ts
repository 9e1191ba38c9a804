// Times Gameball and Open Loyalty send without a zone are UTC, whatever the server's TZ. Node reads TZ at start, so
// the readers run in a child process whose zone is 9 hours ahead of UTC.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function readInZone(timeZone: string, script: string): unknown {
	const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
		cwd: root,
		env: { ...process.env, TZ: timeZone },
		encoding: 'utf8',
	});
	return JSON.parse(output) as unknown;
}

const script = `
const { madeAtOf } = require('./nodes/GameballTrigger/changes');
const { isoTime } = require('./nodes/LoyaltyToCrm/read');
console.log(JSON.stringify({
	offset: new Date(2026, 0, 1).getTimezoneOffset(),
	madeAt: madeAtOf('2024-11-19T17:34:42.297'),
	madeAtWithSpace: madeAtOf('2024-11-19 17:34:42'),
	madeAtWithZone: madeAtOf('2024-11-19T17:34:42.297+02:00'),
	occurredAt: isoTime('2025-04-30 23:59:59'),
}));`;

it('a time without a zone is read as UTC on a server whose zone is not UTC', () => {
	expect(readInZone('Asia/Tokyo', script)).toEqual({
		offset: -540,
		madeAt: Date.UTC(2024, 10, 19, 17, 34, 42, 297),
		madeAtWithSpace: Date.UTC(2024, 10, 19, 17, 34, 42),
		madeAtWithZone: Date.UTC(2024, 10, 19, 15, 34, 42, 297),
		occurredAt: '2025-04-30T23:59:59.000Z',
	});
});
