// The workflows the demo imports: the package's examples/ when present (else the e2e workflows), and which of
// them can be active against the simulator alone.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { repoRoot } = require('./userFolder');
const trigger = require('../workflows/trigger');
const actions = require('../workflows/actions');

const GAMEBALL_TRIGGER = 'n8n-nodes-gameball.gameballTrigger';

/** Credential references of a workflow, as [type, {id, name}]. */
function credentialRefs(workflow) {
	return workflow.nodes.flatMap((node) => Object.entries(node.credentials ?? {}));
}

/** A workflow can run against the simulator alone when Gameball is the only service it has credentials for. */
function runsOnSimulator(workflow) {
	return credentialRefs(workflow).every(([type]) => type === 'gameballApi');
}

function exampleWorkflows() {
	const folder = join(repoRoot, 'examples');
	if (!existsSync(folder)) return [];
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file, index) => {
			const workflow = JSON.parse(readFileSync(join(folder, file), 'utf8'));
			return { ...workflow, id: workflow.id ?? `gbDemoExample${String(index + 1).padStart(3, '0')}`, active: false, file };
		});
}

function e2eWorkflows() {
	return [trigger.allEventsWorkflow(), trigger.tierChangedWorkflow(), actions.lifecycleWorkflow()];
}

/**
 * { all, active, gameballCredentials, triggers }: every workflow to import, the ones to activate, the gameballApi
 * credential references to create, and the Gameball Trigger webhooks of the active ones (for the simulator).
 */
function demoWorkflows() {
	const examples = exampleWorkflows();
	const all = examples.length ? examples : e2eWorkflows();
	const active = all.filter(runsOnSimulator);
	const gameballCredentials = new Map();
	for (const [type, ref] of all.flatMap(credentialRefs)) if (type === 'gameballApi') gameballCredentials.set(ref.id, ref);
	const triggers = active.flatMap((workflow) =>
		workflow.nodes.filter((node) => node.type === GAMEBALL_TRIGGER).map((node) => ({ workflow: workflow.name, webhookId: node.webhookId })),
	);
	return { fromExamples: examples.length > 0, all, active, gameballCredentials: [...gameballCredentials.values()], triggers };
}

module.exports = { demoWorkflows };
