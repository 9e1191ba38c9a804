// Gameball Trigger (its own in-memory deduplication off) -> Delivery Guard: Drop Duplicate Deliveries (n8n's
// processed_data) -> Delivery Guard: Track Tier and Points Changes (static data saved after each execution) -> a
// Wait of 4 s for customers whose ID starts with "slow-" (0 s for the others), so that an execution that reached
// Track first can end, and be saved, last.
const { node, chain, workflow } = require('./common');
const { gameballTrigger, triggerWebhookIds } = require('./trigger');

const type = 'n8n-nodes-gameball.gameballDeliveryGuard';

function guardWorkflow() {
	const nodes = [
		gameballTrigger(triggerWebhookIds.guard, ['profileUpdated'], { deduplicate: false }),
		node('Drop Duplicates', type, 1, [250, 0], { operation: 'dropDuplicates', deliveryId: '={{ $json.deliveryId }}', options: {} }),
		node('Track Changes', type, 1, [500, 0], { operation: 'trackChanges', events: ['tierChanged', 'pointsChanged'], options: {} }),
		node('Hold Slow Customers', 'n8n-nodes-base.wait', 1.1, [750, 0], {
			resume: 'timeInterval',
			amount: "={{ String($json.customerId).startsWith('slow-') ? 4 : 0 }}",
			unit: 'seconds',
		}),
	];
	return workflow('gbE2eDeliveryGd1', 'E2E: Gameball Trigger -> Delivery Guard', nodes, chain(...nodes.map(({ name }) => name)));
}

module.exports = { guardWorkflow };
