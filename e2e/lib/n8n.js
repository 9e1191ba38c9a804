// Runs n8n's CLI and server for one version with one throwaway user folder.
const { createWriteStream } = require('node:fs');
const { join } = require('node:path');
const { startProcess, stopProcess, runCommand } = require('./processes');
const { registeredWebhookCount } = require('./database');
const { webhookCount } = require('./postgres');

/** The environment every n8n command of a run shares; `env` adds to it (e.g. a PostgreSQL database). */
function n8nEnv(version, { userFolder, port, brokerPort, env = {} }) {
	return {
		...process.env,
		...version.runEnv,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: 'n8n-nodes-gameball-e2e-only-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		DB_SQLITE_POOL_SIZE: '2',
		...env,
	};
}

function n8nCommand(version) {
	return [version.nodeBin(version.dir), join(version.dir, 'node_modules', 'n8n', 'bin', 'n8n')];
}

/** One n8n CLI command (import, publish, ...) run to completion. */
function n8nCli(version, settings, args) {
	const [node, n8n] = n8nCommand(version);
	return runCommand(node, [n8n, ...args], { cwd: settings.userFolder, env: n8nEnv(version, settings) });
}

/**
 * /healthz answers 200 before migrations and workflow activation are done, so readiness is both:
 * /healthz is 200 and n8n has printed its "Editor is now accessible" line (printed after activation).
 */
async function waitForReady(url, child, isAnnounced, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it was ready`);
		if (!isAnnounced()) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			continue;
		}
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer ${url}/healthz within ${timeoutMs / 1000} s (on a slow machine, set N8N_START_TIMEOUT_SECONDS)`);
}

/** Production webhooks n8n has registered, in its SQLite database or the PostgreSQL one its `env` names. */
async function registeredWebhooks(version, settings) {
	const postgres = settings.env?.DB_TYPE === 'postgresdb' ? settings.env.DB_POSTGRESDB_DATABASE : undefined;
	if (postgres) return webhookCount(postgres);
	return registeredWebhookCount(version, join(settings.userFolder, '.n8n', 'database.sqlite'));
}

/** n8n 2.x registers production webhooks in the background after it says it is ready: wait for all of them. */
async function waitForWebhooks(version, settings, expected, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while ((await registeredWebhooks(version, settings)) < expected) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode}`);
		if (Date.now() > deadline) throw new Error(`n8n did not register ${expected} production webhooks in time`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** How long n8n may take to start: N8N_START_TIMEOUT_SECONDS, for a slow machine; 180 s by default. */
const START_TIMEOUT_MS = (Number(process.env.N8N_START_TIMEOUT_SECONDS) > 0 ? Number(process.env.N8N_START_TIMEOUT_SECONDS) : 180) * 1000;

/**
 * Starts `n8n start`, logs to <userFolder>/n8n.log, resolves once it is ready and has registered
 * `expectedWebhooks` production webhooks.
 */
async function startN8n(version, settings, { timeoutMs = START_TIMEOUT_MS, expectedWebhooks = 0 } = {}) {
	const [node, n8n] = n8nCommand(version);
	const logFile = join(settings.userFolder, 'n8n.log');
	const log = createWriteStream(logFile);
	const child = startProcess(node, [n8n, 'start'], {
		cwd: settings.userFolder,
		env: n8nEnv(version, settings),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let announced = false;
	let recent = '';
	const problems = [];
	const watch = (chunk) => {
		recent = (recent + String(chunk)).slice(-400);
		announced ||= recent.includes('Editor is now accessible');
		for (const line of String(chunk).split('\n')) {
			if (/Cannot find module|Unrecognized node type|Error loading package/.test(line) && problems.length < 5) problems.push(line.trim());
		}
	};
	child.stdout.on('data', watch);
	child.stderr.on('data', watch);
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	const url = `http://127.0.0.1:${settings.port}`;
	try {
		await waitForReady(url, child, () => announced, timeoutMs);
		await waitForWebhooks(version, settings, expectedWebhooks, child, Math.max(60000, timeoutMs / 3));
	} catch (error) {
		await stopProcess(child);
		throw new Error(`${error.message}; see ${logFile}${problems.length ? `\n${problems.join('\n')}` : ''}`);
	}
	return { url, logFile, pid: child.pid, stop: () => stopProcess(child) };
}

module.exports = { n8nCli, startN8n, n8nEnv };
