// Gameball Trigger (its own in-memory deduplication off) -> Delivery Guard: Drop Duplicate Deliveries (n8n's
// processed_data) -> Delivery Guard: Track Tier and Points Changes (static data saved after each execution).
const { node, chain, workflow } = require('./common');
const { gameballTrigger, triggerWebhookIds } = require('./trigger');

const type = 'n8n-nodes-gameball.gameballDeliveryGuard';

function guardWorkflow() {
	const nodes = [
		gameballTrigger(triggerWebhookIds.guard, ['profileUpdated'], { deduplicate: false }),
		node('Drop Duplicates', type, 1, [250, 0], { operation: 'dropDuplicates', deliveryId: '={{ $json.deliveryId }}', options: {} }),
		node('Track Changes', type, 1, [500, 0], { operation: 'trackChanges', events: ['tierChanged', 'pointsChanged'], options: {} }),
	];
	return workflow('gbE2eDeliveryGd1', 'E2E: Gameball Trigger -> Delivery Guard', nodes, chain(...nodes.map(({ name }) => name)));
}

module.exports = { guardWorkflow };
