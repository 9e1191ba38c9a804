// `npm run demo` owns e2e/.run/demo: a second demo started beside a running one is refused before it builds or wipes
// anything, and a lock left by a demo that was killed does not block the next.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { claimRunLock } = require('../../e2e/lib/runLock');

describe('claimRunLock', () => {
	let dir: string;
	let lockFile: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'run-lock-'));
		lockFile = join(dir, 'nested', 'demo.lock');
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('takes a free lock, writes its pid, and its release removes the file', () => {
		const release = claimRunLock(lockFile, 'npm run demo');
		expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
		release();
		expect(existsSync(lockFile)).toBe(false);
	});

	it('refuses while a live process holds it, naming that process, and leaves its lock alone', async () => {
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
		try {
			await new Promise((resolve) => holder.once('spawn', resolve));
			mkdirSync(join(dir, 'nested'), { recursive: true });
			writeFileSync(lockFile, String(holder.pid));
			expect(() => claimRunLock(lockFile, 'npm run demo')).toThrow(
				`npm run demo is already running from this folder (process ${holder.pid}): stop it first`,
			);
			expect(readFileSync(lockFile, 'utf8')).toBe(String(holder.pid));
		} finally {
			holder.kill();
		}
	});

	it('takes over a lock whose process is gone', async () => {
		const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
		const pid = gone.pid;
		await new Promise((resolve) => gone.once('exit', resolve));
		mkdirSync(join(dir, 'nested'), { recursive: true });
		writeFileSync(lockFile, String(pid));
		const release = claimRunLock(lockFile, 'npm run demo');
		expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
		release();
	});

	it('takes over a lock file that names no process', () => {
		mkdirSync(join(dir, 'nested'), { recursive: true });
		writeFileSync(lockFile, '');
		claimRunLock(lockFile, 'npm run demo')();
		expect(existsSync(lockFile)).toBe(false);
	});

	it('releases the lock when its process exits without releasing it (a failed build, an uncaught error)', async () => {
		const script = `require(${JSON.stringify(require.resolve('../../e2e/lib/runLock'))}).claimRunLock(${JSON.stringify(lockFile)}, 'x'); require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'taken'))}, ''); process.exit(3);`;
		const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
		const code = await new Promise((resolve) => child.once('exit', resolve));
		expect(code).toBe(3);
		expect(existsSync(join(dir, 'taken'))).toBe(true);
		expect(existsSync(lockFile)).toBe(false);
	});

	it('takes over a lock that names its own pid (left by an earlier process that had the same pid)', () => {
		mkdirSync(join(dir, 'nested'), { recursive: true });
		writeFileSync(lockFile, String(process.pid));
		const release = claimRunLock(lockFile, 'npm run demo');
		expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
		release();
		expect(existsSync(lockFile)).toBe(false);
	});

	it('leaves no exit listener behind once released', () => {
		const listeners = process.listenerCount('exit');
		claimRunLock(lockFile, 'npm run demo')();
		claimRunLock(lockFile, 'npm run demo')();
		expect(process.listenerCount('exit')).toBe(listeners);
	});

	it('a release after another run took the lock over leaves that run its lock', () => {
		const release = claimRunLock(lockFile, 'npm run demo');
		writeFileSync(lockFile, '999999999');
		release();
		expect(readFileSync(lockFile, 'utf8')).toBe('999999999');
	});
});
