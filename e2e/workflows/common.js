// Small builders shared by the e2e workflows. IDs are fixed so that webhook URLs stay the same from run to run.

const credentialRefs = {
	gameball: { id: 'gbSimulatorApi01', name: 'Gameball (simulator)' },
	postgres: { id: 'crmPostgres00001', name: 'CRM store (PostgreSQL)' },
};

function node(name, type, typeVersion, position, parameters, extra = {}) {
	return { id: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-node`, name, type, typeVersion, position, parameters, ...extra };
}

/** Connects nodes in a line: [a, b, c] -> a.main[0] -> b, b.main[0] -> c. */
function chain(...names) {
	const connections = {};
	for (let index = 0; index < names.length - 1; index++) {
		connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow(id, name, nodes, connections) {
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** An n8n Webhook node answering with every item of the last node: a way to run a workflow and read its result. */
function webhookStart(path, webhookId) {
	return node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		[0, 0],
		{ httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		{ webhookId },
	);
}

module.exports = { credentialRefs, node, chain, workflow, webhookStart };
