// The queue-mode workflows. Each ends in n8n's own Postgres node, which writes one row per item that reached
// it into `reached` (no unique constraint, so a duplicate that got through shows as a second row).
const { credentialRefs, node, workflow, chain } = require('../workflows/common');
const { gameballTrigger } = require('../workflows/trigger');

const webhookIds = {
	unguarded: 'a1e0c0de-0101-4b1a-9e11-000000000101',
	drop: 'a1e0c0de-0102-4b1a-9e11-000000000102',
	track: 'a1e0c0de-0103-4b1a-9e11-000000000103',
};

const reachedSchema = `CREATE TABLE reached (
  id bigserial PRIMARY KEY, workflow text NOT NULL, event text, delivery_id text, customer_id text,
  item jsonb NOT NULL, execution_id text, at timestamptz NOT NULL DEFAULT now())`;

function recordReached(tag) {
	return node(
		'Record',
		'n8n-nodes-base.postgres',
		2.5,
		[600, 0],
		{
			operation: 'executeQuery',
			query: 'INSERT INTO reached (workflow, event, delivery_id, customer_id, item, execution_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
			options: {
				queryReplacement: `={{ ['${tag}', $json.event, $json.deliveryId, $json.customerId ?? null, JSON.stringify($json), $execution.id] }}`,
			},
		},
		{ credentials: { postgres: credentialRefs.postgres } },
	);
}

function trigger(webhookId, options) {
	const base = gameballTrigger(webhookId, []);
	return { ...base, parameters: { ...base.parameters, options } };
}

function guard(name, x, parameters) {
	return node(name, 'n8n-nodes-gameball.gameballDeliveryGuard', 1, [x, 0], parameters);
}

/** The known breakage: the trigger alone, its deduplication on (default), straight to the store. */
function unguardedWorkflow() {
	const nodes = [trigger(webhookIds.unguarded, {}), recordReached('unguarded')];
	return workflow('gbQueueUnguard01', 'Queue: Gameball Trigger alone', nodes, chain('Gameball Trigger', 'Record'));
}

/** The fix: the trigger (its own per-process deduplication off, so every copy runs) -> Drop Duplicate Deliveries. */
function dropWorkflow() {
	const nodes = [
		trigger(webhookIds.drop, { deduplicate: false }),
		guard('Drop Duplicate Deliveries', 300, { operation: 'dropDuplicates', options: { historySize: 50000 } }),
		recordReached('drop'),
	];
	return workflow('gbQueueGuarded01', 'Queue: Gameball Trigger -> Delivery Guard', nodes, chain('Gameball Trigger', 'Drop Duplicate Deliveries', 'Record'));
}

/** Derived events: trigger (profile updates only) -> Drop Duplicate Deliveries -> Track Tier and Points Changes. */
function trackWorkflow() {
	const base = gameballTrigger(webhookIds.track, ['profileUpdated']);
	const nodes = [
		{ ...base, parameters: { ...base.parameters, options: { deduplicate: false } } },
		guard('Drop Duplicate Deliveries', 300, { operation: 'dropDuplicates' }),
		{ ...guard('Track Tier and Points Changes', 450, { operation: 'trackChanges' }), position: [450, 0] },
		recordReached('track'),
	];
	return workflow(
		'gbQueueTracked01',
		'Queue: Gameball Trigger -> Drop -> Track',
		nodes,
		chain('Gameball Trigger', 'Drop Duplicate Deliveries', 'Track Tier and Points Changes', 'Record'),
	);
}

module.exports = { webhookIds, reachedSchema, unguardedWorkflow, dropWorkflow, trackWorkflow };
