// Every child process the harness starts, so that all of them (and only them) are stopped by id on exit or signal.
const { spawn } = require('node:child_process');

const running = new Set();

/** Starts a command in its own process group, so stopping it also stops what it spawned (n8n's task runner). */
function startProcess(command, args, options = {}) {
	const child = spawn(command, args, { ...options, detached: true });
	running.add(child);
	child.on('exit', () => running.delete(child));
	return child;
}

function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/** Stops one started process: SIGTERM to its group, SIGKILL after the grace period. */
async function stopProcess(child, graceMs = 10000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	signalGroup(child, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	running.delete(child);
}

async function stopAll() {
	await Promise.all([...running].map((child) => stopProcess(child)));
}

/** Runs a command to completion; rejects with its output when it fails. */
function runCommand(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = startProcess(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code === 0) resolve(output);
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
		});
	});
}

let handlersInstalled = false;
/** On Ctrl-C or SIGTERM: run the cleanup, stop what is still running, exit. On any exit: SIGKILL leftovers. */
function stopEverythingOnExit(cleanup = async () => {}) {
	if (handlersInstalled) return;
	handlersInstalled = true;
	let stopping = false;
	const onSignal = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping everything that was started...`);
		try {
			await cleanup();
		} finally {
			await stopAll();
			process.exit({ SIGINT: 130, SIGHUP: 129 }[signal] ?? 143);
		}
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	// A closed terminal: n8n and the simulator run detached, so they would otherwise outlive it.
	process.on('SIGHUP', onSignal);
	process.on('exit', () => running.forEach((child) => signalGroup(child, 'SIGKILL')));
}

module.exports = { startProcess, stopProcess, stopAll, runCommand, stopEverythingOnExit };
