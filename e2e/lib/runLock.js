// One run at a time of a script that owns a fixed folder (the demo's e2e/.run/demo): a second would wipe the first's
// n8n folder and rebuild the package under it.
const { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function holderOf(file) {
	try {
		return Number(readFileSync(file, 'utf8').trim());
	} catch {
		return Number.NaN;
	}
}

/** Creates `lockFile` holding this pid, whole at once (a hard link of a file already written), or says it exists. */
function tryCreate(lockFile) {
	const written = `${lockFile}.${process.pid}`;
	writeFileSync(written, String(process.pid));
	try {
		linkSync(written, lockFile);
		return true;
	} catch (error) {
		if (error.code === 'EEXIST') return false;
		// A file system without hard links (exFAT, some shared folders): an exclusive create, written just after.
		if (!['ENOTSUP', 'EPERM', 'ENOSYS'].includes(error.code)) throw error;
		return createExclusive(lockFile);
	} finally {
		rmSync(written, { force: true });
	}
}

function createExclusive(lockFile) {
	try {
		writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
		return true;
	} catch (error) {
		if (error.code === 'EEXIST') return false;
		throw error;
	}
}

/**
 * Takes `lockFile` for this process, or throws naming the live process that holds it. A lock left by a process that
 * is gone (killed, crashed) is taken over: moved aside first, so that of two runs taking it over only one wins.
 * Returns the release, which removes the file only while it is still ours; it also runs when the process exits.
 */
function claimRunLock(lockFile, what) {
	mkdirSync(dirname(lockFile), { recursive: true });
	for (let attempt = 0; attempt < 3; attempt++) {
		if (tryCreate(lockFile)) {
			const release = () => {
				process.removeListener('exit', release);
				if (holderOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
			};
			process.once('exit', release);
			return release;
		}
		const holder = holderOf(lockFile);
		// Its own pid in a lock is a lock left by an earlier process that had the same pid.
		if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
			// A plain refusal, not a fault: `showStack: false` asks the script to print only the message.
			throw Object.assign(new Error(`${what} is already running from this folder (process ${holder}): stop it first (Ctrl-C in its terminal, or kill ${holder})`), { showStack: false });
		}
		const aside = `${lockFile}.stale.${process.pid}`;
		try {
			renameSync(lockFile, aside);
		} catch (error) {
			if (error.code !== 'ENOENT') throw error;
			continue; // another run moved it first
		}
		// What was moved may be a live lock that replaced the stale one meanwhile: put it back (best effort), and look
		// again. Of three runs at once over a stale lock, two can still go on, when one creates the lock before then.
		const moved = holderOf(aside);
		rmSync(aside, { force: true });
		if (moved !== holder && Number.isInteger(moved) && isRunning(moved)) {
			try {
				writeFileSync(lockFile, String(moved), { flag: 'wx' });
			} catch (error) {
				if (error.code !== 'EEXIST') throw error;
			}
		}
	}
	throw new Error(`could not take ${lockFile}: other runs kept taking it at the same moment`);
}

module.exports = { claimRunLock };
