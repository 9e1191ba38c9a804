// Workflows that drive the Gameball action node against the simulator, started by an n8n Webhook node.
const { credentialRefs, node, chain, workflow, webhookStart } = require('./common');

const type = 'n8n-nodes-gameball.gameball';
const credentials = { gameballApi: credentialRefs.gameball };
const customerId = "={{ $('Webhook').first().json.body.customerId }}";

function gameball(name, x, parameters) {
	return node(name, type, 1, [x, 0], parameters, { credentials });
}

/** create customer -> send event -> cashback -> balance, for the customer id in the request body. */
function lifecycleWorkflow() {
	const nodes = [
		webhookStart('gameball-lifecycle', 'f3b1c2d4-0001-4e5f-8a9b-000000000001'),
		gameball('Create Customer', 250, {
			resource: 'customer',
			operation: 'createOrUpdate',
			customerId,
			additionalFields: { email: "={{ $('Webhook').first().json.body.email }}", displayName: 'E2E Customer' },
		}),
		gameball('Send Event', 500, {
			resource: 'event',
			operation: 'send',
			customerId,
			eventName: 'review_posted',
			metadata: '{"rating": 5}',
		}),
		gameball('Cashback', 750, {
			resource: 'transaction',
			operation: 'cashback',
			customerId,
			transactionId: "={{ 'order-' + $('Webhook').first().json.body.customerId }}",
			amount: "={{ $('Webhook').first().json.body.amount }}",
		}),
		gameball('Balance', 1000, { resource: 'customer', operation: 'getBalance', customerId }),
	];
	const names = nodes.map(({ name }) => name);
	return workflow('gbE2eLifecycle01', 'E2E: customer lifecycle', nodes, chain(...names));
}

/** Upserts every customer of the request body's `customers` array through the batch API, one result per item. */
function batchUpsertWorkflow() {
	const nodes = [
		webhookStart('gameball-batch-upsert', 'f3b1c2d4-0002-4e5f-8a9b-000000000002'),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, [250, 0], { fieldToSplitOut: 'body.customers', options: {} }),
		gameball('Upsert Customers', 500, {
			resource: 'customer',
			operation: 'createOrUpdate',
			customerId: '={{ $json.customerId }}',
			additionalFields: { email: '={{ $json.email }}' },
			batching: { mode: 'always', pollSeconds: 0.5 },
		}),
	];
	const names = nodes.map(({ name }) => name);
	return workflow('gbE2eBatchUpsrt1', 'E2E: batch upsert', nodes, chain(...names));
}

module.exports = { lifecycleWorkflow, batchUpsertWorkflow };
