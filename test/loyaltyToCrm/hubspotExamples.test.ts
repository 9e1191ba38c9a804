/**
 * The HubSpot examples' own expressions, evaluated by n8n's expression engine on real Loyalty to CRM items: the last
 * event time reaches HubSpot as epoch milliseconds, which its v3 batch upsert (HTTP Request) takes for a date-time
 * property, and only the properties a customer has are sent.
 */
import type { IDataObject } from 'n8n-workflow';

import * as fixtures from './fixtures';
import { evaluate, exampleNodes, upsertItemOf, type ExampleNode } from './helpers';

function nodesOf(file: string): Map<string, ExampleNode> {
	return new Map(exampleNodes(file).map((node) => [node.name, node]));
}

/** The instant an epoch-milliseconds value names, as ISO 8601. */
function instant(value: unknown): string {
	expect(value).toMatch(/^\d+$/);
	return new Date(Number(value)).toISOString();
}

test('Gameball to HubSpot: the batch upsert sends the last event time as epoch milliseconds, and no property the customer lacks', async () => {
	const nodes = nodesOf('loyalty-gameball-to-hubspot.json');
	const upsertBody = async (profile: IDataObject) => {
		const item = await upsertItemOf((nodes.get('Loyalty to CRM') as ExampleNode).parameters, profile);
		const expression = String((nodes.get('HubSpot: Upsert Contact') as ExampleNode).parameters.jsonBody);
		return (JSON.parse(String(evaluate(expression, item))) as { inputs: Array<IDataObject & { properties: IDataObject }> }).inputs[0];
	};
	const full = await upsertBody(fixtures.triggerProfileItem);
	expect(full).toMatchObject({ idProperty: 'email', id: 'ada@example.com' });
	expect(instant(full.properties.gameball_last_event_at)).toBe(fixtures.triggerProfileItem.createdAt);
	expect(full.properties).toMatchObject({ gameball_tier: 'Gold', gameball_referral_code: 'ADA123', email: 'ada@example.com', mobilephone: '+201000000000' });
	// The HubSpot node would send a row without a value for these (HubSpot may refuse it or clear the field).
	const newcomer = await upsertBody({ ...fixtures.triggerProfileItem, tierName: null, tierOrder: null, referralCode: null, referralLink: null, changes: {} });
	for (const missing of ['gameball_tier', 'gameball_tier_rank', 'gameball_referral_code', 'gameball_referral_link']) {
		expect(newcomer.properties).not.toHaveProperty(missing);
	}
	expect(newcomer.properties).toMatchObject({ gameball_points_available: 90 });
});

test('Open Loyalty to HubSpot: the v3 batch upsert body carries the last event time as epoch milliseconds', async () => {
	const nodes = nodesOf('open-loyalty-to-hubspot.json');
	const input = fixtures.webhookNodeItem(fixtures.olNamedLevelChanged);
	const item = await upsertItemOf((nodes.get('Loyalty to CRM') as ExampleNode).parameters, input);
	const body = JSON.parse(String(evaluate(String((nodes.get('HubSpot: Upsert Contact') as ExampleNode).parameters.jsonBody), item)));
	const sent = (body as { inputs: Array<{ properties: IDataObject }> }).inputs[0].properties.loyalty_last_event_at;
	expect(instant(sent)).toBe(new Date(fixtures.olNamedLevelChanged.createdAt).toISOString());
});

test('Open Loyalty to HubSpot: the upsert writes the email, so an email change found by customer ID reaches HubSpot', async () => {
	const nodes = nodesOf('open-loyalty-to-hubspot.json');
	const upsertBody = async (event: IDataObject) => {
		const item = await upsertItemOf((nodes.get('Loyalty to CRM') as ExampleNode).parameters, fixtures.webhookNodeItem(event));
		const expression = String((nodes.get('HubSpot: Upsert Contact') as ExampleNode).parameters.jsonBody);
		return (JSON.parse(String(evaluate(expression, item))) as { inputs: Array<IDataObject & { properties: IDataObject }> }).inputs[0];
	};
	const changed = await upsertBody(fixtures.olNamedEmailChanged);
	expect(changed).toMatchObject({ idProperty: 'loyalty_customer_id', id: 'ol-42' });
	expect(changed.properties).toMatchObject({ email: 'mila.new@example.com', loyalty_customer_id: 'ol-42' });
	// No email in the event: none is sent, so HubSpot's is kept.
	const anonymous = await upsertBody({ type: 'CustomerUpdated', data: { customerId: 'ol-7' } });
	expect(anonymous.properties).not.toHaveProperty('email');
});

test.each(['loyalty-gameball-to-hubspot.json', 'open-loyalty-to-hubspot.json'])(
	"%s: the task's Due Date is the instant dueAt, not the bare dueDate (which HubSpot's node reads in the server's zone)",
	(file) => {
		const dueDates = exampleNodes(file)
			.filter((node) => node.type === 'n8n-nodes-base.hubspot')
			.flatMap((node) => JSON.stringify(node.parameters).match(/"dueDate":"[^"]*"/g) ?? []);
		expect(dueDates).toEqual(["\"dueDate\":\"={{ $('Loyalty to CRM').item.json.dueAt }}\""]);
	},
);
