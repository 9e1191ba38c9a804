// One running n8n with this package, credentials pointing at the simulator, and the given workflows active.
const { mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { ensureN8n } = require('./install');
const { getVersion } = require('./versions');
const { freePort } = require('./ports');
const { startN8n } = require('./n8n');
const { installPackage, importAndActivate, repoRoot } = require('./userFolder');
const { credentialRefs } = require('../workflows/common');

/** The credentials every workflow uses: Gameball on the simulator, and the run's own PostgreSQL database. */
function credentialsFor({ simulatorUrl, apiKey, secretKey, pgDatabase }) {
	const credentials = [
		{
			...credentialRefs.gameball,
			type: 'gameballApi',
			data: { apiKey, secretKey, apiVersion: 'v4.0', baseUrl: simulatorUrl },
		},
	];
	if (pgDatabase) {
		credentials.push({
			...credentialRefs.postgres,
			type: 'postgres',
			data: { host: '127.0.0.1', port: 5432, database: pgDatabase, user: 'postgres', password: '', ssl: 'disable' },
		});
	}
	return credentials;
}

/**
 * Installs (or reuses) n8n <versionName>, prepares a fresh user folder under e2e/.run/, imports the workflows,
 * activates those in `activeWorkflows` (default: all), starts n8n and waits until it is ready with every
 * production webhook of the active workflows registered. `credentials` default to credentialsFor(settings).
 */
async function startInstance({ versionName, workflows, activeWorkflows = workflows, credentials, log = console.log, runName, port, ...credentialSettings }) {
	const version = await ensureN8n(getVersion(versionName), log);
	const userFolder = join(repoRoot, 'e2e', '.run', runName ?? `n8n-${version.version}-${Date.now()}`);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	const settings = { userFolder, port: port ?? (await freePort()), brokerPort: await freePort() };
	installPackage(userFolder, version);
	log(`n8n ${version.version}: importing ${workflows.length} workflows into ${userFolder}`);
	await importAndActivate(version, settings, {
		credentials: credentials ?? credentialsFor(credentialSettings),
		workflows,
		activeIds: activeWorkflows.map(({ id }) => id),
	});
	log(`n8n ${version.version}: starting on port ${settings.port}`);
	const expectedWebhooks = activeWorkflows.flatMap(({ nodes }) => nodes.filter((node) => node.webhookId)).length;
	const server = await startN8n(version, settings, { expectedWebhooks });
	return {
		...server,
		version,
		userFolder,
		database: join(userFolder, '.n8n', 'database.sqlite'),
		/** The production URL of a trigger node's webhook: /webhook/<webhookId>/<path>. */
		triggerUrl: (webhookId, path = 'webhook') => `${server.url}/webhook/${webhookId}/${path}`,
		webhookUrl: (path) => `${server.url}/webhook/${path}`,
	};
}

module.exports = { startInstance, credentialsFor };
