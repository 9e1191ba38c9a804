// Workflows started by the Gameball Trigger. Each has its own fixed webhookId, so its production URL is
// <n8n>/webhook/<webhookId>/webhook, and the simulator can deliver every topic to all of them.
const { credentialRefs, node, workflow } = require('./common');

const triggerWebhookIds = {
	allEvents: 'a1e0c0de-0001-4b1a-9e11-000000000001',
	tierChanged: 'a1e0c0de-0002-4b1a-9e11-000000000002',
	crm: 'a1e0c0de-0003-4b1a-9e11-000000000003',
	guard: 'a1e0c0de-0004-4b1a-9e11-000000000004',
	automationGet: 'a1e0c0de-0005-4b1a-9e11-000000000005',
	guardFresh: 'a1e0c0de-0006-4b1a-9e11-000000000006',
};

/** The shared secret of the automation workflow's header (the e2e run's own, not a real one). */
const AUTOMATION_SECRET = 'e2e-automation-shared-secret';

function gameballTrigger(webhookId, events, options = {}) {
	return node(
		'Gameball Trigger',
		'n8n-nodes-gameball.gameballTrigger',
		1,
		[0, 0],
		{ source: 'v4', events, verifySignature: true, simplify: true, options },
		{ webhookId, credentials: { gameballApi: credentialRefs.gameball } },
	);
}

/** Every topic, simplified: one execution per accepted delivery. */
function allEventsWorkflow() {
	return workflow('gbE2eTriggerAll1', 'E2E: Gameball Trigger (all events)', [gameballTrigger(triggerWebhookIds.allEvents, [])], {});
}

/** Only the derived Tier Changed event: runs only when a customer's tier order moves between two deliveries. */
function tierChangedWorkflow() {
	return workflow(
		'gbE2eTriggerTier',
		'E2E: Gameball Trigger (tier changed)',
		[gameballTrigger(triggerWebhookIds.tierChanged, ['tierChanged'])],
		{},
	);
}

/** An automation campaign's "Send Webhook" call by GET: n8n must register GET (and not POST) from the parameters. */
function automationGetWorkflow() {
	return workflow('gbE2eTriggerAuto', 'E2E: Gameball Trigger (automation, GET)', [
		node(
			'Gameball Trigger',
			'n8n-nodes-gameball.gameballTrigger',
			1,
			[0, 0],
			{ source: 'automation', automationMethod: 'GET', headerName: 'X-Campaign-Secret', headerSecret: AUTOMATION_SECRET, options: {} },
			{ webhookId: triggerWebhookIds.automationGet },
		),
	], {});
}

module.exports = { triggerWebhookIds, AUTOMATION_SECRET, gameballTrigger, allEventsWorkflow, tierChangedWorkflow, automationGetWorkflow };
