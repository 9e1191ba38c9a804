// A throwaway n8n user folder with this package installed as a community package, credentials and workflows imported.
const { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { n8nCli } = require('./n8n');

const repoRoot = join(__dirname, '..', '..');

/**
 * Installs the built package the way n8n's own community-package install leaves it:
 * .n8n/nodes/package.json lists it, node_modules/ holds its shipped files, and the peer
 * n8n-workflow resolves to the copy that this n8n ships.
 */
function installPackage(userFolder, version) {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((file) => !existsSync(join(repoRoot, file)));
	if (missing.length) throw new Error(`Not built: ${missing.join(', ')}. Run npm run build first.`);
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', manifest.name);
	mkdirSync(target, { recursive: true });
	for (const entry of ['package.json', ...manifest.files]) {
		if (!existsSync(join(repoRoot, entry))) throw new Error(`${entry} is missing: build the package first (npm run build)`);
		cpSync(join(repoRoot, entry), join(target, entry), { recursive: true });
	}
	symlinkSync(join(version.dir, 'node_modules', 'n8n-workflow'), join(nodesDir, 'node_modules', 'n8n-workflow'), 'dir');
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }, null, 2),
	);
	return manifest;
}

/** Imports credentials and workflows, then activates (1.x) or publishes (2.x) those listed in activeIds. */
async function importAndActivate(version, settings, { credentials, workflows, activeIds }) {
	const credentialsFile = join(settings.userFolder, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	await n8nCli(version, settings, ['import:credentials', `--input=${credentialsFile}`]);
	const workflowsDir = join(settings.userFolder, 'workflows');
	mkdirSync(workflowsDir, { recursive: true });
	for (const workflow of workflows) {
		writeFileSync(join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	}
	await n8nCli(version, settings, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
	for (const id of activeIds) {
		await n8nCli(version, settings, version.activateArgs(id));
	}
}

module.exports = { installPackage, importAndActivate, repoRoot };
