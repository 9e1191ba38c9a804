// n8n 2.x in queue mode on the machine's PostgreSQL and Redis: one main instance, webhook processors and
// workers, all sharing one user folder (for the community package) and one encryption key.
const { createWriteStream } = require('node:fs');
const { join } = require('node:path');
const { freePort } = require('../lib/ports');
const { startProcess, stopProcess, runCommand } = require('../lib/processes');
const { n8nEnv } = require('../lib/n8n');
const { postgresEnv, webhookCount } = require('../lib/postgres');

function queueEnv(version, { userFolder, database, prefix }, port, brokerPort) {
	return {
		...n8nEnv(version, { userFolder, port, brokerPort }),
		...postgresEnv(database),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: '6379',
		QUEUE_BULL_PREFIX: prefix,
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
	};
}

const n8nBin = (version) => join(version.dir, 'node_modules', 'n8n', 'bin', 'n8n');

async function cli(version, settings, args) {
	const env = queueEnv(version, settings, await freePort(), await freePort());
	return runCommand(version.nodeBin(version.dir), [n8nBin(version), ...args], { cwd: settings.userFolder, env });
}

async function until(check, what, timeoutMs, child) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child && child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}`);
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function healthy(port) {
	try {
		return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
	} catch {
		return false;
	}
}

/**
 * A webhook processor answers /healthz before it serves webhooks (it answered 404 for a few seconds here), so
 * it is ready when a trigger URL answers a forged delivery with the trigger's own 401.
 */
async function servesWebhooks(port, probePath) {
	if (!(await healthy(port))) return false;
	try {
		const response = await fetch(`http://127.0.0.1:${port}${probePath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-gb-signature': 'readiness-probe' },
			body: '{"event":"customer.profile.updated"}',
		});
		return response.status === 401;
	} catch {
		return false;
	}
}

/** One n8n process of the cluster (`start`, `webhook` or `worker`), logging to <userFolder>/<name>.log. */
async function startRole(version, settings, name, args) {
	const port = await freePort();
	const env = queueEnv(version, settings, port, await freePort());
	const child = startProcess(version.nodeBin(version.dir), [n8nBin(version), ...args], {
		cwd: settings.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logFile = join(settings.userFolder, `${name}.log`);
	const log = createWriteStream(logFile, { flags: 'a' });
	let recent = '';
	child.stdout.on('data', (chunk) => (recent = (recent + String(chunk)).slice(-2000)));
	child.stdout.pipe(log);
	child.stderr.pipe(log);
	const role = { name, port, child, logFile, said: (text) => recent.includes(text) };
	try {
		if (args[0] === 'worker') await until(async () => role.said('worker is now ready'), `${name} ready`, 120000, child);
		else if (settings.probePath && args[0] === 'webhook') await until(() => servesWebhooks(port, settings.probePath), `${name} serving webhooks`, 180000, child);
		else await until(() => healthy(port), `${name} /healthz`, 180000, child);
	} catch (error) {
		await stopProcess(child);
		throw new Error(`${error.message}; see ${logFile}`);
	}
	return role;
}

/**
 * Imports and publishes the workflows, starts main (waits until it registered every production webhook),
 * then the webhook processors and workers.
 */
async function startCluster(version, settings, { credentialsFile, workflowsDir, workflowIds, webhooks, workers, concurrency, log }) {
	await cli(version, settings, ['import:credentials', `--input=${credentialsFile}`]);
	await cli(version, settings, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
	for (const id of workflowIds) await cli(version, settings, version.activateArgs(id));
	log('starting main');
	const main = await startRole(version, settings, 'main', ['start']);
	const registered = () => webhookCount(settings.database);
	await until(async () => registered() >= workflowIds.length, 'production webhooks registered', 120000, main.child);
	const cluster = { main, webhooks: [], workers: [] };
	for (let index = 0; index < webhooks; index++) {
		log(`starting webhook processor ${index + 1}`);
		cluster.webhooks.push(await startRole(version, settings, `webhook-${index + 1}`, ['webhook']));
	}
	for (let index = 0; index < workers; index++) {
		log(`starting worker ${index + 1}`);
		cluster.workers.push(await startRole(version, settings, `worker-${index + 1}`, ['worker', `--concurrency=${concurrency}`]));
	}
	/** Restarts webhook processor `index` on the same port; `hard` kills it without a graceful shutdown. */
	cluster.restartWebhook = async (index, { hard = false } = {}) => {
		const old = cluster.webhooks[index];
		if (hard) {
			try {
				process.kill(-old.child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
		await stopProcess(old.child);
		const env = queueEnv(version, settings, old.port, await freePort());
		const child = startProcess(version.nodeBin(version.dir), [n8nBin(version), 'webhook'], {
			cwd: settings.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stream = createWriteStream(old.logFile, { flags: 'a' });
		child.stdout.pipe(stream);
		child.stderr.pipe(stream);
		await until(() => servesWebhooks(old.port, settings.probePath), `${old.name} serving webhooks after restart`, 180000, child);
		cluster.webhooks[index] = { ...old, child };
	};
	cluster.stop = async () => {
		await Promise.all([...cluster.webhooks, ...cluster.workers].map((role) => stopProcess(role.child)));
		await stopProcess(main.child);
	};
	return cluster;
}

module.exports = { startCluster, queueEnv };
