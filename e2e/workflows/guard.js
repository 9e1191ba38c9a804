// Gameball Trigger (its own in-memory deduplication off) -> Delivery Guard: Drop Duplicate Deliveries (n8n's
// processed_data) -> Delivery Guard: Track Tier and Points Changes (static data saved after each execution) -> a
// Wait of 4 s for customers whose ID starts with "slow-" (0 s for the others), so that an execution that reached
// Track first can end, and be saved, last.
const { node, chain, workflow } = require('./common');
const { gameballTrigger, triggerWebhookIds } = require('./trigger');

const type = 'n8n-nodes-gameball.gameballDeliveryGuard';

const GUARD_WORKFLOWS = {
	guard: { id: 'gbE2eDeliveryGd1', name: 'E2E: Gameball Trigger -> Delivery Guard' },
	// The same, kept for one test: its first two executions overlap (Track has stored nothing before them).
	guardFresh: { id: 'gbE2eDeliveryGd2', name: 'E2E: Gameball Trigger -> Delivery Guard (new workflow)' },
};

function guardWorkflow(which = 'guard') {
	const nodes = [
		gameballTrigger(triggerWebhookIds[which], ['profileUpdated'], { deduplicate: false }),
		node('Drop Duplicates', type, 1, [250, 0], { operation: 'dropDuplicates', deliveryId: '={{ $json.deliveryId }}', options: {} }),
		node('Track Changes', type, 1, [500, 0], { operation: 'trackChanges', events: ['tierChanged', 'pointsChanged'], options: {} }),
		node('Hold Slow Customers', 'n8n-nodes-base.wait', 1.1, [750, 0], {
			resume: 'timeInterval',
			amount: "={{ String($json.customerId).startsWith('slow-') ? 4 : 0 }}",
			unit: 'seconds',
		}),
	];
	const { id, name } = GUARD_WORKFLOWS[which];
	return workflow(id, name, nodes, chain(...nodes.map(({ name: nodeName }) => nodeName)));
}

module.exports = { GUARD_WORKFLOWS, guardWorkflow };
