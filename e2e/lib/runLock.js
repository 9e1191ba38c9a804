// One run at a time of a script that owns a fixed folder (the demo's e2e/.run/demo): a second would wipe the first's
// n8n folder and rebuild the package under it.
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function holderOf(lockFile) {
	try {
		return Number(readFileSync(lockFile, 'utf8').trim());
	} catch {
		return Number.NaN;
	}
}

/**
 * Takes `lockFile` for this process, or throws naming the live process that holds it. A lock left by a process that
 * is gone (killed, crashed) is taken over. Returns the release, which removes the file only while it is still ours.
 */
function claimRunLock(lockFile, what) {
	mkdirSync(dirname(lockFile), { recursive: true });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => {
				if (holderOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
			};
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const holder = holderOf(lockFile);
		if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
			// A plain refusal, not a fault: `showStack: false` asks the script to print only the message.
			throw Object.assign(new Error(`${what} is already running from this folder (process ${holder}): stop it first (Ctrl-C in its terminal, or kill ${holder})`), { showStack: false });
		}
		rmSync(lockFile, { force: true });
	}
	throw new Error(`could not take ${lockFile}: another ${what} took it at the same moment`);
}

module.exports = { claimRunLock };
